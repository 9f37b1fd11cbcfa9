package cn.zhengyin.licence.licencetype;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the properties of one JSON object, recording a {@link TemplateProblem} (with file and JSON path) for every
 * missing, mistyped or unknown property instead of failing on the first one.
 */
final class JsonObjectReader {
    private final String file;
    private final String path;
    private final JsonNode node;
    private final TemplateProblems problems;
    private final Set<String> read = new HashSet<>();

    JsonObjectReader(String file, String path, JsonNode node, TemplateProblems problems) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.problems = problems;
    }

    String file() {
        return file;
    }

    String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    void problem(String name, String message) {
        problems.add(file, path(name), message);
    }

    private Optional<JsonNode> property(String name, boolean required) {
        read.add(name);
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                problem(name, "is missing");
            }
            return Optional.empty();
        }
        return Optional.of(value);
    }

    Optional<String> optString(String name) {
        return property(name, false).flatMap(v -> {
            if (!v.isString()) {
                problem(name, "must be a string, got " + v);
                return Optional.empty();
            }
            return Optional.of(v.stringValue());
        });
    }

    String string(String name) {
        if (node.get(name) == null || node.get(name).isNull()) {
            property(name, true);
            return "";
        }
        String s = optString(name).orElse("");
        if (s.isBlank() && node.get(name).isString()) {
            problem(name, "must not be blank");
        }
        return s;
    }

    Optional<BigDecimal> optNumber(String name) {
        return property(name, false).flatMap(v -> {
            if (!v.isNumber()) {
                problem(name, "must be a number, got " + v);
                return Optional.empty();
            }
            return Optional.of(v.decimalValue());
        });
    }

    double number(String name) {
        property(name, true);
        return optNumber(name).map(BigDecimal::doubleValue).orElse(0d);
    }

    /** A number that must be greater than zero. */
    double positive(String name) {
        double d = number(name);
        if (node.get(name) != null && node.get(name).isNumber() && d <= 0) {
            problem(name, "must be greater than 0, got " + node.get(name));
        }
        return d;
    }

    double numberOr(String name, double fallback) {
        return optNumber(name).map(BigDecimal::doubleValue).orElse(fallback);
    }

    boolean bool(String name, boolean fallback) {
        return property(name, false)
                .map(v -> {
                    if (!v.isBoolean()) {
                        problem(name, "must be true or false, got " + v);
                        return fallback;
                    }
                    return v.booleanValue();
                })
                .orElse(fallback);
    }

    Optional<JsonObjectReader> optObject(String name) {
        return property(name, false).flatMap(v -> {
            if (!v.isObject()) {
                problem(name, "must be a JSON object");
                return Optional.empty();
            }
            return Optional.of(new JsonObjectReader(file, path(name), v, problems));
        });
    }

    Optional<JsonObjectReader> object(String name) {
        if (node.get(name) == null || node.get(name).isNull()) {
            property(name, true);
            return Optional.empty();
        }
        return optObject(name);
    }

    /** The elements of an array property, each as an object reader; an absent optional array reads as empty. */
    List<JsonObjectReader> objects(String name, boolean required) {
        List<JsonObjectReader> result = new ArrayList<>();
        property(name, required).ifPresent(v -> {
            if (!v.isArray()) {
                problem(name, "must be a JSON array");
                return;
            }
            for (int i = 0; i < v.size(); i++) {
                String elementPath = path(name) + "[" + i + "]";
                if (!v.get(i).isObject()) {
                    problems.add(file, elementPath, "must be a JSON object");
                } else {
                    result.add(new JsonObjectReader(file, elementPath, v.get(i), problems));
                }
            }
        });
        return result;
    }

    List<String> strings(String name) {
        List<String> result = new ArrayList<>();
        property(name, false).ifPresent(v -> {
            if (!v.isArray()) {
                problem(name, "must be a JSON array of strings");
                return;
            }
            for (int i = 0; i < v.size(); i++) {
                if (v.get(i).isString()) {
                    result.add(v.get(i).stringValue());
                } else {
                    problems.add(file, path(name) + "[" + i + "]", "must be a string, got " + v.get(i));
                }
            }
        });
        return result;
    }

    /** The elements of an array of numbers; an absent optional array reads as empty. */
    List<BigDecimal> numbers(String name, boolean required) {
        List<BigDecimal> result = new ArrayList<>();
        property(name, required).ifPresent(v -> {
            if (!v.isArray()) {
                problem(name, "must be a JSON array of numbers");
                return;
            }
            for (int i = 0; i < v.size(); i++) {
                if (v.get(i).isNumber()) {
                    result.add(v.get(i).decimalValue());
                } else {
                    problems.add(file, path(name) + "[" + i + "]", "must be a number, got " + v.get(i));
                }
            }
        });
        return result;
    }

    /** Reports properties that no reader asked for: almost always a typo in the template. */
    void rejectUnknownProperties() {
        for (String name : node.propertyNames()) {
            if (!read.contains(name)) {
                problem(
                        name,
                        "unknown property; allowed here: "
                                + read.stream().sorted().toList());
            }
        }
    }

    JsonNode node() {
        return node;
    }
}
