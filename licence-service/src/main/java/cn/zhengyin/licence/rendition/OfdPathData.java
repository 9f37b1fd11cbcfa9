package cn.zhengyin.licence.rendition;

import java.util.concurrent.ConcurrentHashMap;
import org.ofdrw.core.basicType.STBase;
import org.ofdrw.core.graph.pathObj.AbbreviatedData;

/**
 * An OFD path ({@code AbbreviatedData}) written straight into its text: the same text ofdrw's {@link AbbreviatedData}
 * writes (each operator and its numbers as {@link STBase#fmt(double)} prints them, separated by spaces), without
 * ofdrw's queue of operator objects and its {@code String.format} per operator and number, which were a quarter of an
 * OFD rendering's CPU (a licence's QR code alone is a few hundred rectangles). The numbers a layout uses recur from
 * licence to licence, so their text is kept (bounded). Only the operators the renderer draws with are offered.
 */
final class OfdPathData extends AbbreviatedData {
    private static final int MAX_NUMBERS = 65_536;
    private static final ConcurrentHashMap<Double, String> NUMBERS = new ConcurrentHashMap<>();

    private final StringBuilder text = new StringBuilder(64);

    @Override
    public OfdPathData M(double x, double y) {
        return op("M").number(x).number(y);
    }

    @Override
    public OfdPathData L(double x, double y) {
        return op("L").number(x).number(y);
    }

    @Override
    public OfdPathData B(double x1, double y1, double x2, double y2, double x3, double y3) {
        return op("B").number(x1).number(y1).number(x2).number(y2).number(x3).number(y3);
    }

    @Override
    public OfdPathData C() {
        return op("C");
    }

    private OfdPathData op(String operator) {
        if (!text.isEmpty()) {
            text.append(' ');
        }
        text.append(operator);
        return this;
    }

    private OfdPathData number(double value) {
        text.append(' ').append(format(value));
        return this;
    }

    /** {@link STBase#fmt(double)}, remembered. */
    static String format(double value) {
        String known = NUMBERS.get(value);
        if (known != null) {
            return known;
        }
        String formatted = STBase.fmt(value);
        if (NUMBERS.size() >= MAX_NUMBERS) {
            NUMBERS.clear();
        }
        NUMBERS.put(value, formatted);
        return formatted;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
