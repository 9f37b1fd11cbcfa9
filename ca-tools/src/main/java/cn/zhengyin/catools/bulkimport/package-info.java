/**
 * {@code ca-tools import}: streams a file of licences (NDJSON or CSV) to the licence service's bulk import endpoint and
 * reports per-line results and progress; {@code ca-tools import generate} writes valid sample lines for a licence type
 * to measure throughput.
 */
package cn.zhengyin.catools.bulkimport;
