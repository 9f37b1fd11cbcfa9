package cn.zhengyin.trust.sealing;

import java.util.Objects;

/**
 * Where a seal goes. Millimetres from the page's top-left corner (as OFD measures; PDF pages are converted, 1 mm =
 * 72/25.4 pt); the position is the seal's centre.
 */
public sealed interface SealPlacement {

    /** A short human-readable description, as recorded in the sealing record. */
    String describe();

    /**
     * At a page and coordinates.
     *
     * @param page 1 for the first page
     * @param xMm  the seal's centre, from the page's left edge
     * @param yMm  the seal's centre, from the page's top edge
     */
    record AtPosition(int page, double xMm, double yMm) implements SealPlacement {
        public AtPosition {
            if (page < 1) {
                throw new IllegalArgumentException("page starts at 1; got " + page);
            }
            if (!Double.isFinite(xMm) || !Double.isFinite(yMm)) {
                throw new IllegalArgumentException("the coordinates must be finite numbers of millimetres");
            }
        }

        @Override
        public String describe() {
            return "page " + page + " at (" + xMm + " mm, " + yMm + " mm)";
        }
    }

    /**
     * Centred on the {@code occurrence}-th appearance of a keyword in the document's text (pages in order; white space
     * is ignored on both sides), or on the last one.
     *
     * @param occurrence 1 for the first, or {@link #LAST}
     */
    record AtKeyword(String keyword, int occurrence) implements SealPlacement {
        public static final int LAST = -1;

        public AtKeyword {
            Objects.requireNonNull(keyword, "keyword");
            if (keyword.isBlank() || keyword.length() > 200) {
                throw new IllegalArgumentException("the keyword must have 1 to 200 characters");
            }
            if (occurrence < 1 && occurrence != LAST) {
                throw new IllegalArgumentException("occurrence starts at 1 (or is 'last'); got " + occurrence);
            }
        }

        @Override
        public String describe() {
            return "keyword '" + keyword + "' (" + (occurrence == LAST ? "last" : "occurrence " + occurrence) + ")";
        }
    }

    /**
     * A cross-page seal (骑缝章): the impression cut into as many equal vertical strips as the document has pages,
     * strip {@code i} on page {@code i}'s right edge, all belonging to one signature.
     *
     * @param yMm the seal's centre from each page's top edge
     */
    record CrossPage(double yMm) implements SealPlacement {
        public CrossPage {
            if (!Double.isFinite(yMm)) {
                throw new IllegalArgumentException("yMm must be a finite number of millimetres");
            }
        }

        @Override
        public String describe() {
            return "cross-page seal (骑缝章) on every page's right edge at " + yMm + " mm from the top";
        }
    }
}
