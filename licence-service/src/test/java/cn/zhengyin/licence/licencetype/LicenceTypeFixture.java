package cn.zhengyin.licence.licencetype;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped templates folder, and a test-only licence type written into a temporary folder. */
public final class LicenceTypeFixture {
    private LicenceTypeFixture() {}

    /** {@code templates/} at the repository root (surefire runs in the module folder). */
    public static Path templatesRoot() {
        Path root = Path.of("..", "templates").toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("templates folder not found at " + root);
        }
        return root;
    }

    public static LicenceType businessLicence() {
        return new JsonLicenceTypeLoader().load(templatesRoot().resolve("business-licence"));
    }

    /**
     * Writes a complete natural-person licence type (示范职业资格证书, A5 portrait) into {@code root/practice-certificate}
     * and returns the folder: a licence type defined by data only.
     */
    public static Path writePracticeCertificate(Path root) {
        Path folder = root.resolve("practice-certificate");
        write(folder, JsonLicenceTypeLoader.TYPE_FILE, """
                {
                  "typeCode": "12990100XF00000031007",
                  "name": "示范职业资格证书",
                  "nameEn": "Demonstration Practice Certificate",
                  "definingAuthority": { "name": "示范市人力资源服务中心", "code": "12990100XF00000031", "level": "地市级" },
                  "holderCategory": "NATURAL_PERSON",
                  "holderCodeType": "111",
                  "serviceItem": { "code": "XF-000207-002", "name": "职业资格认定" },
                  "validity": { "kind": "FIXED_YEARS", "years": 5 },
                  "sealType": "职业资格认定专用章"
                }
                """);
        write(folder, JsonLicenceTypeLoader.FIELDS_FILE, """
                { "fields": [
                  { "key": "holderName", "labelZh": "姓名", "labelEn": "Name", "type": "TEXT", "required": true,
                    "maxLength": 30, "role": "HOLDER_NAME" },
                  { "key": "citizenId", "labelZh": "公民身份号码", "labelEn": "Citizen identity number",
                    "type": "CITIZEN_ID", "required": true, "sensitivity": "SENSITIVE", "role": "HOLDER_CODE" },
                  { "key": "certificateNumber", "labelZh": "证书编号", "labelEn": "Certificate number", "type": "TEXT",
                    "required": true, "pattern": "ZY[0-9]{10}", "role": "LICENCE_NUMBER" },
                  { "key": "level", "labelZh": "等级", "labelEn": "Level", "type": "ENUM", "required": true,
                    "enumValues": ["初级", "中级", "高级"] },
                  { "key": "issueDate", "labelZh": "发证日期", "labelEn": "Date of issue", "type": "DATE",
                    "required": true, "role": "ISSUE_DATE" }
                ] }
                """);
        write(folder, JsonLicenceTypeLoader.LAYOUT_FILE, """
                {
                  "page": { "size": "A5", "orientation": "PORTRAIT" },
                  "marginsMm": { "top": 8, "right": 8, "bottom": 8, "left": 8 },
                  "border": { "style": "SINGLE", "colour": "#1F4E79", "widthMm": 0.8 },
                  "title": { "text": "职业资格证书", "yMm": 30, "fontSize": 24, "colour": "#1F4E79", "letterSpacing": 4 },
                  "items": [
                    { "label": "姓名", "value": "{holderName}", "xMm": 20, "yMm": 60, "fontSize": 11, "labelWidthMm": 28, "maxWidthMm": 80 },
                    { "label": "公民身份号码", "value": "{citizenId}", "xMm": 20, "yMm": 70, "fontSize": 11, "labelWidthMm": 28, "maxWidthMm": 80 },
                    { "label": "证书编号", "value": "{certificateNumber}", "xMm": 20, "yMm": 80, "fontSize": 11, "labelWidthMm": 28, "maxWidthMm": 80 },
                    { "label": "等级", "value": "{level}", "xMm": 20, "yMm": 90, "fontSize": 11, "labelWidthMm": 28, "maxWidthMm": 80 },
                    { "label": "发证日期", "value": "{issueDate}", "xMm": 20, "yMm": 100, "fontSize": 11, "labelWidthMm": 28, "maxWidthMm": 80 }
                  ],
                  "seal": { "centreXMm": 105, "centreYMm": 160, "diameterMm": 38 },
                  "qrCode": { "xMm": 20, "yMm": 140, "sizeMm": 25 },
                  "footer": { "yMm": 198, "fontSize": 5 }
                }
                """);
        write(folder, JsonLicenceTypeLoader.SAMPLE_FILE, """
                { "issuerCode": "12990100XF00000031", "serial": "ZY2024000017",
                  "fields": { "holderName": "周雨桐", "citizenId": "990101198506123225",
                    "certificateNumber": "ZY2024000017", "level": "中级", "issueDate": "2024-06-01" } }
                """);
        return folder;
    }

    public static void write(Path folder, String file, String content) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(file), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
