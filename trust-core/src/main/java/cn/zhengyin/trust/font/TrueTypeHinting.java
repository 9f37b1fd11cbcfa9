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
        return strip(font, 1);
    }

    /**
     * Like {@link #strip(byte[])}, and every outline point of the simple glyphs is moved to the nearest multiple of
     * {@code gridUnits} font units (glyph bounding boxes and left side bearings recomputed; composite glyphs and
     * advances unchanged).
     * Coarser coordinates deflate better: for the Song face at 1,024 units per em, a grid of 4 units (1/256 em: 0.016
     * mm at 12 pt, under a fifth of a pixel at 300 dpi) makes a licence's glyph subset about 11 % smaller compressed.
     *
     * @param gridUnits 1 keeps the coordinates; 1..64
     */
    public static byte[] strip(byte[] font, int gridUnits) {
        if (gridUnits < 1 || gridUnits > 64) {
            throw new IllegalArgumentException("grid of " + gridUnits + " font units is outside 1..64");
        }
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
            byte[] hhea = tables.get("hhea");
            byte[] hmtx = gridUnits > 1 && tables.get("hmtx") != null
                    ? tables.get("hmtx").clone()
                    : null;
            int numberOfHMetrics = hhea == null ? 0 : ByteBuffer.wrap(hhea).getShort(34) & 0xFFFF;
            ByteArrayOutputStream newGlyf = new ByteArrayOutputStream(glyf.length);
            ByteBuffer newLoca = ByteBuffer.allocate(4 * (glyphs + 1));
            for (int g = 0; g < glyphs; g++) {
                int start = longLoca ? l.getInt(4 * g) : 2 * (l.getShort(2 * g) & 0xFFFF);
                int end = longLoca ? l.getInt(4 * g + 4) : 2 * (l.getShort(2 * g + 2) & 0xFFFF);
                newLoca.putInt(newGlyf.size());
                if (end > start) {
                    byte[] stripped =
                            glyph(ByteBuffer.wrap(glyf, start, end - start).slice());
                    if (gridUnits > 1 && ByteBuffer.wrap(stripped).getShort(0) > 0) {
                        stripped = rounded(stripped, gridUnits);
                        // the left side bearing follows the glyph's new xMin (readers place the outline by it)
                        int lsbAt =
                                g < numberOfHMetrics ? 4 * g + 2 : 4 * numberOfHMetrics + 2 * (g - numberOfHMetrics);
                        if (hmtx != null && lsbAt + 2 <= hmtx.length) {
                            ByteBuffer.wrap(hmtx)
                                    .putShort(lsbAt, ByteBuffer.wrap(stripped).getShort(2));
                        }
                    }
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
            if (hmtx != null) {
                tables.put("hmtx", hmtx);
            }
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

    private static final int ON_CURVE = 0x01;
    private static final int X_SHORT = 0x02;
    private static final int Y_SHORT = 0x04;
    private static final int REPEAT = 0x08;
    private static final int X_SAME_OR_POSITIVE = 0x10;
    private static final int Y_SAME_OR_POSITIVE = 0x20;
    private static final int OVERLAP_SIMPLE = 0x40;

    /** A simple glyph without instructions, its points moved to multiples of {@code grid} and re-encoded compactly. */
    private static byte[] rounded(byte[] glyph, int grid) {
        ByteBuffer b = ByteBuffer.wrap(glyph);
        int contours = b.getShort(0);
        int points = (b.getShort(10 + 2 * (contours - 1)) & 0xFFFF) + 1;
        int at = 10 + 2 * contours + 2; // instruction length is 0 here
        int[] flags = new int[points];
        for (int i = 0; i < points; ) {
            int f = b.get(at++) & 0xFF;
            flags[i++] = f;
            if ((f & REPEAT) != 0) {
                for (int r = b.get(at++) & 0xFF; r > 0; r--) {
                    flags[i++] = f;
                }
            }
        }
        int[] x = new int[points];
        int[] y = new int[points];
        at = coordinates(b, at, flags, x, X_SHORT, X_SAME_OR_POSITIVE);
        coordinates(b, at, flags, y, Y_SHORT, Y_SAME_OR_POSITIVE);
        int xMin = Integer.MAX_VALUE;
        int yMin = Integer.MAX_VALUE;
        int xMax = Integer.MIN_VALUE;
        int yMax = Integer.MIN_VALUE;
        for (int i = 0; i < points; i++) {
            x[i] = Math.round(x[i] / (float) grid) * grid;
            y[i] = Math.round(y[i] / (float) grid) * grid;
            xMin = Math.min(xMin, x[i]);
            yMin = Math.min(yMin, y[i]);
            xMax = Math.max(xMax, x[i]);
            yMax = Math.max(yMax, y[i]);
        }
        ByteArrayOutputStream newFlags = new ByteArrayOutputStream(points);
        ByteArrayOutputStream xs = new ByteArrayOutputStream(2 * points);
        ByteArrayOutputStream ys = new ByteArrayOutputStream(2 * points);
        int[] encoded = new int[points];
        for (int i = 0; i < points; i++) {
            int f = (flags[i] & ON_CURVE) | (i == 0 ? flags[0] & OVERLAP_SIMPLE : 0);
            f |= delta(xs, x[i] - (i == 0 ? 0 : x[i - 1]), X_SHORT, X_SAME_OR_POSITIVE);
            f |= delta(ys, y[i] - (i == 0 ? 0 : y[i - 1]), Y_SHORT, Y_SAME_OR_POSITIVE);
            encoded[i] = f;
        }
        for (int i = 0; i < points; ) {
            int run = 1;
            while (i + run < points && encoded[i + run] == encoded[i] && run < 256) {
                run++;
            }
            if (run > 1) {
                newFlags.write(encoded[i] | REPEAT);
                newFlags.write(run - 1);
            } else {
                newFlags.write(encoded[i]);
            }
            i += run;
        }
        ByteBuffer out = ByteBuffer.allocate(10 + 2 * contours + 2 + newFlags.size() + xs.size() + ys.size());
        out.putShort((short) contours)
                .putShort((short) xMin)
                .putShort((short) yMin)
                .putShort((short) xMax)
                .putShort((short) yMax);
        out.put(glyph, 10, 2 * contours).putShort((short) 0);
        out.put(newFlags.toByteArray()).put(xs.toByteArray()).put(ys.toByteArray());
        return out.array();
    }

    /** Reads one axis's deltas into absolute coordinates; returns the offset after them. */
    private static int coordinates(ByteBuffer b, int at, int[] flags, int[] into, int shortBit, int sameBit) {
        int value = 0;
        for (int i = 0; i < flags.length; i++) {
            if ((flags[i] & shortBit) != 0) {
                int d = b.get(at++) & 0xFF;
                value += (flags[i] & sameBit) != 0 ? d : -d;
            } else if ((flags[i] & sameBit) == 0) {
                value += b.getShort(at);
                at += 2;
            }
            into[i] = value;
        }
        return at;
    }

    /** Writes one delta in its shortest form; returns its flag bits. */
    private static int delta(ByteArrayOutputStream out, int d, int shortBit, int sameBit) {
        if (d == 0) {
            return sameBit;
        }
        if (d > -256 && d < 256) {
            out.write(Math.abs(d));
            return shortBit | (d > 0 ? sameBit : 0);
        }
        out.write(d >> 8);
        out.write(d);
        return 0;
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
