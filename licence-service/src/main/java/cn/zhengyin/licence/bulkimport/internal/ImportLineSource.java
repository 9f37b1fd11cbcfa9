package cn.zhengyin.licence.bulkimport.internal;

import java.io.IOException;
import java.util.Optional;

/** The licence lines of an import, one at a time, skipping blank lines. */
interface ImportLineSource {
    Optional<ImportLine> next() throws IOException;

    /** Blank lines skipped so far. */
    long blankLines();
}
