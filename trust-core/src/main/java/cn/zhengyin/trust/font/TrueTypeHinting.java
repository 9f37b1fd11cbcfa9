package cn.zhengyin.trust.font;

import cn.zhengyin.trust.TrustException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Removes the hinting of a TrueType font: the instructions of every glyph and the {@code fpgm}, {@code prep},
 * {@code cvt }, {@code hdmx}, {@code LTSH} and {@code VDMX} tables. Outlines, metrics, cmap and names are unchanged,
 * so the glyphs have the same shape and advance; only the grid-fitting that a rasteriser may apply at small pixel
 * sizes goes (PDF and OFD readers draw embedded CJK text unhinted or auto-hinted in practice, and at 300 dpi there is
 * nothing to fit). For the Song face this is about a tenth of every glyph's bytes, and so of every embedded subset.
 */
public final class TrueTypeHinting {

    private static final Set<String> HINTING_TABLES = Set.of("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX");

    private static final int ARG_1_AND_2_ARE_WORDS = 0x0001;
    private static final int WE_HAVE_A_SCALE = 0x0008;
    private static final int MORE_COMPONENTS = 0x0020;
    private static final int WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
    private static final int WE_HAVE_A_TWO_BY_TWO = 0x0080;
    private static final int WE_HAVE_INSTRUCTIONS = 0x0100;

    private TrueTypeHinting() {}

    /**
     * @param font a TrueType font file ({@code glyf} outlines)
     * @return the same font without hinting instructions ({@code loca} in the long format)
     * @throws TrustException if the font's tables cannot be read
     */
    public static byte[] strip(byte[] font) {
        try {
            ByteBuffer in = ByteBuffer.wrap(font);
            int numTables = in.getShort(4) & 0xFFFF;
            Map<String, byte[]> tables = new TreeMap<>();
            for (int i = 0; i < numTables; i++) {
                int record = 12 + 16 * i;
                byte[] tagBytes = new byte[4];
                in.get(record, tagBytes);
                String tag = new String(tagBytes, java.nio.charset.StandardCharsets.ISO_8859_1);
                int offset = in.getInt(record + 8);
                int length = in.getInt(record + 4 + 8);
                byte[] table = new byte[length];
                in.get(offset, table);
                tables.put(tag, table);
            }
            byte[] head = tables.get("head");
            byte[] maxp = tables.get("maxp");
            byte[] loca = tables.get("loca");
            byte[] glyf = tables.get("glyf");
            if (head == null || maxp == null || loca == null || glyf == null) {
                throw new TrustException("not a TrueType font with glyf outlines");
            }
            boolean longLoca = ByteBuffer.wrap(head).getShort(50) == 1;
            int glyphs = ByteBuffer.wrap(maxp).getShort(4) & 0xFFFF;
            ByteBuffer l = ByteBuffer.wrap(loca);
            ByteArrayOutputStream newGlyf = new ByteArrayOutputStream(glyf.length);
            ByteBuffer newLoca = ByteBuffer.allocate(4 * (glyphs + 1));
            for (int g = 0; g < glyphs; g++) {
                int start = longLoca ? l.getInt(4 * g) : 2 * (l.getShort(2 * g) & 0xFFFF);
                int end = longLoca ? l.getInt(4 * g + 4) : 2 * (l.getShort(2 * g + 2) & 0xFFFF);
                newLoca.putInt(newGlyf.size());
                if (end > start) {
                    byte[] stripped =
                            glyph(ByteBuffer.wrap(glyf, start, end - start).slice());
                    newGlyf.write(stripped, 0, stripped.length);
                    while (newGlyf.size() % 4 != 0) {
                        newGlyf.write(0);
                    }
                }
            }
            newLoca.putInt(newGlyf.size());
            head = head.clone();
            ByteBuffer.wrap(head).putShort(50, (short) 1);
            ByteBuffer.wrap(head).putInt(8, 0); // checkSumAdjustment, set below
            tables.put("head", head);
            tables.put("loca", newLoca.array());
            tables.put("glyf", newGlyf.toByteArray());
            tables.keySet().removeAll(HINTING_TABLES);
            return write(in.getInt(0), tables);
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new TrustException("Cannot remove the hinting of a font: its tables are truncated", e);
        }
    }

    /** One glyph's bytes without instructions. */
    private static byte[] glyph(ByteBuffer g) {
        int contours = g.getShort(0);
        byte[] bytes = new byte[g.remaining()];
        g.get(0, bytes);
        if (contours >= 0) {
            int instructionLengthAt = 10 + 2 * contours;
            int instructions = g.getShort(instructionLengthAt) & 0xFFFF;
            int rest = instructionLengthAt + 2 + instructions;
            byte[] out = new byte[bytes.length - instructions];
            System.arraycopy(bytes, 0, out, 0, instructionLengthAt);
            // instruction length 0 (already zero in the new array), then flags and coordinates
            System.arraycopy(bytes, rest, out, instructionLengthAt + 2, bytes.length - rest);
            return out;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int at = 10;
        int flags;
        do {
            flags = b.getShort(at) & 0xFFFF;
            b.putShort(at, (short) (flags & ~WE_HAVE_INSTRUCTIONS));
            at += 4 + ((flags & ARG_1_AND_2_ARE_WORDS) != 0 ? 4 : 2);
            if ((flags & WE_HAVE_A_SCALE) != 0) {
                at += 2;
            } else if ((flags & WE_HAVE_AN_X_AND_Y_SCALE) != 0) {
                at += 4;
            } else if ((flags & WE_HAVE_A_TWO_BY_TWO) != 0) {
                at += 8;
            }
        } while ((flags & MORE_COMPONENTS) != 0);
        byte[] out = new byte[at];
        System.arraycopy(bytes, 0, out, 0, at);
        return out;
    }

    /** A font file of these tables (sorted by tag, 4-byte aligned, checksums and checkSumAdjustment set). */
    private static byte[] write(int sfntVersion, Map<String, byte[]> tables) {
        int n = tables.size();
        int power = Integer.highestOneBit(n);
        int entrySelector = Integer.numberOfTrailingZeros(power);
        int directory = 12 + 16 * n;
        int total = directory;
        for (byte[] t : tables.values()) {
            total += (t.length + 3) & ~3;
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        out.putInt(sfntVersion)
                .putShort((short) n)
                .putShort((short) (16 * power))
                .putShort((short) entrySelector)
                .putShort((short) (16 * n - 16 * power));
        int offset = directory;
        int headOffset = -1;
        for (Map.Entry<String, byte[]> e : tables.entrySet()) {
            byte[] t = e.getValue();
            out.put(e.getKey().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                    .putInt((int) checksum(t))
                    .putInt(offset)
                    .putInt(t.length);
            out.put(offset, t);
            if (e.getKey().equals("head")) {
                headOffset = offset;
            }
            offset += (t.length + 3) & ~3;
        }
        byte[] file = out.array();
        if (headOffset >= 0) {
            ByteBuffer.wrap(file).putInt(headOffset + 8, (int) (0xB1B0AFBAL - checksum(file)));
        }
        return file;
    }

    private static long checksum(byte[] data) {
        long sum = 0;
        for (int i = 0; i < data.length; i += 4) {
            long word = 0;
            for (int k = 0; k < 4; k++) {
                word = word << 8 | (i + k < data.length ? data[i + k] & 0xFF : 0);
            }
            sum = (sum + word) & 0xFFFFFFFFL;
        }
        return sum;
    }
}
