package cn.zhengyin.trust.font;

import cn.zhengyin.trust.TrustException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * The CJK faces bundled in trust-core. Each face is decompressed once, on first use, and cached for the life of the
 * class loader; callers receive a fresh copy of the bytes so that no caller can alter the cached face.
 */
public final class CjkFonts {

    /** Classpath location of the gzipped "AR PL SungtiL GB" TrueType font (about 5 MB uncompressed). */
    public static final String SONG_TI_RESOURCE = "/cn/zhengyin/trust/font/ar-pl-sungtil-gb.ttf.gz";

    /** Classpath location of the Arphic Public License that covers the bundled face. */
    public static final String SONG_TI_LICENCE_RESOURCE = "/cn/zhengyin/trust/font/ARPHIC-LICENSE.txt";

    private CjkFonts() {}

    /**
     * The "AR PL SungtiL GB" (文鼎ＰＬ简报宋) Song face (PostScript name {@code BousungEG-Light-GB}), a TrueType (glyf)
     * font covering GB 2312, suitable for
     * {@code PDType0Font.load(document, new ByteArrayInputStream(songTi()), true)}.
     *
     * @return a copy of the uncompressed TTF bytes
     * @throws TrustException if the resource is missing from the class path (a broken build)
     */
    public static byte[] songTi() {
        return SongTi.BYTES.clone();
    }

    /** Holder idiom: the JVM guarantees a single, thread-safe, lazy decompression. */
    private static final class SongTi {
        private static final byte[] BYTES = load(SONG_TI_RESOURCE);
    }

    private static byte[] load(String resource) {
        try (InputStream raw = CjkFonts.class.getResourceAsStream(resource)) {
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
