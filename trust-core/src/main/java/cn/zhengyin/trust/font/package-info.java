/**
 * Fonts shipped with Zhengyin so that rendered licences and seal images look the same on every machine: the
 * "AR PL SungtiL GB" (文鼎ＰＬ简报宋) Song face by Arphic Technology, TrueType outlines, under the Arphic Public License
 * (text in {@code ARPHIC-LICENSE.txt} next to the font resource). Its OS/2 fsType (4, preview and print) permits
 * embedding and subsetting in PDF documents.
 */
@NullMarked
package cn.zhengyin.trust.font;

import org.jspecify.annotations.NullMarked;
