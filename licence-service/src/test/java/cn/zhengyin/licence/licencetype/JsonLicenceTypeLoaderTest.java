package cn.zhengyin.licence.licencetype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.zhengyin.trust.identifier.UnifiedSocialCreditCode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLicenceTypeLoaderTest {

    private final JsonLicenceTypeLoader loader = new JsonLicenceTypeLoader();

    @Test
    void loadsTheShippedBusinessLicence() {
        LicenceType type = LicenceTypeFixture.businessLicence();

        assertThat(type.slug()).isEqualTo("business-licence");
        assertThat(type.typeCode())
                .hasSize(21)
                .startsWith(type.descriptor().definingAuthority().code());
        assertThat(UnifiedSocialCreditCode.isValid(
                        type.descriptor().definingAuthority().code()))
                .isTrue();
        assertThat(type.descriptor().name()).isEqualTo("营业执照");
        assertThat(type.descriptor().holderCodeType()).isEqualTo(HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE);
        assertThat(type.descriptor().validity()).isInstanceOf(ValidityRule.FromFields.class);
        assertThat(type.fieldWithRole(FieldRole.HOLDER_CODE))
                .get()
                .extracting(FieldDefinition::key)
                .isEqualTo("uscc");
        assertThat(type.fieldWithRole(FieldRole.HOLDER_NAME))
                .get()
                .extracting(FieldDefinition::key)
                .isEqualTo("name");
        assertThat(type.fieldWithRole(FieldRole.VALIDITY_END).flatMap(FieldDefinition::emptyText))
                .contains("长期");
        assertThat(type.fields())
                .extracting(FieldDefinition::labelZh)
                .contains("统一社会信用代码", "名称", "类型", "法定代表人", "经营范围", "成立日期", "住所", "登记机关", "发证日期");
        assertThat(type.layout().page().widthMm()).isEqualTo(297);
        assertThat(new FieldValidator().validate(type, type.sample().fieldValues()))
                .isEmpty();
    }

    @Test
    void loadsEveryTemplateUnderTheRootIncludingADataOnlyType(@TempDir Path root) {
        LicenceTypeFixture.writePracticeCertificate(root);

        List<LicenceType> types = loader.loadAll(root);

        assertThat(types).singleElement().satisfies(t -> {
            assertThat(t.descriptor().holderCategory()).isEqualTo(HolderCategory.NATURAL_PERSON);
            assertThat(t.descriptor().validity()).isEqualTo(new ValidityRule.FixedYears(5));
            assertThat(t.descriptor().definingAuthority().level()).isEqualTo(AuthorityLevel.PREFECTURE);
            assertThat(t.field("citizenId").map(FieldDefinition::sensitivity)).contains(Sensitivity.SENSITIVE);
        });
        assertThat(loader.loadAll(LicenceTypeFixture.templatesRoot()))
                .extracting(LicenceType::slug)
                .contains("business-licence");
    }

    @Test
    void reportsEveryProblemOfABrokenTemplateAtOnce(@TempDir Path root) {
        Path folder = LicenceTypeFixture.writePracticeCertificate(root);
        LicenceTypeFixture.write(folder, JsonLicenceTypeLoader.TYPE_FILE, """
                {
                  "typeCode": "12990100XF0000003",
                  "name": "示范职业资格证书",
                  "nameEn": "Demonstration Practice Certificate",
                  "definingAuthority": { "name": "示范市人力资源服务中心", "code": "12990100XF00000032", "level": "市级" },
                  "holderCategory": "NATURAL_PERSON",
                  "holderCodeType": "001",
                  "serviceItem": { "code": "XF-000207-002", "name": "职业资格认定" },
                  "validity": { "kind": "FOREVER" },
                  "sealType": "01",
                  "colour": "red"
                }
                """);
        LicenceTypeFixture.write(folder, JsonLicenceTypeLoader.FIELDS_FILE, """
                { "fields": [
                  { "key": "holderName", "labelZh": "姓名", "labelEn": "Name", "type": "TEXT", "role": "HOLDER_NAME" },
                  { "key": "holderName", "labelZh": "姓名", "labelEn": "Name", "type": "TEXT" },
                  { "key": "level", "labelZh": "等级", "labelEn": "Level", "type": "ENUM", "maxLength": 10 },
                  { "key": "issueDate", "labelZh": "发证日期", "labelEn": "Issued", "type": "DATE", "role": "ISSUE_DATE",
                    "minDate": "2030-01-01", "maxDate": "2020-01-01" },
                  { "key": "Bad-Key", "labelZh": "", "labelEn": "x", "type": "STRING", "pattern": "[" }
                ] }
                """);

        InvalidLicenceTypeException e =
                catchThrowableOfType(InvalidLicenceTypeException.class, () -> loader.load(folder));

        assertThat(e.problems())
                .extracting(TemplateProblem::toString)
                .contains(
                        "practice-certificate/type.json typeCode: type code '12990100XF0000003' has 17 characters; GB/T 36904"
                                + " uses 21: the defining authority's unified social credit code (18) followed by a 3-digit sequence",
                        "practice-certificate/type.json colour: unknown property; allowed here: [definingAuthority, holderCategory,"
                                + " holderCodeType, name, nameEn, note, oneInForcePerHolder, sealType, serviceItem, typeCode, validity]",
                        "practice-certificate/type.json validity.kind: is 'FOREVER'; use FIXED_YEARS (with years), INDEFINITE"
                                + " (长期) or FROM_FIELDS",
                        "practice-certificate/fields.json fields[1].key: key 'holderName' is declared twice",
                        "practice-certificate/fields.json fields[2].enumValues: an ENUM field needs at least one value",
                        "practice-certificate/fields.json fields[3].minDate: minDate 2030-01-01 is after maxDate 2020-01-01",
                        "practice-certificate/fields.json fields[4].labelZh: must not be blank",
                        "practice-certificate/fields.json fields[4].pattern: is not a valid regular expression: Unclosed character class",
                        "practice-certificate/fields.json fields: no field has role HOLDER_CODE; GB/T 36903 metadata needs it");
        assertThat(e.problems())
                .extracting(TemplateProblem::path)
                .contains("definingAuthority.code", "definingAuthority.level", "fields[4].type", "fields[4].key");
        assertThat(e.problems())
                .anySatisfy(p -> assertThat(p.file())
                        .isEqualTo("practice-certificate/type.json")
                        .satisfies(f -> assertThat(p.message()).contains("holder code type 001")));
        assertThat(e.getMessage()).contains(e.problems().size() + " problem(s)");
    }

    @Test
    void reportsLayoutAndSampleProblemsWithTheirFiles(@TempDir Path root) {
        Path folder = LicenceTypeFixture.writePracticeCertificate(root);
        LicenceTypeFixture.write(folder, JsonLicenceTypeLoader.LAYOUT_FILE, """
                {
                  "page": { "size": "A5", "orientation": "PORTRAIT" },
                  "marginsMm": { "top": 8, "right": 8, "bottom": 8, "left": 8 },
                  "border": { "style": "TRIPLE", "colour": "blue", "widthMm": 0.8 },
                  "title": { "text": "职业资格证书", "yMm": 30, "fontSize": 24 },
                  "items": [
                    { "label": "姓名", "value": "{fullName}", "xMm": 20, "yMm": 60, "fontSize": 11, "maxWidthMm": 200 }
                  ],
                  "seal": { "centreXMm": 140, "centreYMm": 160, "diameterMm": 38 },
                  "qrCode": { "xMm": 20, "yMm": 140, "sizeMm": 10 },
                  "footer": { "yMm": 198, "fontSize": 5 }
                }
                """);
        LicenceTypeFixture.write(folder, JsonLicenceTypeLoader.SAMPLE_FILE, """
                { "issuerCode": "12990100XF00000031", "serial": "zy-1",
                  "fields": { "holderName": "周雨桐", "citizenId": "990101198506123224", "level": "特级",
                    "issueDate": "2024-06-01", "hobby": "围棋" } }
                """);

        InvalidLicenceTypeException e =
                catchThrowableOfType(InvalidLicenceTypeException.class, () -> loader.load(folder));

        assertThat(e.problems())
                .extracting(p -> p.file() + " " + p.path())
                .contains(
                        "practice-certificate/layout.json border.style",
                        "practice-certificate/layout.json border.colour",
                        "practice-certificate/layout.json items[0].value",
                        "practice-certificate/layout.json items[0].maxWidthMm",
                        "practice-certificate/layout.json seal",
                        "practice-certificate/layout.json qrCode.sizeMm",
                        "practice-certificate/sample.json issuerCode/serial",
                        "practice-certificate/sample.json fields.citizenId",
                        "practice-certificate/sample.json fields.level",
                        "practice-certificate/sample.json fields.certificateNumber",
                        "practice-certificate/sample.json fields.hobby");
    }

    @Test
    void reportsMissingFilesAndMalformedJson(@TempDir Path root) {
        Path folder = LicenceTypeFixture.writePracticeCertificate(root);
        LicenceTypeFixture.write(folder, JsonLicenceTypeLoader.FIELDS_FILE, "{ \"fields\": [ { \"key\": ");
        folder.resolve(JsonLicenceTypeLoader.SAMPLE_FILE).toFile().delete();

        InvalidLicenceTypeException e =
                catchThrowableOfType(InvalidLicenceTypeException.class, () -> loader.load(folder));

        assertThat(e.problems())
                .extracting(TemplateProblem::file, TemplateProblem::message)
                .anySatisfy(t -> assertThat(t.toList()).first().isEqualTo("practice-certificate/fields.json"))
                .contains(org.assertj.core.groups.Tuple.tuple("practice-certificate/sample.json", "file is missing"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).startsWith("is not valid JSON"));
    }

    @Test
    void readsOneInForcePerHolderWhichIsOffUnlessSaid(@TempDir Path root) throws Exception {
        Path folder = LicenceTypeFixture.writePracticeCertificate(root);
        assertThat(loader.load(folder).descriptor().oneInForcePerHolder()).isFalse();
        Path type = folder.resolve("type.json");
        java.nio.file.Files.writeString(
                type, java.nio.file.Files.readString(type).replaceFirst("\\{", "{ \"oneInForcePerHolder\": true,"));

        assertThat(loader.load(folder).descriptor().oneInForcePerHolder()).isTrue();
    }

    @Test
    void rejectsTwoTemplatesWithTheSameTypeCode(@TempDir Path root) throws Exception {
        Path first = LicenceTypeFixture.writePracticeCertificate(root);
        Path second = root.resolve("practice-certificate-copy");
        java.nio.file.Files.createDirectories(second);
        for (String f : List.of("type.json", "fields.json", "layout.json", "sample.json")) {
            java.nio.file.Files.copy(first.resolve(f), second.resolve(f));
        }

        InvalidLicenceTypeException e =
                catchThrowableOfType(InvalidLicenceTypeException.class, () -> loader.loadAll(root));

        assertThat(e.problems())
                .singleElement()
                .extracting(TemplateProblem::message)
                .asString()
                .contains("already used by template 'practice-certificate'");
    }

    @Test
    void readsGridsLinesBandColourAndAlignedTexts(@TempDir Path root) {
        LicenceType forest = loader.load(LicenceTypeFixture.templatesRoot().resolve("forest-right-certificate"));

        assertThat(forest.layout().border())
                .get()
                .extracting(b -> b.bandColour().orElseThrow())
                .isEqualTo("#2E6B30");
        assertThat(forest.layout().grids()).hasSizeGreaterThanOrEqualTo(4);
        Layout.Grid firstRow = forest.layout().grids().getFirst();
        assertThat(firstRow.columnWidthsMm()).containsExactly(34d, 50d, 34d, 52d);
        assertThat(firstRow.widthMm()).isEqualTo(170d);
        assertThat(firstRow.shadedColumns()).containsExactly(0, 2);
        assertThat(forest.layout().texts())
                .anySatisfy(t -> assertThat(t.align()).isEqualTo(Layout.Align.CENTER));
        LicenceType food = loader.load(LicenceTypeFixture.templatesRoot().resolve("food-business-licence"));
        assertThat(food.layout().lines())
                .first()
                .satisfies(l -> assertThat(l.widthMm()).isEqualTo(0.6));
    }

    @Test
    void reportsGridAndLineProblems(@TempDir Path root) {
        Path folder = LicenceTypeFixture.writePracticeCertificate(root);
        LicenceTypeFixture.write(folder, JsonLicenceTypeLoader.LAYOUT_FILE, """
                {
                  "page": { "size": "A5", "orientation": "PORTRAIT" },
                  "marginsMm": { "top": 8, "right": 8, "bottom": 8, "left": 8 },
                  "border": { "style": "DOUBLE", "colour": "#1F4E79", "widthMm": 0.8, "bandColour": "green" },
                  "title": { "text": "职业资格证书", "yMm": 30, "fontSize": 24 },
                  "grids": [
                    { "xMm": 20, "yMm": 60, "columnWidthsMm": [100, 40], "rowHeightsMm": [10, 0],
                      "shadedColumns": [2], "colour": "#00000" },
                    { "xMm": 20, "yMm": 60, "columnWidthsMm": [], "rowHeightsMm": [10], "rows": 3 }
                  ],
                  "lines": [ { "x1Mm": 20, "y1Mm": 60, "x2Mm": 300, "y2Mm": 60 } ],
                  "texts": [ { "text": "注", "xMm": 20, "yMm": 190, "fontSize": 8, "align": "MIDDLE" } ],
                  "items": [
                    { "label": "姓名", "value": "{holderName}", "xMm": 20, "yMm": 60, "fontSize": 11, "maxWidthMm": 80 }
                  ],
                  "seal": { "centreXMm": 105, "centreYMm": 160, "diameterMm": 38 },
                  "qrCode": { "xMm": 20, "yMm": 140, "sizeMm": 25 },
                  "footer": { "yMm": 198, "fontSize": 5 }
                }
                """);

        InvalidLicenceTypeException e =
                catchThrowableOfType(InvalidLicenceTypeException.class, () -> loader.load(folder));

        assertThat(e.problems())
                .extracting(TemplateProblem::path)
                .contains(
                        "border.bandColour",
                        "grids[0].rowHeightsMm[1]",
                        "grids[0].shadedColumns",
                        "grids[0].shadeColour",
                        "grids[0].colour",
                        "grids[0]",
                        "grids[1].columnWidthsMm",
                        "grids[1].rows",
                        "lines[0].x2Mm",
                        "texts[0].align");
    }
}
