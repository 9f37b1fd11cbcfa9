package cn.zhengyin.licence.bulkimport.internal;

/** The input formats of an import, by request media type. */
enum ImportFormat {
    /** {@code application/x-ndjson}: one JSON object a line. */
    NDJSON,
    /** {@code text/csv}: header row, then one licence a record (RFC 4180). */
    CSV
}
