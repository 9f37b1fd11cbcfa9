package cn.zhengyin.trust.sealing;

import java.util.List;

/**
 * Where a seal was put: one region for a seal, one per page for a cross-page seal (骑缝章).
 *
 * @param regions the impression's boxes, in page order
 */
public record PlacedSeal(SealUse use, List<Region> regions) {
    public PlacedSeal {
        regions = List.copyOf(regions);
    }

    /**
     * A box on a page, millimetres from the page's top-left corner.
     *
     * @param page 1 for the first page
     */
    public record Region(int page, double xMm, double yMm, double widthMm, double heightMm) {
        @Override
        public String toString() {
            return String.format(
                    java.util.Locale.ROOT, "page %d [%.1f, %.1f, %.1f x %.1f mm]", page, xMm, yMm, widthMm, heightMm);
        }
    }
}
