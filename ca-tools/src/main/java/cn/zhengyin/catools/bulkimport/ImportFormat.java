package cn.zhengyin.catools.bulkimport;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Import file formats, told by the file name's extension. */
enum ImportFormat {
    NDJSON("application/x-ndjson"),
    CSV("text/csv; charset=utf-8");

    final String mediaType;

    ImportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    static Optional<ImportFormat> of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return Optional.of(NDJSON);
        }
        if (name.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        return Optional.empty();
    }
}
