package cn.zhengyin.trust.seal;

import java.awt.Shape;
import java.awt.geom.PathIterator;
import java.util.function.DoubleFunction;

/**
 * The outline of a seal's shape written as path data, for the two vector renditions of a seal impression: SVG path
 * data ({@code M L Q C Z}, the seal service's artwork) and OFD abbreviated path data ({@code M L Q B C}, GB/T 33190
 * §9.3.2, the SESeal's stamp picture). Both walk the shape's segments the same way; only the operators and how a
 * coordinate is written differ.
 */
public final class PathData {

    /**
     * How one path language writes its operators and numbers.
     *
     * @param moveTo the operator before a move's point
     * @param lineTo the operator before a line's end point
     * @param quadTo the operator before a quadratic curve's control and end points
     * @param cubicTo the operator before a cubic curve's two control points and end point
     * @param close the operator that closes a sub-path
     * @param number how a coordinate is written
     */
    public record Dialect(
            String moveTo, String lineTo, String quadTo, String cubicTo, String close, DoubleFunction<String> number) {}

    private PathData() {}

    /** Appends {@code shape}'s outline to {@code out}, segments separated by one space. */
    public static void append(StringBuilder out, Shape shape, Dialect dialect) {
        PathIterator it = shape.getPathIterator(null);
        double[] c = new double[6];
        boolean first = true;
        while (!it.isDone()) {
            int type = it.currentSegment(c);
            if (!first) {
                out.append(' ');
            }
            first = false;
            switch (type) {
                case PathIterator.SEG_MOVETO -> points(out, dialect.moveTo(), c, 2, dialect);
                case PathIterator.SEG_LINETO -> points(out, dialect.lineTo(), c, 2, dialect);
                case PathIterator.SEG_QUADTO -> points(out, dialect.quadTo(), c, 4, dialect);
                case PathIterator.SEG_CUBICTO -> points(out, dialect.cubicTo(), c, 6, dialect);
                case PathIterator.SEG_CLOSE -> out.append(dialect.close());
                default -> throw new IllegalStateException("unknown path segment " + type);
            }
            it.next();
        }
    }

    private static void points(StringBuilder out, String operator, double[] c, int count, Dialect dialect) {
        out.append(operator);
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                out.append(' ');
            }
            out.append(dialect.number().apply(c[k]));
        }
    }
}
