package cn.zhengyin.licence.bulkimport.internal;

import java.util.Optional;

/** The reasons shared by both input formats for rejecting a line before it is parsed. */
final class LineProblems {
    private LineProblems() {}

    static ImportLine.Unreadable tooLong(BoundedLineReader.TooLong t) {
        return new ImportLine.Unreadable(
                t.number(),
                Optional.empty(),
                "line-too-long",
                "line has " + t.bytes() + " bytes; a licence line may have at most " + BulkImporter.MAX_LINE_BYTES
                        + " bytes");
    }

    static ImportLine.Unreadable undecodable(BoundedLineReader.Undecodable u) {
        return new ImportLine.Unreadable(
                u.number(), Optional.empty(), "malformed-line", "line is not valid UTF-8; save the file as UTF-8");
    }
}
