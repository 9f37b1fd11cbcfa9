package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.licence.licencetype.FieldValidator;
import cn.zhengyin.licence.licencetype.FieldViolation;
import cn.zhengyin.licence.licencetype.JsonLicenceTypeLoader;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.licencetype.LicenceTypeFixture;
import cn.zhengyin.licence.licencetype.ValidityDates;
import cn.zhengyin.licence.licencetype.internal.LicenceTypeView;
import cn.zhengyin.licence.rendition.LicencePdfRenderer;
import cn.zhengyin.licence.rendition.RenderContext;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new licence type is data only: a complete 出版物经营许可证 folder written into a temporary templates folder is loaded
 * by the loader the service uses ({@code loadAll} of the templates folder into a {@link LicenceTypeCatalogue}),
 * catalogued, validated against and rendered, with no class of its own.
 */
class NewLicenceTypeNeedsNoCodeTest {

    private static final String TYPE_CODE = "11100000XF00000047001";

    @Test
    void aPublicationBusinessLicenceWrittenAsFilesIsLoadedCataloguedValidatedAndRendered(@TempDir Path templates)
            throws Exception {
        writePublicationBusinessLicence(templates.resolve("publication-business-licence"));
        LicenceTypeFixture.writePracticeCertificate(templates); // a second type beside it

        LicenceTypeCatalogue catalogue = new LicenceTypeCatalogue(new JsonLicenceTypeLoader().loadAll(templates));

        assertThat(catalogue.all()).hasSize(2);
        LicenceType type = catalogue.find(TYPE_CODE).orElseThrow();
        assertThat(catalogue.find("publication-business-licence")).containsSame(type);

        LicenceTypeView view = LicenceTypeView.of(type);
        assertThat(view.certificateTypeName()).isEqualTo("出版物经营许可证");
        assertThat(view.certificateDefineAuthorityName()).isEqualTo("示范新闻出版署");
        assertThat(view.validityRange()).isEqualTo("6年");
        assertThat(view.fields())
                .extracting(LicenceTypeView.FieldView::key)
                .containsExactly(
                        "unitName",
                        "uscc",
                        "legalRepresentative",
                        "premises",
                        "businessMode",
                        "businessScope",
                        "licenceNumber",
                        "validUntil",
                        "issuingAuthority",
                        "issueDate");

        // the schema is enforced: sample valid; wrong values rejected with the field's own rules
        Map<String, Object> values = new HashMap<>(type.sample().fieldValues());
        assertThat(new FieldValidator().validate(type, values)).isEmpty();
        Map<String, Object> bad = new HashMap<>(values);
        bad.put("uscc", "91990103MA02XF5B3A");
        bad.put("businessMode", "代销");
        bad.put("licenceNumber", "XC-1");
        bad.put("validUntil", "2030-01-01");
        assertThat(new FieldValidator().validate(type, bad))
                .extracting(FieldViolation::field)
                .containsExactly("uscc", "businessMode", "licenceNumber", "validUntil");

        // the fixed validity (6 years) fills in the printed end date when the approval system leaves it out
        values.remove("validUntil");
        Map<String, Object> completed = ValidityDates.completed(type, values);
        assertThat(completed).containsEntry("validUntil", "2030-09-09");
        assertThat(new FieldValidator().validate(type, completed)).isEmpty();

        LicenceIdentifier id = LicenceIdentifier.first(
                TYPE_CODE, type.sample().issuerCode(), type.sample().serial());
        Path pdf = templates.resolve("out.pdf");
        Files.write(
                pdf,
                new LicencePdfRenderer()
                        .render(
                                type,
                                type.sample().fieldValuesAsText(),
                                new RenderContext(
                                        id,
                                        "https://zhengyin.example.cn/v/" + id,
                                        Instant.parse("2024-09-10T01:00:00Z"))));
        String text = pdftotext(pdf).replaceAll("\\s+", "");
        assertThat(text)
                .contains(
                        "出",
                        "版",
                        "物",
                        "经",
                        "营",
                        "许",
                        "可",
                        "证",
                        "示范市青禾书香文化传播有限公司",
                        "91990103MA02XF5B3U",
                        "韩书墨",
                        "示范市青禾区文苑路21号",
                        "零售",
                        "图书、报纸、期刊、音像制品、电子出版物零售",
                        "新出发青字第990102240051号",
                        "2030年09月09日",
                        "示范市青禾区文化广电和旅游体育局",
                        "2024年09月10日",
                        id.toString());
    }

