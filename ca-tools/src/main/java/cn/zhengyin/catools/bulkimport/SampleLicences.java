package cn.zhengyin.catools.bulkimport;

import cn.zhengyin.trust.identifier.CitizenIdentityNumber;
import cn.zhengyin.trust.identifier.UnifiedSocialCreditCode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Valid import lines made from a licence type's {@code sample.json}, varied per line: every unified social credit code
 * and citizen identity number gets a new body with a correct check character (GB 32100 / GB 11643) — a company holds one
 * 营业执照 in force, so each line, and each key prefix, names other companies — the licence number
 * gets the line's sequence, the issuing-authority field is left to the service (it fills in the approval system's
 * authority), and every line has its own key and case number. Deterministic: the same arguments give the same lines, so
 * a regenerated file re-imports as already issued.
 */
final class SampleLicences {
    private static final Pattern LAST_DIGITS = Pattern.compile("(\\d{4,})(?!.*\\d)");
    private static final String USCC_BODY = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private final String type;
    private final Map<String, Object> sample;
    private final Map<String, String> typeOf = new LinkedHashMap<>();
    private final Map<String, String> roleOf = new LinkedHashMap<>();
    private final String keyPrefix;
    /** Where this key prefix's companies start: files of other prefixes name other companies. */
    private final long companyOffset;

    private SampleLicences(String type, Map<String, Object> sample, List<?> fields, String keyPrefix) {
        this.type = type;
        this.sample = sample;
        this.keyPrefix = keyPrefix;
        // 264,000 blocks of 10^8 organisation codes (31^9 > 2.64 x 10^13)
        this.companyOffset = Math.floorMod(keyPrefix.hashCode(), 264_000) * 100_000_000L;
        for (Object f : fields) {
            if (f instanceof Map<?, ?> field && field.get("key") instanceof String key) {
                typeOf.put(key, String.valueOf(field.get("type")));
                if (field.get("role") instanceof String role) {
                    roleOf.put(key, role);
                }
            }
        }
    }

    /**
     * @param templates the templates directory (one sub-directory a licence type)
     * @param type      the licence type's directory name, e.g. {@code business-licence}
     */
    @SuppressWarnings("unchecked")
    static SampleLicences load(Path templates, String type, String keyPrefix) throws IOException {
        Path dir = templates.resolve(type);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no licence type '" + type + "' under " + templates);
        }
        Map<String, Object> sample =
                Json.parseObject(Files.readString(dir.resolve("sample.json"), StandardCharsets.UTF_8));
        Map<String, Object> fields =
                Json.parseObject(Files.readString(dir.resolve("fields.json"), StandardCharsets.UTF_8));
        if (!(sample.get("fields") instanceof Map) || !(fields.get("fields") instanceof List)) {
            throw new IllegalArgumentException(
                    dir + ": sample.json needs \"fields\" {…} and fields.json \"fields\" […]");
        }
        return new SampleLicences(
                type, (Map<String, Object>) sample.get("fields"), (List<?>) fields.get("fields"), keyPrefix);
    }

    /** The field keys of a line, in the sample's order (the CSV header after key, licenceType, caseNumber). */
    List<String> fieldKeys() {
        return sample.keySet().stream()
                .filter(k -> !"ISSUING_AUTHORITY".equals(roleOf.get(k)))
                .toList();
    }

    /** Line {@code n} (from 1) as {@code {"key", "licenceType", "caseNumber", "fields"}}. */
    Map<String, Object> line(long n) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String key : fieldKeys()) {
            Object value = sample.get(key);
            if (value instanceof String s) {
                value = vary(key, s, n);
            }
            fields.put(key, value);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("key", keyPrefix + "-" + n);
        line.put("licenceType", type);
        line.put("caseNumber", "IMPORT-" + keyPrefix + "-" + n);
        line.put("fields", fields);
        return line;
    }

    private String vary(String key, String value, long n) {
        String fieldType = typeOf.getOrDefault(key, "TEXT");
        if ("USCC".equals(fieldType) && value.length() == 18) {
            return uscc(value, companyOffset + n);
        }
        if ("CITIZEN_ID".equals(fieldType) && value.length() == 18) {
            return citizenId(value, n);
        }
        if ("LICENCE_NUMBER".equals(roleOf.get(key))) {
            Matcher digits = LAST_DIGITS.matcher(value);
            if (digits.find()) {
                int width = digits.group(1).length();
                long modulus = width >= 18 ? Long.MAX_VALUE : (long) Math.pow(10, width);
                String counter = String.format(java.util.Locale.ROOT, "%0" + width + "d", n % modulus);
                return value.substring(0, digits.start(1)) + counter + value.substring(digits.end(1));
            }
        }
        return value;
    }

    /** Keeps the registration-authority and region part (8 characters), varies the organisation code (9). */
    private static String uscc(String sample, long n) {
        StringBuilder body = new StringBuilder();
        long rest = n;
        for (int i = 0; i < 9; i++) {
            body.append(USCC_BODY.charAt((int) (rest % USCC_BODY.length())));
            rest /= USCC_BODY.length();
        }
        return UnifiedSocialCreditCode.completing(sample.substring(0, 8) + body.reverse())
                .value();
    }

    /** Keeps the region (6 digits), moves the birth date by a day a thousand lines, varies the sequence (3 digits). */
    private static String citizenId(String sample, long n) {
        LocalDate birth = LocalDate.parse(
                        sample.substring(6, 10) + "-" + sample.substring(10, 12) + "-" + sample.substring(12, 14))
                .plusDays(n / 1000);
        String first17 = sample.substring(0, 6)
                + birth.toString().replace("-", "")
                + String.format(java.util.Locale.ROOT, "%03d", n % 1000);
        return first17 + CitizenIdentityNumber.checkCharacter(first17);
    }

    /** Line {@code n} as one CSV record (RFC 4180), in the order of {@link #fieldKeys()}. */
    String csvRecord(long n) {
        Map<String, Object> line = line(n);
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) line.get("fields");
        List<String> cells = new ArrayList<>(List.of((String) line.get("key"), type, (String) line.get("caseNumber")));
        for (String key : fieldKeys()) {
            Object v = fields.get(key);
            cells.add(v instanceof BigDecimal d ? d.toPlainString() : v == null ? "" : String.valueOf(v));
        }
        return csv(cells);
    }

    String csvHeader() {
        List<String> cells = new ArrayList<>(List.of("key", "licenceType", "caseNumber"));
        cells.addAll(fieldKeys());
        return csv(cells);
    }

    static String csv(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                out.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
