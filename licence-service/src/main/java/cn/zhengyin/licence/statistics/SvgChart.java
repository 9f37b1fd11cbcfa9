package cn.zhengyin.licence.statistics;

import java.util.List;
import java.util.Locale;

/**
 * Charts drawn on the server as SVG: no script, no chart library. Each chart is an image for assistive technology
 * ({@code role="img"}, labelled by its {@code <title>} and {@code <desc>}), every bar segment carries its own
 * {@code <title>} (the category, the series and the count), and the page shows the same figures in a table beside it.
 * Colours are the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies; the legend names
 * every series in text.
 */
public final class SvgChart {
    /** Okabe–Ito: blue, orange, bluish green, vermillion, reddish purple, sky blue. */
    public static final List<String> PALETTE =
            List.of("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9");

    private static final int WIDTH = 640;

    /** One series: its name in the legend, its colour and one value per category. */
    public record Series(String name, String colour, long[] values) {}

    private SvgChart() {}

    /**
     * Stacked columns, one per category (a day), with a y axis in whole numbers and up to seven category labels.
     *
     * @param categories the categories' full names (in each segment's title)
     * @param labels     the short labels shown under the axis, one per category
     */
    public static String columns(
            String id,
            String title,
            String description,
            List<String> categories,
            List<String> labels,
            List<Series> series) {
        int left = 44;
        int right = 12;
        int top = 34;
        int plotHeight = 180;
        int height = top + plotHeight + 30;
        int plotWidth = WIDTH - left - right;
        StringBuilder svg = open(id, title, description, height);
        legend(svg, series, left);
        long max = 0;
        for (int c = 0; c < categories.size(); c++) {
            long sum = 0;
            for (Series s : series) {
                sum += s.values()[c];
            }
            max = Math.max(max, sum);
        }
        long step = step(max);
        long axisTop = Math.max(step, ((max + step - 1) / step) * step);
        for (long tick = 0; tick <= axisTop; tick += step) {
            double y = top + plotHeight - (double) tick / axisTop * plotHeight;
            svg.append("<line x1=\"")
                    .append(left)
                    .append("\" x2=\"")
                    .append(WIDTH - right)
                    .append("\" y1=\"")
                    .append(fmt(y))
                    .append("\" y2=\"")
                    .append(fmt(y))
                    .append("\" stroke=\"#d0d7de\" stroke-width=\"1\"/>");
            svg.append("<text x=\"")
                    .append(left - 6)
                    .append("\" y=\"")
                    .append(fmt(y + 4))
                    .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#57606a\">")
                    .append(tick)
                    .append("</text>");
        }
        int n = Math.max(1, categories.size());
        double columnWidth = (double) plotWidth / n;
        double barWidth = Math.max(0.6, columnWidth * (n > 60 ? 1.0 : 0.75));
        for (int c = 0; c < categories.size(); c++) {
            double x = left + c * columnWidth + (columnWidth - barWidth) / 2;
            double base = top + plotHeight;
            for (Series s : series) {
                long v = s.values()[c];
                if (v == 0) {
                    continue;
                }
                double h = (double) v / axisTop * plotHeight;
                base -= h;
                svg.append("<rect x=\"")
                        .append(fmt(x))
                        .append("\" y=\"")
                        .append(fmt(base))
                        .append("\" width=\"")
                        .append(fmt(barWidth))
                        .append("\" height=\"")
                        .append(fmt(h))
                        .append("\" fill=\"")
                        .append(s.colour())
                        .append("\"><title>")
                        .append(escape(categories.get(c) + " · " + s.name() + ": " + v))
                        .append("</title></rect>");
            }
        }
        int shown = Math.min(7, categories.size());
        for (int k = 0; k < shown; k++) {
            int c = shown == 1 ? 0 : (int) Math.round((double) k * (categories.size() - 1) / (shown - 1));
            double x = left + c * columnWidth + columnWidth / 2;
            svg.append("<text x=\"")
                    .append(fmt(x))
                    .append("\" y=\"")
                    .append(top + plotHeight + 18)
                    .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#57606a\">")
                    .append(escape(labels.get(c)))
                    .append("</text>");
        }
        svg.append("<line x1=\"")
                .append(left)
                .append("\" x2=\"")
                .append(WIDTH - right)
                .append("\" y1=\"")
                .append(top + plotHeight)
                .append("\" y2=\"")
                .append(top + plotHeight)
                .append("\" stroke=\"#57606a\" stroke-width=\"1\"/>");
        return svg.append("</svg>").toString();
    }

