package cn.zhengyin.trust.sealing;

import cn.zhengyin.trust.sealing.PlacedSeal.Region;
import cn.zhengyin.trust.sealing.SealingRefusedException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Resolves a {@link SealPlacement} on a document's pages, the same for PDF and OFD. Millimetres, top-left origin. */
final class Placements {
    private Placements() {}

    /** A page's size. */
    record PageSize(double widthMm, double heightMm) {}

    /** A keyword found on a page (1-based), the box around its characters. */
    record Hit(int page, double left, double top, double right, double bottom) {}

    /** Finds every occurrence of a keyword, pages in order. */
    interface KeywordFinder {
        List<Hit> find(String keyword);
    }

    static List<Region> resolve(SealUse use, List<PageSize> pages, KeywordFinder finder, String format) {
        double size = use.sizeMm();
        return switch (use.placement()) {
            case SealPlacement.AtPosition at -> {
                if (at.page() > pages.size()) {
                    throw new SealingRefusedException(
                            Reason.OFF_PAGE,
                            "Page " + at.page() + " does not exist: the " + format + " has " + pages.size()
                                    + " page(s).");
                }
                yield List.of(onPage(pages, at.page(), at.xMm() - size / 2, at.yMm() - size / 2, size, size));
            }
            case SealPlacement.AtKeyword k -> {
                List<Hit> hits = finder.find(k.keyword());
                int wanted = k.occurrence() == SealPlacement.AtKeyword.LAST ? hits.size() : k.occurrence();
                if (hits.isEmpty() || wanted > hits.size()) {
                    throw new SealingRefusedException(
                            Reason.KEYWORD_NOT_FOUND,
                            "The keyword '" + k.keyword() + "' occurs " + hits.size() + " time(s) in the " + format
                                    + "'s text" + (hits.isEmpty() ? "" : ", not " + wanted)
                                    + " (white space ignored).");
                }
                Hit hit = hits.get(wanted - 1);
                double cx = (hit.left() + hit.right()) / 2;
                double cy = (hit.top() + hit.bottom()) / 2;
                yield List.of(onPage(pages, hit.page(), cx - size / 2, cy - size / 2, size, size));
            }
            case SealPlacement.CrossPage c -> {
                int count = pages.size();
                if (count < 2) {
                    throw new SealingRefusedException(
                            Reason.UNSUPPORTED_PLACEMENT,
                            "A cross-page seal (骑缝章) joins two or more pages; this " + format + " has one.");
                }
                double strip = size / count;
                if (strip < 1) {
                    throw new SealingRefusedException(
                            Reason.UNSUPPORTED_PLACEMENT,
                            "A " + size + " mm cross-page seal over " + count + " pages gives strips narrower than 1"
                                    + " mm; seal at most " + (int) size + " pages at a time.");
                }
                List<Region> regions = new ArrayList<>();
                for (int p = 1; p <= count; p++) {
                    double width = pages.get(p - 1).widthMm();
                    regions.add(onPage(pages, p, width - strip, c.yMm() - size / 2, strip, size));
                }
                yield regions;
            }
        };
    }

    private static Region onPage(List<PageSize> pages, int page, double x, double y, double w, double h) {
        PageSize size = pages.get(page - 1);
        double eps = 0.01;
        if (x < -eps || y < -eps || x + w > size.widthMm() + eps || y + h > size.heightMm() + eps) {
            throw new SealingRefusedException(
                    Reason.OFF_PAGE,
                    String.format(
                            Locale.ROOT,
                            "The seal (%.1f x %.1f mm at %.1f, %.1f mm from the top-left corner) would not lie wholly"
                                    + " on page %d, which is %.1f x %.1f mm.",
                            w,
                            h,
                            x,
                            y,
                            page,
                            size.widthMm(),
                            size.heightMm()));
        }
        return new Region(page, Math.max(0, x), Math.max(0, y), w, h);
    }

    /** Every occurrence of {@code keyword} in a page's characters, white space ignored on both sides. */
    static List<int[]> occurrences(String pageText, String keyword) {
        String wanted = keyword.replaceAll("\\s+", "");
        List<int[]> out = new ArrayList<>();
        for (int at = pageText.indexOf(wanted); at >= 0; at = pageText.indexOf(wanted, at + 1)) {
            out.add(new int[] {at, at + wanted.length()});
        }
        return out;
    }
}
