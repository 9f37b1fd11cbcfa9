package cn.zhengyin.trust.font;

import cn.zhengyin.trust.TrustException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.zip.GZIPInputStream;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The TrueType faces bundled in trust-core (gzipped on the class path, glyf outlines, embedding and subsetting
 * permitted). {@link FontChain#cjk()} puts them in the order in which they are asked for a glyph.
 *
 * <p>Each face is decompressed on first use and kept for the life of the class loader (the Song face about 5 MB,
 * HanaMinA's subset 11 MB, HanaMinB 31 MB); a face that no text needs is never loaded. {@link #openStream()} reads the
 * cached bytes without copying them; {@link #bytes()} returns a copy. Each {@link #parse()} and {@link #parseUnhinted()}
 * is a fontbox {@link TrueTypeFont} that holds a copy of the face and one more of its glyf table (fontbox 3.0.8's
 * parser copies both; ~8.6 MB for the Song face): renderers borrow parsed faces from {@link ParsedFaces}. Thread-safe.
 */
public enum CjkFace {
    /**
     * "AR PL SungtiL GB" (文鼎ＰＬ简报宋), PostScript name {@code BousungEG-Light-GB}: the Song face of every licence
     * and seal, GB 2312 (7,573 characters). Arphic Public License.
     */
    SONG_TI(
            "AR PL SungtiL GB",
            "BousungEG-Light-GB",
            "ar-pl-sungtil-gb.ttf.gz",
            "ARPHIC-LICENSE.txt",
            "Arphic Public License"),
    /**
     * HanaMinA (花園明朝A, GlyphWiki Project, 2017-09-04), cut to the GB 18030-2022 characters of the Basic Multilingual
     * Plane that the Song face lacks: the rest of the two-byte part (GBK), CJK Extension A, U+9FA6..U+9FEA, radicals,
     * strokes, compatibility ideographs. Hanazono Font License.
     */
    HANA_MIN_A("HanaMinA", "HanaMinA", "hanamin-a-gb18030.ttf.gz", "HANAZONO-LICENSE.txt", "Hanazono Font License"),
    /** HanaMinB (花園明朝B), unmodified: CJK Unified Ideographs Extensions B, C, D, E and F. Hanazono Font License. */
    HANA_MIN_B("HanaMinB", "HanaMinB", "hanamin-b.ttf.gz", "HANAZONO-LICENSE.txt", "Hanazono Font License"),
    /**
     * BabelStone Han 15.0.5, cut to U+9FEB..U+9FEF (鿫鿬鿭鿮鿯), ideographs GB 18030-2022 requires that no other face has.
     * Arphic Public License (notice in {@code BABELSTONE-HAN-NOTICE.txt}).
     */
    BABELSTONE_HAN(
            "BabelStone Han",
            "BabelStoneHan",
            "babelstone-han-gb18030-extra.ttf.gz",
            "ARPHIC-LICENSE.txt",
            "Arphic Public License");

    /** The highest code point whose coverage is recorded (end of the Tertiary Ideographic Plane). */
    static final int LAST_CODE_POINT = 0x3FFFF;

    private static final String FOLDER = "/cn/zhengyin/trust/font/";
    private final String familyName;
    private final String postScriptName;
    private final String resource;
    private final String licenceResource;
    private final String licenceName;
    /** Set once, on first use (double-checked under this face's lock, so loading one face never waits for another). */
    private volatile @Nullable Loaded loaded;

    private volatile byte @Nullable [] unhinted;

    CjkFace(String familyName, String postScriptName, String file, String licenceFile, String licenceName) {
        this.familyName = familyName;
        this.postScriptName = postScriptName;
        this.resource = FOLDER + file;
        this.licenceResource = FOLDER + licenceFile;
        this.licenceName = licenceName;
    }

    /** The family name in the font's name table, e.g. {@code AR PL SungtiL GB}. */
    public String familyName() {
        return familyName;
    }

    /** The PostScript name (what {@code pdffonts} shows after the subset tag). */
    public String postScriptName() {
        return postScriptName;
    }

    /** Class-path location of the gzipped font. */
    public String resource() {
        return resource;
    }

    /** Class-path location of the licence text that covers the face. */
    public String licenceResource() {
        return licenceResource;
    }

    /** The licence's name, e.g. {@code Arphic Public License}. */
    public String licenceName() {
        return licenceName;
    }

    /** Whether the face has a glyph for {@code codePoint} (its Unicode cmap maps it to a glyph other than .notdef). */
    public boolean covers(int codePoint) {
        return codePoint >= 0
                && codePoint <= LAST_CODE_POINT
                && loaded().coverage.get(codePoint);
    }

    /** How many code points the face covers. */
    public int coveredCount() {
        return loaded().coverage.cardinality();
    }

    /**
     * @return a copy of the uncompressed TrueType bytes
     * @throws TrustException if the resource is missing from the class path (a broken build)
     */
    public byte[] bytes() {
        return loaded().bytes.clone();
    }

    /** The uncompressed TrueType bytes as a stream over the cached face, without a copy (e.g. for AWT's createFont). */
    public InputStream openStream() {
        return new ByteArrayInputStream(loaded().bytes);
    }

    /**
     * A new fontbox parse of the face (fontbox copies the bytes into it), e.g. for
     * {@code PDType0Font.load(document, face.parse(), true)}. A {@link TrueTypeFont} reads glyphs lazily and is not
     * documented as thread-safe: use it from one thread at a time; closing it releases nothing shared.
     */
    public TrueTypeFont parse() {
        try {
            return new TTFParser()
                    .parse(new RandomAccessReadBuffer(
                            ByteBuffer.wrap(loaded().bytes).asReadOnlyBuffer()));
        } catch (IOException e) {
            throw new TrustException("Cannot parse the bundled font " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Outline points of embedded subsets are kept to 1/256 em. */
    static final int DOCUMENT_GRID_PER_EM = 256;

    private static int headOffset(byte[] font) {
        ByteBuffer b = ByteBuffer.wrap(font);
        int tables = b.getShort(4) & 0xFFFF;
        for (int i = 0; i < tables; i++) {
            if (b.getInt(12 + 16 * i) == 0x68656164) { // 'head'
                return b.getInt(12 + 16 * i + 8);
            }
        }
        throw new TrustException("The bundled font has no head table");
    }

    /**
     * Like {@link #parse()}, over the face without its hinting and with its outline points on a grid of 1/256 em
     * ({@link TrueTypeHinting#strip(byte[], int)}): what documents embed (PDF and OFD subsets), about a fifth smaller
     * compressed, same metrics, outlines within 1/512 em of the face's (0.02 mm at 12 pt, a quarter of a pixel at 300
     * dpi). The bytes are made once, when first asked for, and kept beside the face.
     */
    public TrueTypeFont parseUnhinted() {
        byte[] bytes = unhinted;
        if (bytes == null) {
            synchronized (this) {
                bytes = unhinted;
                if (bytes == null) {
                    byte[] face = loaded().bytes;
                    int unitsPerEm = ByteBuffer.wrap(face, 0, face.length).getShort(headOffset(face) + 18) & 0xFFFF;
                    bytes = TrueTypeHinting.strip(face, Math.max(1, unitsPerEm / DOCUMENT_GRID_PER_EM));
                    unhinted = bytes;
                }
            }
        }
        try {
            return new TTFParser()
                    .parse(new RandomAccessReadBuffer(ByteBuffer.wrap(bytes).asReadOnlyBuffer()));
        } catch (IOException e) {
            throw new TrustException(
                    "Cannot parse the bundled font " + resource + " without hinting: " + e.getMessage(), e);
        }
    }

    private Loaded loaded() {
        Loaded face = loaded;
        if (face == null) {
            synchronized (this) {
                face = loaded;
                if (face == null) {
                    face = Loaded.of(this);
                    loaded = face;
                }
            }
        }
        return face;
    }

    /** The decompressed bytes and the code points the face's Unicode cmap maps to a glyph. */
    private record Loaded(byte[] bytes, BitSet coverage) {
        static Loaded of(CjkFace face) {
            byte[] bytes = inflate(face.resource);
            try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes))) {
                CmapLookup cmap = ttf.getUnicodeCmapLookup(false);
                BitSet coverage = new BitSet(LAST_CODE_POINT + 1);
                for (int cp = 0; cp <= LAST_CODE_POINT; cp++) {
                    if (cmap.getGlyphId(cp) > 0) {
                        coverage.set(cp);
                    }
                }
                return new Loaded(bytes, coverage);
            } catch (IOException e) {
                throw new TrustException(
                        "Cannot read the cmap of the bundled font " + face.resource + ": " + e.getMessage(), e);
            }
        }
    }

    static byte[] inflate(String resource) {
        try (InputStream raw = CjkFace.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new TrustException("Font resource " + resource + " is not on the class path; "
                        + "rebuild trust-core so that its resources are packaged");
            }
            try (InputStream in = new GZIPInputStream(raw, 64 * 1024)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new TrustException("Cannot read font resource " + resource + ": " + e.getMessage(), e);
        }
    }
}
