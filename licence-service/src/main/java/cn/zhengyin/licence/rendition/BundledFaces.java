package cn.zhengyin.licence.rendition;

import cn.zhengyin.trust.font.CjkFace;
import cn.zhengyin.trust.font.ParsedFaces;
import org.apache.fontbox.ttf.TrueTypeFont;

/** How the PDF and OFD renderers borrow a parsed bundled face for one rendering. */
final class BundledFaces {

    private BundledFaces() {}

    /**
     * The face from the rendering's lease.
     *
     * @throws LicenceRenderingException if the bundled face cannot be parsed (a broken build)
     */
    static TrueTypeFont borrow(ParsedFaces.Lease lease, CjkFace face) {
        try {
            return lease.font(face);
        } catch (RuntimeException e) {
            throw new LicenceRenderingException(
                    "cannot parse the bundled font " + face.familyName() + ": " + e.getMessage(), e);
        }
    }
}
