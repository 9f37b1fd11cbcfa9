package cn.zhengyin.catools.bulkimport;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bulk import's JSON, read and written by Jackson: a document becomes insertion-ordered {@code Map}s,
 * {@code List}s, {@code String}s, {@code Boolean}s, {@code null}, integers as {@code Integer}/{@code Long}/
 * {@code BigInteger} and decimals as {@code BigDecimal} (so that "100.50" is written back as 100.50). Errors are
 * {@link IllegalArgumentException}s naming where the text went wrong.
 */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    /** @throws IllegalArgumentException if {@code text} is not one JSON value */
    static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @throws IllegalArgumentException if {@code text} is not one JSON object */
    @SuppressWarnings("unchecked") // Jackson reads a JSON object into a Map<String, Object>
    static Map<String, Object> parseObject(String text) {
        if (!(parse(text) instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>) map;
    }

    /** Writes maps, lists, strings, numbers, booleans and {@code null} as compact JSON. */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }
}
