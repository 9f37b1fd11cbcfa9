package cn.zhengyin.licence.bulkimport.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Totals of one import, written as the last NDJSON line {@code {"summary": {...}}}.
 *
 * @param complete false when the import stopped early (the client went away); a re-run finishes it
 */
record ImportSummary(
        long lines, long issued, long alreadyIssued, long rejected, long blankLines, long millis, boolean complete) {

    Map<String, Object> toJson() {
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("lines", lines);
        totals.put("issued", issued);
        totals.put("alreadyIssued", alreadyIssued);
        totals.put("rejected", rejected);
        totals.put("blankLines", blankLines);
        totals.put("millis", millis);
        totals.put("complete", complete);
        return Map.of("summary", totals);
    }
}
