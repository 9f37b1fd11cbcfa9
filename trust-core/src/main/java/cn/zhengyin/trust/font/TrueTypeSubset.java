package cn.zhengyin.trust.font;

import cn.zhengyin.trust.TrustException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;

/**
 * A stand-alone TrueType subset of the characters a document draws, with a Unicode cmap that covers every plane: what a
 * format that looks glyphs up by character (OFD's {@code TextCode}) needs to embed. fontbox's subsetter writes only a
 * BMP (format 4) cmap and refuses characters beyond U+FFFF (CJK Extensions B–F); here it subsets the glyphs without a
 * cmap and a format 12 cmap (Unicode full repertoire and Windows UCS-4 records) is added to the font's table directory.
 */
public final class TrueTypeSubset {

    /** The tables of the subset besides {@code cmap}: outlines, metrics, hinting and naming. */
    private static final List<String> TABLES = List.of(
            "head", "hhea", "loca", "maxp", "cvt ", "prep", "glyf", "hmtx", "fpgm", "gasp", "name", "OS/2", "post");

    private TrueTypeSubset() {}

    /**
     * @param font       a parsed TrueType face (glyf outlines)
     * @param codePoints the characters to keep; each must be covered by the face
     * @return the subset font file
     * @throws TrustException if a character is not in the face or the font cannot be written
     */
    public static byte[] of(TrueTypeFont font, Set<Integer> codePoints) {
        try {
            CmapLookup cmap = font.getUnicodeCmapLookup();
            TTFSubsetter subsetter = new TTFSubsetter(font, TABLES);
            Map<Integer, Integer> oldGlyphs = new TreeMap<>();
            for (int cp : codePoints) {
                int gid = cmap.getGlyphId(cp);
                if (gid == 0) {
                    throw new TrustException("The font has no glyph for " + FontChain.label(cp));
                }
                oldGlyphs.put(cp, gid);
            }
            subsetter.addGlyphIds(new TreeSet<>(oldGlyphs.values()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            subsetter.writeToStream(out);
            Map<Integer, Integer> newByOld = new HashMap<>();
            subsetter.getGIDMap().forEach((newGid, oldGid) -> newByOld.put(oldGid, newGid));
            TreeMap<Integer, Integer> glyphs = new TreeMap<>();
            oldGlyphs.forEach((cp, oldGid) -> glyphs.put(cp, newByOld.get(oldGid)));
            return withTable(out.toByteArray(), "cmap", cmapFormat12(glyphs));
        } catch (IOException e) {
            throw new TrustException("Cannot subset a font: " + e.getMessage(), e);
        }
    }

    /** A cmap with one format 12 subtable (segmented coverage), referenced as Unicode full repertoire and UCS-4. */
    private static byte[] cmapFormat12(TreeMap<Integer, Integer> glyphs) {
        // groups of consecutive characters mapped to consecutive glyphs
        List<int[]> groups = new java.util.ArrayList<>();
        for (Map.Entry<Integer, Integer> e : glyphs.entrySet()) {
            int[] last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last != null && e.getKey() == last[1] + 1 && e.getValue() == last[2] + (last[1] - last[0]) + 1) {
                last[1] = e.getKey();
            } else {
                groups.add(new int[] {e.getKey(), e.getKey(), e.getValue()});
            }
        }
        int subtableLength = 16 + 12 * groups.size();
        ByteBuffer b = ByteBuffer.allocate(4 + 2 * 8 + subtableLength);
        b.putShort((short) 0).putShort((short) 2);
        b.putShort((short) 0).putShort((short) 4).putInt(20); // Unicode, full repertoire
        b.putShort((short) 3).putShort((short) 10).putInt(20); // Windows, UCS-4
        b.putShort((short) 12)
                .putShort((short) 0)
                .putInt(subtableLength)
                .putInt(0)
                .putInt(groups.size());
        for (int[] g : groups) {
            b.putInt(g[0]).putInt(g[1]).putInt(g[2]);
        }
        return b.array();
    }

    /** Rewrites an sfnt file with one more table: the directory sorted by tag, offsets, checksums, head's adjustment. */
    static byte[] withTable(byte[] font, String tag, byte[] table) {
        ByteBuffer in = ByteBuffer.wrap(font);
        int version = in.getInt(0);
        int count = Short.toUnsignedInt(in.getShort(4));
        TreeMap<String, byte[]> tables = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            int record = 12 + 16 * i;
            byte[] name = new byte[4];
            in.get(record, name);
            int offset = in.getInt(record + 8);
            int length = in.getInt(record + 12);
            byte[] data = new byte[length];
            in.get(offset, data);
            tables.put(new String(name, StandardCharsets.ISO_8859_1), data);
        }
        tables.put(tag, table);
        byte[] head = tables.get("head");
        if (head != null) {
            ByteBuffer.wrap(head).putInt(8, 0); // checkSumAdjustment, set below
        }
        int n = tables.size();
        int power = Integer.highestOneBit(n);
        int size = 12 + 16 * n;
        for (byte[] t : tables.values()) {
            size += (t.length + 3) & ~3;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(version)
                .putShort((short) n)
                .putShort((short) (power * 16))
                .putShort((short) Integer.numberOfTrailingZeros(power))
                .putShort((short) (n * 16 - power * 16));
        int offset = 12 + 16 * n;
        int headOffset = -1;
        for (Map.Entry<String, byte[]> e : tables.entrySet()) {
            byte[] t = e.getValue();
            out.put(e.getKey().getBytes(StandardCharsets.ISO_8859_1))
                    .putInt(checksum(t))
                    .putInt(offset)
                    .putInt(t.length);
            out.put(offset, t);
            if (e.getKey().equals("head")) {
                headOffset = offset;
            }
            offset += (t.length + 3) & ~3;
        }
        if (headOffset >= 0) {
            out.putInt(headOffset + 8, (int) (0xB1B0AFBAL - Integer.toUnsignedLong(checksum(out.array()))));
        }
        return out.array();
    }

    private static int checksum(byte[] data) {
        long sum = 0;
        for (int i = 0; i < data.length; i += 4) {
            long word = 0;
            for (int j = 0; j < 4; j++) {
                word = (word << 8) | (i + j < data.length ? data[i + j] & 0xFF : 0);
            }
            sum += word;
        }
        return (int) sum;
    }
}
