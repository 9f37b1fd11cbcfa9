package cn.zhengyin.trust.pdf;

import java.util.Objects;

/**
 * Where and how a signature is shown: a seal image drawn as the signature widget's appearance stream.
 *
 * @param pageIndex zero-based page index
 * @param x         lower-left x of the widget, PDF points (1/72 inch), from the page's lower-left corner
 * @param y         lower-left y, PDF points
 * @param width     width, PDF points
 * @param height    height, PDF points
 * @param png       PNG image of the seal (transparency is kept), scaled to the rectangle
 */
public record VisibleAppearance(int pageIndex, float x, float y, float width, float height, byte[] png) {

    public VisibleAppearance {
        Objects.requireNonNull(png, "png");
        if (pageIndex < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("A visible signature needs a page index >= 0 and a positive size; got "
                    + "page " + pageIndex + ", " + width + "x" + height + " pt.");
        }
        png = png.clone();
    }

    @Override
    public byte[] png() {
        return png.clone();
    }
}
