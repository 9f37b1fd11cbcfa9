package cn.zhengyin.licence.bulkimport.internal;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * NDJSON input: each line one object {@code {"key": "...", "licenceType": "...", "caseNumber": "...", "fields": {...}}}.
 */
final class NdjsonLineSource implements ImportLineSource {
    private static final Set<String> PROPERTIES = Set.of("key", "licenceType", "caseNumber", "fields");
    private final BoundedLineReader lines;
    private final ObjectMapper json;
    private long blank;

    NdjsonLineSource(BoundedLineReader lines, ObjectMapper json) {
        this.lines = lines;
        this.json = json;
    }

    @Override
    public Optional<ImportLine> next() throws IOException {
        while (true) {
            Optional<BoundedLineReader.Line> read = lines.next();
            if (read.isEmpty()) {
                return Optional.empty();
            }
            switch (read.get()) {
                case BoundedLineReader.TooLong t -> {
                    return Optional.of(LineProblems.tooLong(t));
                }
                case BoundedLineReader.Undecodable u -> {
                    return Optional.of(LineProblems.undecodable(u));
                }
                case BoundedLineReader.Text t -> {
                    if (t.text().isBlank()) {
                        blank++;
                        continue;
                    }
                    return Optional.of(parse(t.number(), t.text()));
                }
            }
        }
    }

    @Override
    public long blankLines() {
        return blank;
    }

    private ImportLine parse(long number, String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            // where the parser stopped, not its words (review #14, finding 9)
            return new ImportLine.Unreadable(
                    number,
                    Optional.empty(),
                    "malformed-line",
                    "line is not one JSON object: it is not valid JSON"
                            + (e.getLocation() == null || e.getLocation().getColumnNr() < 1
                                    ? ""
                                    : " at column " + e.getLocation().getColumnNr()));
        }
        if (node == null || !node.isObject()) {
            return new ImportLine.Unreadable(
                    number,
                    Optional.empty(),
                    "malformed-line",
                    "line must be one JSON object {\"key\", \"licenceType\", \"caseNumber\", \"fields\"}");
        }
        Optional<String> key = text(node, "key");
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!PROPERTIES.contains(name)) {
                return new ImportLine.Unreadable(
                        number,
                        key,
                        "malformed-line",
                        "unknown property '" + name + "'; a line has only key, licenceType, caseNumber and fields");
            }
        }
        for (String name : new String[] {"key", "licenceType", "caseNumber"}) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull() && !value.isString()) {
                return new ImportLine.Unreadable(number, key, "malformed-line", "'" + name + "' must be a string");
            }
        }
        if (key.isEmpty()) {
            return new ImportLine.Unreadable(
                    number,
                    key,
                    "missing-key",
                    "every line needs a \"key\" (unique in the import, reused when the import is run again)");
        }
        JsonNode fields = node.get("fields");
        if (fields == null || !fields.isObject()) {
            return new ImportLine.Unreadable(
                    number, key, "missing-fields", "\"fields\" must be a JSON object of the licence's field values");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            JsonNode v = field.getValue();
            if (v.isNull()) {
                continue;
            }
            if (v.isString()) {
                values.put(field.getKey(), v.stringValue());
            } else if (v.isNumber()) {
                values.put(field.getKey(), v.numberValue());
            } else {
                return new ImportLine.Unreadable(
                        number,
                        key,
                        "malformed-line",
                        "field '" + field.getKey() + "' must be a string or a number, got " + v.getNodeType());
            }
        }
        return new ImportLine.Candidate(
                number,
                key.get(),
                text(node, "licenceType").orElse(""),
                text(node, "caseNumber").orElse(null),
                values);
    }

    private static Optional<String> text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isString() && !v.stringValue().isBlank()
                ? Optional.of(v.stringValue())
                : Optional.empty();
    }
}
