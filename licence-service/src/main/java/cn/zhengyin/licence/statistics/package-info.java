/**
 * Statistics for the authorities (统计): licences issued, changed and withdrawn, verifications by conclusion, field
 * reuse by basis and requesting organisation, and the busiest service items, per day. Counted when they happen into
 * daily counter documents (one per day, authority and {@link cn.zhengyin.licence.statistics.Measure}, updated by
 * single-document atomic increments), so a year's figures read at most a few thousand small documents
 * (docs/statistics.md). The page {@code /statistics} shows them to an authority's administrators (each sees its own
 * authority; a province role sees all) as server-drawn SVG charts, tables and CSV downloads; it holds no personal
 * data.
 */
package cn.zhengyin.licence.statistics;
