package cn.zhengyin.licence.licencetype;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldValidatorTest {

    private final LicenceType type = LicenceTypeFixture.businessLicence();
    private final FieldValidator validator = new FieldValidator();

    private Map<String, Object> sampleWith(String key, Object value) {
        Map<String, Object> values = new HashMap<>(type.sample().fieldValues());
        values.put(key, value);
        return values;
    }

    private List<FieldViolation> violationsWith(String key, Object value) {
        return validator.validate(type, sampleWith(key, value));
    }

    @Test
    void acceptsTheSampleAndOmittedOptionalFields() {
        assertThat(validator.validate(type, type.sample().fieldValues())).isEmpty();
        assertThat(violationsWith("operatingTo", "2039-03-11")).isEmpty();
        assertThat(violationsWith("issueDate", LocalDate.of(2024, 5, 20))).isEmpty();
        assertThat(violationsWith("registeredCapital", "12.5")).isEmpty();
    }

    @Test
    void rejectsUnknownFields() {
        assertThat(violationsWith("nickname", "小青")).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("nickname");
            assertThat(v.message())
                    .startsWith("unknown field 'nickname' for licence type 营业执照 (11100000XF0000001X001)");
        });
    }

    @Test
    void reportsEveryMissingRequiredField() {
        Map<String, Object> values = sampleWith("name", "  ");
        values.remove("uscc");
        values.put("legalRepresentative", null);

        assertThat(validator.validate(type, values))
                .containsExactly(
                        new FieldViolation("uscc", "required field 'uscc' (统一社会信用代码) is missing"),
                        new FieldViolation("name", "required field 'name' (名称) is missing"),
                        new FieldViolation(
                                "legalRepresentative", "required field 'legalRepresentative' (法定代表人) is missing"));
    }

    @Test
    void rejectsValuesOfTheWrongType() {
        assertThat(violationsWith("name", 42))
                .containsExactly(new FieldViolation("name", "'name' (名称) must be text, got number 42"));
        assertThat(violationsWith("registeredCapital", true))
                .containsExactly(new FieldViolation(
                        "registeredCapital", "'registeredCapital' (注册资本（万元）) must be a number, got boolean true"));
        assertThat(violationsWith("registeredCapital", "five hundred"))
                .singleElement()
                .extracting(FieldViolation::message)
                .asString()
                .contains("is not a decimal number");
        assertThat(violationsWith("establishedDate", 20190312))
                .singleElement()
                .extracting(FieldViolation::message)
                .asString()
                .contains("must be a date string yyyy-MM-dd");
        assertThat(violationsWith("uscc", List.of("91990100MA00XF8K1E")))
                .singleElement()
                .extracting(FieldViolation::message)
                .asString()
                .contains("must be text, got array");
    }

    @Test
    void rejectsTextLongerThanMaxLengthCountingCharactersNotBytes() {
        assertThat(violationsWith("name", "示".repeat(100))).isEmpty();
        assertThat(violationsWith("name", "示".repeat(101)))
                .containsExactly(new FieldViolation("name", "'name' (名称) has 101 characters; at most 100 are allowed"));
    }

    @Test
    void rejectsTextNotMatchingThePattern() {
        assertThat(violationsWith("licenceNumber", "abc-123"))
                .containsExactly(new FieldViolation(
                        "licenceNumber",
                        "'licenceNumber' (证照编号) value 'abc-123' does not match the pattern [0-9A-Z]{8,32}"));
    }

    @Test
    void rejectsValuesOutsideTheEnumeration() {
        assertThat(violationsWith("entityType", "外星公司"))
                .singleElement()
                .satisfies(v -> assertThat(v.message())
                        .startsWith("'entityType' (类型) is '外星公司'; allowed values: [有限责任公司（自然人投资或控股）"));
    }

    @Test
    void rejectsMalformedAndOutOfRangeDates() {
        assertThat(violationsWith("establishedDate", "2019/03/12"))
                .containsExactly(
                        new FieldViolation(
                                "establishedDate",
                                "'establishedDate' (成立日期) value '2019/03/12' is not a date in ISO 8601 form yyyy-MM-dd (e.g. 2024-03-15)"));
        assertThat(violationsWith("establishedDate", "2019-02-30"))
                .singleElement()
                .extracting(FieldViolation::message)
                .asString()
                .contains("is not a date in ISO 8601 form");
        assertThat(violationsWith("establishedDate", "1949-09-30"))
                .containsExactly(
                        new FieldViolation(
                                "establishedDate",
                                "'establishedDate' (成立日期) date 1949-09-30 is outside the allowed range 1949-10-01 .. 2100-12-31"));
        assertThat(violationsWith("issueDate", "2015-09-30"))
                .singleElement()
                .extracting(FieldViolation::message)
                .asString()
                .endsWith("outside the allowed range 2015-10-01 .. 2100-12-31");
    }

    @Test
    void rejectsNumbersOutsideTheirRange() {
        assertThat(violationsWith("registeredCapital", new BigDecimal("-1")))
                .containsExactly(new FieldViolation(
                        "registeredCapital", "'registeredCapital' (注册资本（万元）) value -1 is below the minimum 0"));
    }

    @Test
    void rejectsAUnifiedSocialCreditCodeFailingTheGb32100Check() {
        assertThat(violationsWith("uscc", "91990100MA00XF8K1F")).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("uscc");
            assertThat(v.message()).startsWith("'uscc' (统一社会信用代码): ").contains("91990100MA00XF8K1F");
        });
    }

    @Test
    void rejectsACitizenIdentityNumberFailingItsCheck(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) {
        LicenceType person = new JsonLicenceTypeLoader().load(LicenceTypeFixture.writePracticeCertificate(root));
        Map<String, Object> values = new HashMap<>(person.sample().fieldValues());
        values.put("citizenId", "990101198506123224");

        assertThat(validator.validate(person, values)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("citizenId");
            assertThat(v.message())
                    .startsWith("'citizenId' (公民身份号码): citizen identity number fails its check character");
        });
    }

    @Test
    void reportsAllViolationsTogether() {
        Map<String, Object> values = sampleWith("uscc", "X");
        values.put("entityType", "未知");
        values.put("issueDate", "tomorrow");
        values.put("extra", 1);

        assertThat(validator.validate(type, values))
                .extracting(FieldViolation::field)
                .containsExactly("uscc", "entityType", "issueDate", "extra");
    }

    @Test
    void rejectsNumbersWhoseDigitsWouldExhaustMemoryWithoutPrintingThem() {
        // found by TemplateFuzzTest: "1e999999999" made the range message print a billion digits
        assertThat(violationsWith("registeredCapital", "1e999999999"))
                .singleElement()
                .satisfies(
                        v -> assertThat(v.message()).contains("too many digits").hasSizeLessThan(300));
        assertThat(violationsWith("registeredCapital", new BigDecimal("-1e-999999999")))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("too many digits"));
        assertThat(violationsWith("registeredCapital", "1".repeat(100_000)))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("at most 64"));
    }
}
