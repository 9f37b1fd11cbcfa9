package cn.zhengyin.trust.pdf;

import cn.zhengyin.trust.seal.SealImpression;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDCIDFont;
import org.apache.pdfbox.pdmodel.font.PDCIDFontType2;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;

/**
 * Which characters of a seal impression a page's fonts can draw as text: the page embeds a TrueType subset whose
 * PostScript name is the glyph's font (e.g. the licence's Song face, {@code ABCDEF+BousungEG-Light-GB}) and that holds
 * the character (its {@code CIDToGIDMap} maps a CID to a glyph and its {@code ToUnicode} maps that CID to the
 * character). Those characters are drawn as text in that very font object (a reference, nothing is copied); every
 * other part stays a path. A page without such fonts (any PDF that was not made for the seal) gets paths only.
 */
final class SealText {

    static final SealText NONE = new SealText(Map.of(), Map.of());

    /** Per font name: its resource name in the appearance and the page's font dictionary. */
    private final Map<String, Font> fonts;
    /** The characters drawn as text: "fontName U+cp" → code. */
    private final Map<String, Integer> codes;

    private record Font(String resource, COSDictionary dictionary, Map<Integer, Integer> codeByCharacter) {}

    private SealText(Map<String, Font> fonts, Map<String, Integer> codes) {
        this.fonts = fonts;
        this.codes = codes;
    }

    /** What of {@code impression} can be text on {@code page}; {@link #NONE} if it has no characters or no fonts. */
    static SealText of(PDPage page, Optional<SealImpression> impression) throws IOException {
        if (impression.isEmpty()
                || impression.get().parts().stream().allMatch(p -> p.glyph().isEmpty())) {
            return NONE;
        }
        PDResources resources = page.getResources();
        if (resources == null) {
            return NONE;
        }
        Map<String, Font> fonts = new LinkedHashMap<>();
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            if (!(font instanceof PDType0Font type0)
                    || !(type0.getDescendantFont() instanceof PDCIDFontType2 cid)
                    || !cid.isEmbedded()) {
                continue;
            }
            String baseFont = type0.getName();
            String postScriptName = baseFont.matches("[A-Z]{6}\\+.+") ? baseFont.substring(7) : baseFont;
            if (fonts.containsKey(postScriptName)) {
                continue;
            }
            Map<Integer, Integer> characters = characters(type0, cid);
            if (!characters.isEmpty()) {
                fonts.put(postScriptName, new Font("SealF" + (fonts.size() + 1), type0.getCOSObject(), characters));
            }
        }
        Map<String, Integer> codes = new TreeMap<>();
        Map<String, Font> used = new LinkedHashMap<>();
        for (SealImpression.Part part : impression.get().parts()) {
            part.glyph().ifPresent(g -> {
                Font font = fonts.get(g.fontName());
                Integer code = font == null ? null : font.codeByCharacter().get(g.codePoint());
                if (font != null && code != null) {
                    codes.put(g.fontName() + " U+" + Integer.toHexString(g.codePoint()), code);
                    used.put(g.fontName(), font);
                }
            });
        }
        return codes.isEmpty() ? NONE : new SealText(used, codes);
    }

    /**
     * The characters of an embedded CIDFontType2 with a CIDToGIDMap stream: each CID that maps to a glyph and whose
     * ToUnicode is one character.
     */
    private static Map<Integer, Integer> characters(PDType0Font type0, PDCIDFont cid) throws IOException {
        COSBase map = cid.getCOSObject().getDictionaryObject(COSName.CID_TO_GID_MAP);
        if (!(map instanceof COSStream stream)) {
            return Map.of();
        }
        byte[] gids;
        try (InputStream in = stream.createInputStream()) {
            gids = in.readNBytes(2 * 0x10000);
        }
        Map<Integer, Integer> characters = new HashMap<>();
        for (int code = 1; 2 * code + 1 < gids.length; code++) {
            if (gids[2 * code] == 0 && gids[2 * code + 1] == 0) {
                continue;
            }
            String unicode = type0.toUnicode(code);
            if (unicode != null && unicode.codePointCount(0, unicode.length()) == 1) {
                characters.putIfAbsent(unicode.codePointAt(0), code);
            }
        }
        return characters;
    }

    /** @return the code to draw {@code glyph} with as text, or empty for its outline */
    Optional<SealImpression.TextGlyph> glyph(SealImpression.Glyph glyph) {
        Integer code = codes.get(glyph.fontName() + " U+" + Integer.toHexString(glyph.codePoint()));
        Font font = fonts.get(glyph.fontName());
        return code == null || font == null
                ? Optional.empty()
                : Optional.of(new SealImpression.TextGlyph(font.resource(), code));
    }

    /** What distinguishes appearances drawn with these characters as text from others (part of the cache key). */
    String key() {
        StringBuilder key = new StringBuilder();
        codes.forEach((glyph, code) -> key.append('|').append(glyph).append('=').append(code));
        fonts.forEach((name, font) -> key.append('|').append(name).append('=').append(font.resource()));
        return key.toString();
    }

    /** Adds the page's fonts the appearance draws text with to its resources (the same objects: references). */
    void addFontsTo(PDAppearanceStream appearance) {
        if (fonts.isEmpty()) {
            return;
        }
        PDResources resources = appearance.getResources();
        if (resources == null) {
            resources = new PDResources();
            appearance.setResources(resources);
        }
        COSDictionary fontResources = new COSDictionary();
        fonts.values().forEach(f -> fontResources.setItem(COSName.getPDFName(f.resource()), f.dictionary()));
        resources.getCOSObject().setItem(COSName.FONT, fontResources);
    }
}
