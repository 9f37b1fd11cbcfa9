/**
 * Fonts shipped with Zhengyin so that rendered licences and seal images look the same on every machine, and the rules
 * for text that goes on them.
 *
 * <ul>
 *   <li>{@link cn.zhengyin.trust.font.CjkFace}: the bundled TrueType faces (glyf outlines; OS/2 fsType permits
 *       embedding and subsetting) — "AR PL SungtiL GB" (文鼎ＰＬ简报宋, GB 2312, Arphic Public License), HanaMinA and
 *       HanaMinB (花園明朝, GlyphWiki Project, Hanazono Font License) and a five-character subset of BabelStone Han
 *       (Arphic Public License); licence texts next to the font resources.</li>
 *   <li>{@link cn.zhengyin.trust.font.FontChain}: glyph-by-glyph fallback over those faces, splitting text into runs
 *       per face, for the PDF and OFD renditions and the seal images.</li>
 *   <li>{@link cn.zhengyin.trust.font.PrintableText}: what text is accepted (GB 18030-2022 characters the fonts have;
 *       no control, bidirectional or zero-width characters, no unpaired surrogates).</li>
 * </ul>
 */
@NullMarked
package cn.zhengyin.trust.font;

import org.jspecify.annotations.NullMarked;
