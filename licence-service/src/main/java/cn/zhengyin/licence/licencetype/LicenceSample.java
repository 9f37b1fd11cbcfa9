package cn.zhengyin.licence.licencetype;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fictional sample data of a licence type ({@code sample.json}), used for previews, documentation and tests.
 *
 * @param issuerCode  unified social credit code of the (fictional) issuing authority
 * @param serial      流水号 for the sample's licence identifier
 * @param fieldValues submitted values as JSON would carry them (String or Number)
 */
public record LicenceSample(String issuerCode, String serial, Map<String, Object> fieldValues) {

    public LicenceSample {
        fieldValues = Collections.unmodifiableMap(new LinkedHashMap<>(fieldValues));
    }

    /** The values as text, as the renderer takes them (numbers in plain notation). */
    public Map<String, String> fieldValuesAsText() {
        Map<String, String> text = new LinkedHashMap<>();
        fieldValues.forEach((k, v) ->
                text.put(k, v instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(v)));
        return Collections.unmodifiableMap(text);
    }
}
