package cn.zhengyin.trust.ofd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The parts of an OFD package (a ZIP container, GB/T 33190 §7.2), by path without a leading slash
 * ({@code OFD.xml}, {@code Doc_0/Document.xml}, …), in the order of the ZIP's central directory.
 *
 * <p>Reading is strict, because a verifier must see exactly what a reader shows: the central directory decides
 * (as in ZIP readers generally); each entry's local header must name the same part and agree on method and sizes;
 * the CRC is checked. Refused: encryption, ZIP64, methods other than stored and deflate, duplicate names (also
 * differing only in case), absolute names, {@code ..} or {@code \} in names, more than {@value #MAX_PARTS} parts,
 * more than {@value #MAX_TOTAL_BYTES} bytes uncompressed or a compression ratio over {@value #MAX_RATIO}.
 *
 * <p>Writing is deterministic: parts in insertion order, DEFLATE, a fixed timestamp, no directory entries. Immutable.
 */
public final class OfdPackage {

    public static final String ENTRY_FILE = "OFD.xml";
    public static final int MAX_PARTS = 10_000;
    public static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;
    public static final int MAX_RATIO = 200;

    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    /** 2026-01-01T00:00:00Z: every written entry carries it, so equal parts give equal packages. */
    private static final long FIXED_TIME = 1_767_225_600_000L;

    private final Map<String, byte[]> parts;

    private OfdPackage(Map<String, byte[]> parts) {
        this.parts = parts;
    }

    /** A package of these parts, in this order (the bytes are copied). */
    public static OfdPackage of(Map<String, byte[]> parts) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        Set<String> lower = new HashSet<>();
        parts.forEach((name, bytes) -> {
            checkName(name);
            if (!lower.add(name.toLowerCase(Locale.ROOT))) {
                throw new OfdFormatException("Part " + name + " occurs twice (names are compared without case).");
            }
            copy.put(name, bytes.clone());
        });
        return new OfdPackage(Collections.unmodifiableMap(copy));
    }

    /** Whether the bytes look like an OFD: a ZIP (local header signature) whose central directory names OFD.xml. */
    public static boolean looksLikeOfd(byte[] bytes) {
        if (bytes.length < 30 || le32(bytes, 0) != LOCAL) {
            return false;
        }
        try {
            return read(bytes).part(ENTRY_FILE).isPresent();
        } catch (OfdFormatException e) {
            return false;
        }
    }

    /**
     * @throws OfdFormatException if the bytes are not a ZIP this reader accepts (see the class comment)
     */
    public static OfdPackage read(byte[] zip) {
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = findEnd(zip);
        int disk = u16(buf, end + 4);
        int cdDisk = u16(buf, end + 6);
        int count = u16(buf, end + 10);
        long cdSize = u32(buf, end + 12);
        long cdOffset = u32(buf, end + 16);
        if (disk != 0 || cdDisk != 0 || u16(buf, end + 8) != count) {
            throw new OfdFormatException("Multi-volume ZIP archives are not OFD packages.");
        }
        if (count == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
            throw new OfdFormatException("ZIP64 archives are not accepted (an OFD licence is small).");
        }
        if (count > MAX_PARTS) {
            throw new OfdFormatException("The package has " + count + " entries; at most " + MAX_PARTS + ".");
        }
        if (cdOffset + cdSize > end) {
            throw new OfdFormatException("The ZIP central directory lies outside the file.");
        }
        Map<String, byte[]> parts = new LinkedHashMap<>();
        Set<String> lower = new HashSet<>();
        long total = 0;
        int p = (int) cdOffset;
        for (int i = 0; i < count; i++) {
            if (p + 46 > end || buf.getInt(p) != CENTRAL) {
                throw new OfdFormatException("ZIP central directory entry " + i + " is malformed.");
            }
            int flags = u16(buf, p + 8);
            int method = u16(buf, p + 10);
            long crc = u32(buf, p + 16);
            long compressed = u32(buf, p + 20);
            long size = u32(buf, p + 24);
            int nameLength = u16(buf, p + 28);
            int extraLength = u16(buf, p + 30);
            int commentLength = u16(buf, p + 32);
            long localOffset = u32(buf, p + 42);
            if (p + 46L + nameLength + extraLength + commentLength > end) {
                throw new OfdFormatException("ZIP central directory entry " + i + " runs past the directory.");
            }
            String name = new String(zip, p + 46, nameLength, StandardCharsets.UTF_8);
            p += 46 + nameLength + extraLength + commentLength;
            if ((flags & 1) != 0) {
                throw new OfdFormatException("Part " + name + " is encrypted; encrypted packages are not accepted.");
            }
            if (method != 0 && method != 8) {
                throw new OfdFormatException("Part " + name + " uses ZIP method " + method
                        + "; only stored (0) and deflate (8) are accepted.");
            }
            if (name.endsWith("/")) {
                if (size != 0) {
                    throw new OfdFormatException("Directory entry " + name + " has content.");
                }
                continue;
            }
            checkName(name);
            if (!lower.add(name.toLowerCase(Locale.ROOT))) {
                throw new OfdFormatException("Part " + name + " occurs twice in the package (names are compared"
                        + " without case): a reader could show either copy.");
            }
            total += size;
            if (total > MAX_TOTAL_BYTES) {
                throw new OfdFormatException("The package's parts exceed " + MAX_TOTAL_BYTES + " bytes uncompressed.");
            }
            if (size > Math.max(compressed, 1) * MAX_RATIO) {
                throw new OfdFormatException("Part " + name + " claims a compression ratio over " + MAX_RATIO + ".");
            }
            parts.put(name, local(zip, buf, name, localOffset, method, compressed, size, crc, (int) cdOffset));
        }
        if (p != cdOffset + cdSize) {
            throw new OfdFormatException("The ZIP central directory size does not match its entries.");
        }
        return new OfdPackage(Collections.unmodifiableMap(parts));
    }

    private static byte[] local(
            byte[] zip,
            ByteBuffer buf,
            String name,
            long offset,
            int method,
            long compressed,
            long size,
            long crc,
            int cdOffset) {
        if (offset + 30 > cdOffset || buf.getInt((int) offset) != LOCAL) {
            throw new OfdFormatException("The local header of part " + name + " is missing or malformed.");
        }
        int o = (int) offset;
        int localMethod = u16(buf, o + 8);
        int nameLength = u16(buf, o + 26);
        int extraLength = u16(buf, o + 28);
        String localName =
                o + 30 + nameLength > cdOffset ? "" : new String(zip, o + 30, nameLength, StandardCharsets.UTF_8);
        if (!localName.equals(name) || localMethod != method) {
            throw new OfdFormatException("The local header of part " + name + " disagrees with the central directory"
                    + " (name '" + localName + "', method " + localMethod + "): readers could see different parts.");
        }
        long dataStart = o + 30L + nameLength + extraLength;
        if (dataStart + compressed > cdOffset) {
            throw new OfdFormatException("The data of part " + name + " runs into the central directory.");
        }
        byte[] data;
        if (method == 0) {
            if (compressed != size) {
                throw new OfdFormatException("Stored part " + name + " has different compressed and actual sizes.");
            }
            data = java.util.Arrays.copyOfRange(zip, (int) dataStart, (int) (dataStart + size));
        } else {
            data = inflate(zip, (int) dataStart, (int) compressed, size, name);
        }
        CRC32 check = new CRC32();
        check.update(data);
        if (check.getValue() != crc) {
            throw new OfdFormatException("Part " + name + " fails its ZIP CRC-32 check: the archive is damaged.");
        }
        return data;
    }

    private static byte[] inflate(byte[] zip, int start, int length, long size, String name) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(zip, start, length);
            byte[] out = new byte[(int) size];
            int n = 0;
            while (n < out.length && !inflater.finished()) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            byte[] probe = new byte[1];
            if (n != out.length || (!inflater.finished() && inflater.inflate(probe) > 0)) {
                throw new OfdFormatException("Part " + name + " does not inflate to its stated size " + size + ".");
            }
            return out;
        } catch (DataFormatException e) {
            throw new OfdFormatException("Part " + name + " is not valid deflate data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static int findEnd(byte[] zip) {
        for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
            if (le32(zip, i) == END && i + 22 + ((zip[i + 20] & 0xff) | (zip[i + 21] & 0xff) << 8) == zip.length) {
                return i;
            }
        }
        throw new OfdFormatException("Not a ZIP archive (no end of central directory): an OFD file is a ZIP package.");
    }

    private static void checkName(String name) {
        if (name.isEmpty()
                || name.startsWith("/")
                || name.contains("\\")
                || name.contains("//")
                || name.indexOf('\0') >= 0
                || List.of(name.split("/", -1)).stream().anyMatch(s -> s.equals("..") || s.equals("."))) {
            throw new OfdFormatException(
                    "Part name '" + name + "' is not a safe relative path (no leading /, \\, '.' or '..').");
        }
    }

    /** The parts, by path (no leading slash), in package order. */
    public Map<String, byte[]> parts() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        parts.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /** The part names in package order. */
    public List<String> names() {
        return List.copyOf(parts.keySet());
    }

    /** @param path a part path, with or without a leading slash */
    public Optional<byte[]> part(String path) {
        byte[] bytes = parts.get(path.startsWith("/") ? path.substring(1) : path);
        return Optional.ofNullable(bytes).map(byte[]::clone);
    }

    /** A package with this part added or replaced (a new part goes last). */
    public OfdPackage with(String path, byte[] content) {
        Map<String, byte[]> copy = new LinkedHashMap<>(parts);
        copy.put(path.startsWith("/") ? path.substring(1) : path, content);
        return of(copy);
    }

    /** A package without this part. */
    public OfdPackage without(String path) {
        Map<String, byte[]> copy = new LinkedHashMap<>(parts);
        copy.remove(path.startsWith("/") ? path.substring(1) : path);
        return of(copy);
    }

    /** The ZIP bytes (deterministic for equal parts in equal order). */
    public byte[] write() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            zip.setLevel(6);
            for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                ZipEntry entry = new ZipEntry(part.getKey());
                entry.setTime(FIXED_TIME);
                zip.putNextEntry(entry);
                zip.write(part.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new OfdFormatException("Cannot write the OFD package: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    private static int u16(ByteBuffer buf, int i) {
        if (i + 2 > buf.limit()) {
            throw new OfdFormatException("The ZIP archive is truncated.");
        }
        return buf.getShort(i) & 0xffff;
    }

    private static long u32(ByteBuffer buf, int i) {
        if (i + 4 > buf.limit()) {
            throw new OfdFormatException("The ZIP archive is truncated.");
        }
        return buf.getInt(i) & 0xffffffffL;
    }
}
