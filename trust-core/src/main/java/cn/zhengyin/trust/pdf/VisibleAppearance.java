package cn.zhengyin.trust.pdf;

import cn.zhengyin.trust.seal.SealImpression;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a signature is shown: the seal drawn as the signature widget's appearance stream — as PDF paths when
 * the seal's vector impression is known (a few kilobytes, sharp at any zoom), else as its PNG image.
 *
 * @param pageIndex zero-based page index
 * @param x         lower-left x of the widget, PDF points (1/72 inch), from the page's lower-left corner
 * @param y         lower-left y, PDF points
 * @param width     width, PDF points
 * @param height    height, PDF points
 * @param png       PNG image of the seal (transparency is kept), scaled to the rectangle; used when there is no vector
 * @param vector    the seal impression as vectors, scaled to the rectangle; drawn instead of the PNG when present
 */
public record VisibleAppearance(
        int pageIndex, float x, float y, float width, float height, byte[] png, Optional<SealImpression> vector) {

    public VisibleAppearance {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(vector, "vector");
        if (pageIndex < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("A visible signature needs a page index >= 0 and a positive size; got "
                    + "page " + pageIndex + ", " + width + "x" + height + " pt.");
        }
        if (vector.isEmpty() && png.length == 0) {
            throw new IllegalArgumentException("A visible signature needs a PNG image or a vector impression.");
        }
        png = png.clone();
    }

    /** The seal drawn from its PNG image. */
    public VisibleAppearance(int pageIndex, float x, float y, float width, float height, byte[] png) {
        this(pageIndex, x, y, width, height, png, Optional.empty());
    }

    /** The seal drawn as PDF paths from its vector impression. */
    public static VisibleAppearance vector(
            int pageIndex, float x, float y, float width, float height, SealImpression impression) {
        return new VisibleAppearance(pageIndex, x, y, width, height, new byte[0], Optional.of(impression));
    }

    @Override
    public byte[] png() {
        return png.clone();
    }
}
