package cn.zhengyin.trust.font;

/**
 * The CJK faces bundled in trust-core. Each face is decompressed once, on first use, and cached for the life of the
 * class loader; callers of {@link #songTi()} receive a fresh copy of the bytes so that no caller can alter the cached
 * face. Text that may hold characters outside GB 2312 is drawn with {@link #chain()} (see {@link FontChain}).
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
     * @throws cn.zhengyin.trust.TrustException if the resource is missing from the class path (a broken build)
     */
    public static byte[] songTi() {
        return CjkFace.SONG_TI.bytes();
    }

    /**
     * The licence fonts with glyph-by-glyph fallback: the Song face first, then the faces that cover the rest of GB
     * 18030-2022 ({@link FontChain#cjk()}).
     */
    public static FontChain chain() {
        return FontChain.cjk();
    }
}