    private static String pdftotext(Path pdf) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/pdftotext")), "pdftotext not installed");
        Process p = new ProcessBuilder("pdftotext", "-raw", "-enc", "UTF-8", pdf.toString(), "-")
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static void writePublicationBusinessLicence(Path folder) {
        LicenceTypeFixture.write(folder, JsonLicenceTypeLoader.TYPE_FILE, """
                {
                  "typeCode": "11100000XF00000047001",
                  "name": "出版物经营许可证",
                  "nameEn": "Publication Business Licence",
                  "definingAuthority": { "name": "示范新闻出版署", "code": "11100000XF00000047", "level": "国家级" },
                  "holderCategory": "LEGAL_PERSON",
                  "holderCodeType": "001",
                  "serviceItem": { "code": "XF-000530-001", "name": "出版物零售单位设立审批" },
                  "validity": { "kind": "FIXED_YEARS", "years": 6 },
                  "sealType": "01",
                  "note": "Fictional test type."
                }
                """);
        LicenceTypeFixture.write(folder, JsonLicenceTypeLoader.FIELDS_FILE, """
                { "fields": [
                  { "key": "unitName", "labelZh": "单位名称", "labelEn": "Name", "type": "TEXT", "required": true,
                    "maxLength": 100, "role": "HOLDER_NAME" },
                  { "key": "uscc", "labelZh": "统一社会信用代码", "labelEn": "Unified social credit code", "type": "USCC",
                    "required": true, "role": "HOLDER_CODE" },
                  { "key": "legalRepresentative", "labelZh": "法定代表人", "labelEn": "Legal representative",
                    "type": "TEXT", "required": true, "maxLength": 50 },
                  { "key": "premises", "labelZh": "经营场所", "labelEn": "Premises", "type": "TEXT", "required": true,
                    "maxLength": 200 },
                  { "key": "businessMode", "labelZh": "经营方式", "labelEn": "Mode", "type": "ENUM", "required": true,
                    "enumValues": ["批发", "零售", "批发、零售"] },
                  { "key": "businessScope", "labelZh": "经营范围", "labelEn": "Scope", "type": "TEXT", "required": true,
                    "maxLength": 200 },
                  { "key": "licenceNumber", "labelZh": "许可证编号", "labelEn": "Licence number", "type": "TEXT",
                    "required": true, "pattern": "新出发\\\\p{IsHan}字第[0-9]{12}号", "role": "LICENCE_NUMBER" },
                  { "key": "validUntil", "labelZh": "有效期至", "labelEn": "Valid until", "type": "DATE",
                    "required": false, "role": "VALIDITY_END" },
                  { "key": "issuingAuthority", "labelZh": "发证机关", "labelEn": "Issuing authority", "type": "TEXT",
                    "required": true, "maxLength": 60, "role": "ISSUING_AUTHORITY" },
                  { "key": "issueDate", "labelZh": "发证日期", "labelEn": "Date of issue", "type": "DATE",
                    "required": true, "role": "ISSUE_DATE" }
                ] }
                """);
        LicenceTypeFixture.write(folder, JsonLicenceTypeLoader.LAYOUT_FILE, """
                {
                  "page": { "size": "A4", "orientation": "LANDSCAPE" },
                  "marginsMm": { "top": 10, "right": 10, "bottom": 10, "left": 10 },
                  "border": { "style": "DOUBLE", "colour": "#8A5A16", "widthMm": 1.4, "gapMm": 4, "bandColour": "#F1E3C8" },
                  "title": { "text": "出版物经营许可证", "yMm": 45, "fontSize": 32, "colour": "#6B3A0C", "letterSpacing": 8 },
                  "grids": [
                    { "xMm": 30, "yMm": 60, "columnWidthsMm": [40, 130], "rowHeightsMm": [12, 12, 12, 12, 12, 18],
                      "colour": "#8A5A16", "shadedColumns": [0], "shadeColour": "#F6EEDF" }
                  ],
                  "lines": [ { "x1Mm": 30, "y1Mm": 52, "x2Mm": 267, "y2Mm": 52, "widthMm": 0.5, "colour": "#8A5A16" } ],
                  "items": [
                    { "label": "单位名称", "value": "{unitName}", "xMm": 33, "yMm": 68, "fontSize": 11, "labelWidthMm": 39, "maxWidthMm": 124 },
                    { "label": "统一社会信用代码", "value": "{uscc}", "xMm": 33, "yMm": 80, "fontSize": 11, "labelWidthMm": 39, "maxWidthMm": 124 },
                    { "label": "法定代表人", "value": "{legalRepresentative}", "xMm": 33, "yMm": 92, "fontSize": 11, "labelWidthMm": 39, "maxWidthMm": 124 },
                    { "label": "经营场所", "value": "{premises}", "xMm": 33, "yMm": 104, "fontSize": 11, "labelWidthMm": 39, "maxWidthMm": 124 },
                    { "label": "经营方式", "value": "{businessMode}", "xMm": 33, "yMm": 116, "fontSize": 11, "labelWidthMm": 39, "maxWidthMm": 124 },
                    { "label": "经营范围", "value": "{businessScope}", "xMm": 33, "yMm": 128, "fontSize": 11, "labelWidthMm": 39, "maxWidthMm": 124 },
                    { "label": "许可证编号：", "value": "{licenceNumber}", "xMm": 210, "yMm": 68, "fontSize": 10, "labelWidthMm": 22, "maxWidthMm": 50 },
                    { "label": "有效期至：", "value": "{validUntil}", "xMm": 210, "yMm": 80, "fontSize": 10, "labelWidthMm": 22, "maxWidthMm": 50 },
                    { "label": "", "value": "{issuingAuthority}", "xMm": 190, "yMm": 165, "fontSize": 12, "labelWidthMm": 0, "maxWidthMm": 80, "align": "CENTER" },
                    { "label": "", "value": "{issueDate}", "xMm": 190, "yMm": 176, "fontSize": 12, "labelWidthMm": 0, "maxWidthMm": 80, "align": "CENTER" }
                  ],
                  "texts": [ { "text": "发证机关", "xMm": 230, "yMm": 155, "fontSize": 12, "align": "CENTER" } ],
                  "seal": { "centreXMm": 230, "centreYMm": 165, "diameterMm": 42 },
                  "qrCode": { "xMm": 32, "yMm": 150, "sizeMm": 28 },
                  "footer": { "yMm": 196, "fontSize": 6 }
                }
                """);
        LicenceTypeFixture.write(folder, JsonLicenceTypeLoader.SAMPLE_FILE, """
                { "issuerCode": "11990100XF0000005A", "serial": "990102240051",
                  "fields": { "unitName": "示范市青禾书香文化传播有限公司", "uscc": "91990103MA02XF5B3U",
                    "legalRepresentative": "韩书墨", "premises": "示范市青禾区文苑路21号", "businessMode": "零售",
                    "businessScope": "图书、报纸、期刊、音像制品、电子出版物零售",
                    "licenceNumber": "新出发青字第990102240051号", "validUntil": "2030-09-09",
                    "issuingAuthority": "示范市青禾区文化广电和旅游体育局", "issueDate": "2024-09-10" } }
                """);
    }
}
