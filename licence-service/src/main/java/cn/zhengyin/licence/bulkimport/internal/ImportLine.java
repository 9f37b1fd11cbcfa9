package cn.zhengyin.licence.bulkimport.internal;

import java.util.Map;
import java.util.Optional;

/** One licence line of an import, as read: a candidate to issue, or a line that could not be read as one. */
sealed interface ImportLine permits ImportLine.Candidate, ImportLine.Unreadable {
    /** Number of the (first) physical line in the input, from 1. */
    long line();

    Optional<String> key();

    /**
     * @param fields field values as submitted (String or Number), keyed by the template's field keys
     */
    record Candidate(long line, String clientKey, String licenceType, String caseNumber, Map<String, Object> fields)
            implements ImportLine {
        @Override
        public Optional<String> key() {
            return Optional.of(clientKey);
        }
    }

    /**
     * @param problem problem slug, e.g. {@code malformed-line}
     * @param message what is wrong and how to fix it
     */
    record Unreadable(long line, Optional<String> key, String problem, String message) implements ImportLine {}
}
