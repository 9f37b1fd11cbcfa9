package cn.zhengyin.licence.bulkimport.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What became of one input line. Written as one NDJSON line:
 * {@code {"line": n, "key": "...", "result": "ISSUED"|"ALREADY_ISSUED"|"REJECTED", "identifier": "...",
 * "problem": "...", "errors": [{"field": "...", "message": "..."}]}}.
 */
record LineResult(
        long line,
        Optional<String> key,
        Outcome result,
        Optional<String> identifier,
        Optional<String> problem,
        List<Error> errors) {

    enum Outcome {
        ISSUED,
        ALREADY_ISSUED,
        REJECTED
    }

    /** @param field the field key, when the error is about one field */
    record Error(Optional<String> field, String message) {}

    static LineResult issued(long line, String key, String identifier, boolean replayed) {
        return new LineResult(
                line,
                Optional.of(key),
                replayed ? Outcome.ALREADY_ISSUED : Outcome.ISSUED,
                Optional.of(identifier),
                Optional.empty(),
                List.of());
    }

    static LineResult rejected(long line, Optional<String> key, String problem, List<Error> errors) {
        return new LineResult(line, key, Outcome.REJECTED, Optional.empty(), Optional.of(problem), errors);
    }

    static LineResult rejected(long line, Optional<String> key, String problem, String message) {
        return rejected(line, key, problem, List.of(new Error(Optional.empty(), message)));
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("line", line);
        key.ifPresent(k -> json.put("key", k));
        json.put("result", result.name());
        identifier.ifPresent(i -> json.put("identifier", i));
        problem.ifPresent(p -> json.put("problem", p));
        if (!errors.isEmpty()) {
            json.put(
                    "errors",
                    errors.stream()
                            .map(e -> {
                                Map<String, String> error = new LinkedHashMap<>();
                                e.field().ifPresent(f -> error.put("field", f));
                                error.put("message", e.message());
                                return error;
                            })
                            .toList());
        }
        return json;
    }
}