    /**
     * Horizontal stacked bars, one per label, with the total at the end of each bar; {@code empty} is shown when
     * there are no labels.
     */
    public static String bars(
            String id, String title, String description, List<String> labels, List<Series> series, String empty) {
        int labelWidth = 190;
        int right = 56;
        int top = 34;
        int row = 24;
        int rows = Math.max(1, labels.size());
        int height = top + rows * row + 8;
        StringBuilder svg = open(id, title, description, height);
        legend(svg, series, 8);
        if (labels.isEmpty()) {
            svg.append("<text x=\"")
                    .append(WIDTH / 2)
                    .append("\" y=\"")
                    .append(top + 16)
                    .append("\" text-anchor=\"middle\" font-size=\"13\" fill=\"#57606a\">")
                    .append(escape(empty))
                    .append("</text>");
            return svg.append("</svg>").toString();
        }
        long max = 1;
        long[] totals = new long[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            for (Series s : series) {
                totals[i] += s.values()[i];
            }
            max = Math.max(max, totals[i]);
        }
        int plotWidth = WIDTH - labelWidth - right;
        for (int i = 0; i < labels.size(); i++) {
            double y = top + i * row + 4;
            svg.append("<text x=\"")
                    .append(labelWidth - 8)
                    .append("\" y=\"")
                    .append(fmt(y + 12))
                    .append("\" text-anchor=\"end\" font-size=\"12\" fill=\"#24292f\">")
                    .append(escape(shorten(labels.get(i), 15)))
                    .append("</text>");
            double x = labelWidth;
            for (Series s : series) {
                long v = s.values()[i];
                if (v == 0) {
                    continue;
                }
                double w = (double) v / max * plotWidth;
                svg.append("<rect x=\"")
                        .append(fmt(x))
                        .append("\" y=\"")
                        .append(fmt(y))
                        .append("\" width=\"")
                        .append(fmt(w))
                        .append("\" height=\"16\" fill=\"")
                        .append(s.colour())
                        .append("\"><title>")
                        .append(escape(labels.get(i) + " · " + s.name() + ": " + v))
                        .append("</title></rect>");
                x += w;
            }
            svg.append("<text x=\"")
                    .append(fmt(x + 6))
                    .append("\" y=\"")
                    .append(fmt(y + 12))
                    .append("\" font-size=\"12\" fill=\"#24292f\">")
                    .append(totals[i])
                    .append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String id, String title, String description, int height) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"")
                .append(escape(id))
                .append("\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" aria-labelledby=\"")
                .append(escape(id))
                .append("-title ")
                .append(escape(id))
                .append("-desc\" font-family=\"system-ui, sans-serif\"><title id=\"")
                .append(escape(id))
                .append("-title\">")
                .append(escape(title))
                .append("</title><desc id=\"")
                .append(escape(id))
                .append("-desc\">")
                .append(escape(description))
                .append("</desc>");
        return svg;
    }

    private static void legend(StringBuilder svg, List<Series> series, int left) {
        double x = left;
        for (Series s : series) {
            svg.append("<rect x=\"")
                    .append(fmt(x))
                    .append("\" y=\"8\" width=\"12\" height=\"12\" fill=\"")
                    .append(s.colour())
                    .append("\"/><text x=\"")
                    .append(fmt(x + 16))
                    .append("\" y=\"18\" font-size=\"12\" fill=\"#24292f\">")
                    .append(escape(s.name()))
                    .append("</text>");
            x += 28 + textWidth(s.name());
        }
    }

    /** A rough width of text at 12 px: CJK characters are square, others about half as wide. */
    static double textWidth(String text) {
        return text.codePoints().mapToDouble(c -> c > 0x2E80 ? 12 : 6.6).sum();
    }

    /** The axis step: 1, 2 or 5 × 10ⁿ, so that about four steps cover {@code max}. */
    static long step(long max) {
        if (max <= 4) {
            return 1;
        }
        double raw = max / 4.0;
        long magnitude = (long) Math.pow(10, Math.floor(Math.log10(raw)));
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String shorten(String text, int max) {
        return text.codePointCount(0, text.length()) <= max
                ? text
                : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Text and attribute values escaped for XML. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
