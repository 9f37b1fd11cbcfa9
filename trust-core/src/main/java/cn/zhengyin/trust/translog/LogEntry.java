package cn.zhengyin.trust.translog;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One logged licence event: a commitment to what happened, with no personal data in clear. It holds the licence
 * version's identifier (GB/T 36904: type code, issuing authority's code, serial, version — no holder data), the
 * version number, the event type (ISSUED, AMENDED, SUSPENDED, …), the SHA-256 of each rendition of the version and the
 * time, to the millisecond. The holder's name and code are never part of an entry.
 *
 * <p>{@link #leafData()} is the canonical encoding hashed into the tree (big-endian integers):
 * <pre>
 *   "zhengyin-translog-entry/1" 0x00
 *   uint16 length, identifier (UTF-8)
 *   uint32 version
 *   uint16 length, eventType (ASCII)
 *   uint8  count of documents, then for each: uint16 length, kind (ASCII), 32 bytes SHA-256
 *   int64  time, milliseconds since 1970-01-01T00:00:00Z
 * </pre>
 *
 * @param documents the renditions in the order the licence lists them
 * @param time      when the event happened; truncated to milliseconds
 */
public record LogEntry(String identifier, int version, String eventType, List<DocumentHash> documents, Instant time) {
    /** The domain-separation tag that starts every leaf. */
    public static final String TAG = "zhengyin-translog-entry/1";

    private static final Pattern IDENTIFIER = Pattern.compile("[\\x21-\\x7E]{1,256}");
    private static final Pattern TOKEN = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    /**
     * The hash of one rendition of the version.
     *
     * @param kind   PDF, XML, JSON, … (upper-case letters, digits, '_')
     * @param sha256 SHA-256 of the file
     */
    public record DocumentHash(String kind, HashValue sha256) {
        public DocumentHash {
            if (kind == null || !TOKEN.matcher(kind).matches()) {
                throw new TransparencyLogException("document kind '" + kind + "' is not 1-64 upper-case letters,"
                        + " digits or '_' starting with a letter");
            }
            if (sha256 == null) {
                throw new TransparencyLogException("document " + kind + " has no SHA-256");
            }
        }
    }

    public LogEntry {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            throw new TransparencyLogException("identifier '" + identifier + "' is not 1-256 printable ASCII"
                    + " characters; log the GB/T 36904 licence identifier");
        }
        if (version < 0) {
            throw new TransparencyLogException("version " + version + " is negative");
        }
        if (eventType == null || !TOKEN.matcher(eventType).matches()) {
            throw new TransparencyLogException("event type '" + eventType + "' is not 1-64 upper-case letters,"
                    + " digits or '_' starting with a letter");
        }
        documents = List.copyOf(documents);
        if (documents.size() > 255) {
            throw new TransparencyLogException("an entry lists at most 255 documents, this one " + documents.size());
        }
        if (time == null) {
            throw new TransparencyLogException("an entry needs a time");
        }
        time = time.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The canonical bytes hashed into the log (format above). */
    public byte[] leafData() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(TAG.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        writeString(out, identifier.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(ByteBuffer.allocate(4).putInt(version).array());
        writeString(out, eventType.getBytes(StandardCharsets.US_ASCII));
        out.write(documents.size());
        for (DocumentHash d : documents) {
            writeString(out, d.kind().getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(d.sha256().unsafeBytes());
        }
        out.writeBytes(ByteBuffer.allocate(8).putLong(time.toEpochMilli()).array());
        return out.toByteArray();
    }

    /** RFC 9162 leaf hash of {@link #leafData()}. */
    public HashValue leafHash() {
        return MerkleHashing.leafHash(leafData());
    }

    private static void writeString(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) bytes.length).array());
        out.writeBytes(bytes);
    }
}
