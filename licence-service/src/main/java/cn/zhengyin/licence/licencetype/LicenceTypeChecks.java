package cn.zhengyin.licence.licencetype;

import cn.zhengyin.trust.identifier.InvalidIdentifierException;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.identifier.UnifiedSocialCreditCode;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Consistency rules of a parsed licence type: across its four files and against the identifier standards. */
final class LicenceTypeChecks {
    private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Pattern COLOUR = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final Pattern TYPE_SEQUENCE = Pattern.compile("[0-9]{3}");
    /** {@code {fieldKey}} placeholders in layout item values. */
    static final Pattern PLACEHOLDER = Layout.PLACEHOLDER;

    private LicenceTypeChecks() {}

    static void check(LicenceType type, TemplateProblems problems) {
        String slug = type.slug();
        checkDescriptor(type, slug + "/" + JsonLicenceTypeLoader.TYPE_FILE, problems);
        checkFields(type, slug + "/" + JsonLicenceTypeLoader.FIELDS_FILE, problems);
        checkLayout(type, slug + "/" + JsonLicenceTypeLoader.LAYOUT_FILE, problems);
        checkSample(type, slug + "/" + JsonLicenceTypeLoader.SAMPLE_FILE, problems);
    }

    private static void checkDescriptor(LicenceType type, String file, TemplateProblems problems) {
        LicenceTypeDescriptor d = type.descriptor();
        String authorityCode = d.definingAuthority().code();
        if (!authorityCode.isEmpty()) {
            try {
                new UnifiedSocialCreditCode(authorityCode);
            } catch (InvalidIdentifierException e) {
                problems.add(file, "definingAuthority.code", e.getMessage());
            }
        }
        String code = d.typeCode();
        if (!code.isEmpty()) {
            if (code.length() != 21) {
                problems.add(
                        file,
                        "typeCode",
                        "type code '" + code + "' has " + code.length()
                                + " characters; GB/T 36904 uses 21: the defining authority's unified social credit code (18)"
                                + " followed by a 3-digit sequence");
            } else {
                if (!code.substring(0, 18).equals(authorityCode)) {
                    problems.add(
                            file,
                            "typeCode",
                            "type code '" + code + "' must start with the defining authority's" + " code '"
                                    + authorityCode + "' (GB/T 36904)");
                }
                if (!TYPE_SEQUENCE.matcher(code.substring(18)).matches()) {
                    problems.add(
                            file,
                            "typeCode",
                            "type code '" + code + "' must end with 3 digits, got '" + code.substring(18) + "'");
                }
            }
        }
        HolderCodeType expected = d.holderCategory() == HolderCategory.LEGAL_PERSON
                ? HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE
                : HolderCodeType.CITIZEN_IDENTITY_NUMBER;
        if (d.holderCodeType() != expected) {
            problems.add(
                    file,
                    "holderCodeType",
                    "holder code type " + d.holderCodeType().code() + " ("
                            + d.holderCodeType().label() + ") does not suit holder category " + d.holderCategory()
                            + "; use " + expected.code() + " (" + expected.label() + ")");
        }
        if (d.validity() instanceof ValidityRule.FromFields
                && type.fieldWithRole(FieldRole.VALIDITY_END).isEmpty()) {
            problems.add(
                    file,
                    "validity.kind",
                    "FROM_FIELDS needs a field with role VALIDITY_END in " + JsonLicenceTypeLoader.FIELDS_FILE);
        }
    }

    private static void checkFields(LicenceType type, String file, TemplateProblems problems) {
        Set<String> keys = new HashSet<>();
        Map<FieldRole, String> roles = new EnumMap<>(FieldRole.class);
        List<FieldDefinition> fields = type.fields();
        if (fields.isEmpty()) {
            problems.add(file, "fields", "a licence type needs at least one field");
        }
        for (int i = 0; i < fields.size(); i++) {
            FieldDefinition f = fields.get(i);
            String at = "fields[" + i + "]";
            if (!f.key().isEmpty() && !KEY.matcher(f.key()).matches()) {
                problems.add(file, at + ".key", "key '" + f.key() + "' must match " + KEY.pattern() + " (camelCase)");
            }
            if (!f.key().isEmpty() && !keys.add(f.key())) {
                problems.add(file, at + ".key", "key '" + f.key() + "' is declared twice");
            }
            if (f.role().isPresent()) {
                String other = roles.putIfAbsent(f.role().get(), f.key());
                if (other != null) {
                    problems.add(
                            file, at + ".role", "role " + f.role().get() + " is already played by '" + other + "'");
                }
            }
            if (f.type() == FieldType.ENUM && f.enumValues().isEmpty()) {
                problems.add(file, at + ".enumValues", "an ENUM field needs at least one value");
            }
            if (f.type() != FieldType.ENUM && !f.enumValues().isEmpty()) {
                problems.add(file, at + ".enumValues", "only ENUM fields take enumValues; this field is " + f.type());
            }
            if (f.type() != FieldType.TEXT
                    && (f.maxLength().isPresent() || f.pattern().isPresent())) {
                problems.add(file, at, "maxLength and pattern apply to TEXT fields only; this field is " + f.type());
            }
            if (f.type() != FieldType.DATE
                    && (f.minDate().isPresent() || f.maxDate().isPresent())) {
                problems.add(file, at, "minDate and maxDate apply to DATE fields only; this field is " + f.type());
            }
            if (f.type() != FieldType.NUMBER
                    && (f.minNumber().isPresent() || f.maxNumber().isPresent())) {
                problems.add(
                        file, at, "minNumber and maxNumber apply to NUMBER fields only; this field is " + f.type());
            }
            if (f.effectiveMinDate().isAfter(f.effectiveMaxDate())) {
                problems.add(
                        file,
                        at + ".minDate",
                        "minDate " + f.effectiveMinDate() + " is after maxDate " + f.effectiveMaxDate());
            }
            if (f.minNumber().isPresent()
                    && f.maxNumber().isPresent()
                    && f.minNumber().get().compareTo(f.maxNumber().get()) > 0) {
                problems.add(file, at + ".minNumber", "minNumber is greater than maxNumber");
            }
        }
        roleMustHaveType(
                type, FieldRole.HOLDER_CODE, type.descriptor().holderCodeType().fieldType(), file, problems);
        roleMustHaveType(type, FieldRole.VALIDITY_START, FieldType.DATE, file, problems);
        roleMustHaveType(type, FieldRole.VALIDITY_END, FieldType.DATE, file, problems);
        roleMustHaveType(type, FieldRole.ISSUE_DATE, FieldType.DATE, file, problems);
        for (FieldRole mandatory :
                List.of(FieldRole.HOLDER_NAME, FieldRole.HOLDER_CODE, FieldRole.LICENCE_NUMBER, FieldRole.ISSUE_DATE)) {
            if (!roles.containsKey(mandatory)) {
                problems.add(file, "fields", "no field has role " + mandatory + "; GB/T 36903 metadata needs it");
            }
        }
    }

    private static void roleMustHaveType(
            LicenceType type, FieldRole role, FieldType expected, String file, TemplateProblems problems) {
        type.fieldWithRole(role)
                .filter(f -> f.type() != expected)
                .ifPresent(f -> problems.add(
                        file,
                        "fields[" + type.fields().indexOf(f) + "].type",
                        "field '" + f.key() + "' has role " + role + " so its type must be " + expected + ", not "
                                + f.type()));
    }

    private static void checkLayout(LicenceType type, String file, TemplateProblems problems) {
        Layout l = type.layout();
        double w = l.page().widthMm();
        double h = l.page().heightMm();
        colour(l.textColour(), "textColour", file, problems);
        colour(l.title().colour(), "title.colour", file, problems);
        colour(l.footer().colour(), "footer.colour", file, problems);
        l.border().ifPresent(b -> {
            colour(b.colour(), "border.colour", file, problems);
            b.bandColour().ifPresent(c -> colour(c, "border.bandColour", file, problems));
        });
        for (int i = 0; i < l.grids().size(); i++) {
            Layout.Grid g = l.grids().get(i);
            String at = "grids[" + i + "]";
            colour(g.colour(), at + ".colour", file, problems);
            g.fillColour().ifPresent(c -> colour(c, at + ".fillColour", file, problems));
            g.shadeColour().ifPresent(c -> colour(c, at + ".shadeColour", file, problems));
            if (!g.shadedColumns().isEmpty() && g.shadeColour().isEmpty()) {
                problems.add(file, at + ".shadeColour", "shadedColumns need a shadeColour");
            }
            for (int column : g.shadedColumns()) {
                if (column < 0 || column >= g.columnWidthsMm().size()) {
                    problems.add(
                            file,
                            at + ".shadedColumns",
                            "column " + column + " does not exist; the grid has "
                                    + g.columnWidthsMm().size() + " columns (0-based)");
                }
            }
            if (g.xMm() < 0 || g.yMm() < 0 || g.xMm() + g.widthMm() > w + 0.001 || g.yMm() + g.heightMm() > h + 0.001) {
                problems.add(
                        file,
                        at,
                        "grid " + g.widthMm() + " x " + g.heightMm() + " mm at (" + g.xMm() + ", " + g.yMm()
                                + ") runs off the " + w + " x " + h + " mm page");
            }
        }
        for (int i = 0; i < l.lines().size(); i++) {
            Layout.Line line = l.lines().get(i);
            String at = "lines[" + i + "]";
            colour(line.colour(), at + ".colour", file, problems);
            inside(line.x1Mm(), 0, w, at + ".x1Mm", file, problems);
            inside(line.x2Mm(), 0, w, at + ".x2Mm", file, problems);
            inside(line.y1Mm(), 0, h, at + ".y1Mm", file, problems);
            inside(line.y2Mm(), 0, h, at + ".y2Mm", file, problems);
        }
        try {
            DateTimeFormatter unused = DateTimeFormatter.ofPattern(l.dateFormat(), Locale.ROOT); // parsing is the check
        } catch (IllegalArgumentException e) {
            problems.add(file, "dateFormat", "'" + l.dateFormat() + "' is not a date pattern: " + e.getMessage());
        }
        Layout.Margins m = l.margins();
        if (m.leftMm() + m.rightMm() >= w || m.topMm() + m.bottomMm() >= h) {
            problems.add(file, "marginsMm", "margins leave no room on a " + w + " x " + h + " mm page");
        }
        inside(l.title().yMm(), 0, h, "title.yMm", file, problems);
        inside(l.footer().yMm(), 0, h, "footer.yMm", file, problems);
        for (int i = 0; i < l.items().size(); i++) {
            Layout.Item item = l.items().get(i);
            String at = "items[" + i + "]";
            inside(item.xMm(), 0, w, at + ".xMm", file, problems);
            inside(item.yMm(), 0, h, at + ".yMm", file, problems);
            if (item.xMm() + item.labelWidthMm() + item.maxWidthMm() > w) {
                problems.add(
                        file,
                        at + ".maxWidthMm",
                        "value runs off the page: xMm + labelWidthMm + maxWidthMm = "
                                + (item.xMm() + item.labelWidthMm() + item.maxWidthMm()) + " > page width " + w);
            }
            Matcher placeholder = PLACEHOLDER.matcher(item.value());
            boolean any = false;
            while (placeholder.find()) {
                any = true;
                String key = placeholder.group(1);
                if (type.field(key).isEmpty()) {
                    problems.add(
                            file,
                            at + ".value",
                            "placeholder {" + key + "} names no field in " + JsonLicenceTypeLoader.FIELDS_FILE);
                }
            }
            if (!any && !item.value().isEmpty()) {
                problems.add(
                        file,
                        at + ".value",
                        "value '" + item.value() + "' has no {fieldKey} placeholder; put fixed text in 'texts'");
            }
        }
        for (int i = 0; i < l.texts().size(); i++) {
            Layout.FixedText t = l.texts().get(i);
            inside(t.xMm(), 0, w, "texts[" + i + "].xMm", file, problems);
            inside(t.yMm(), 0, h, "texts[" + i + "].yMm", file, problems);
            colour(t.colour(), "texts[" + i + "].colour", file, problems);
        }
        circleInside(l.seal(), w, h, "seal", file, problems);
        l.emblem().ifPresent(e -> circleInside(e, w, h, "emblem", file, problems));
        Layout.Square q = l.qrCode();
        if (q.xMm() < 0 || q.yMm() < 0 || q.xMm() + q.sizeMm() > w || q.yMm() + q.sizeMm() > h) {
            problems.add(file, "qrCode", "QR code square runs off the " + w + " x " + h + " mm page");
        }
        if (q.sizeMm() < 15) {
            problems.add(
                    file,
                    "qrCode.sizeMm",
                    "QR code of " + q.sizeMm() + " mm is too small to scan reliably; use at least 15 mm");
        }
    }

    private static void circleInside(
            Layout.Circle c, double w, double h, String at, String file, TemplateProblems problems) {
        double r = c.diameterMm() / 2;
        if (c.centreXMm() - r < 0 || c.centreYMm() - r < 0 || c.centreXMm() + r > w || c.centreYMm() + r > h) {
            problems.add(
                    file,
                    at,
                    "circle of diameter " + c.diameterMm() + " mm at (" + c.centreXMm() + ", " + c.centreYMm()
                            + ") runs off the " + w + " x " + h + " mm page");
        }
    }

    private static void inside(double v, double min, double max, String at, String file, TemplateProblems problems) {
        if (v < min || v > max) {
            problems.add(file, at, v + " mm is off the page (" + min + " .. " + max + " mm)");
        }
    }

    private static void colour(String colour, String at, String file, TemplateProblems problems) {
        if (!COLOUR.matcher(colour).matches()) {
            problems.add(file, at, "colour '" + colour + "' must be #RRGGBB");
        }
    }

    private static void checkSample(LicenceType type, String file, TemplateProblems problems) {
        LicenceSample s = type.sample();
        if (!s.issuerCode().isEmpty()
                && !s.serial().isEmpty()
                && type.typeCode().length() == 21) {
            try {
                LicenceIdentifier.first(type.typeCode(), s.issuerCode(), s.serial());
            } catch (InvalidIdentifierException e) {
                problems.add(file, "issuerCode/serial", "sample identifier is invalid: " + e.getMessage());
            }
        }
        for (FieldViolation v : new FieldValidator().validate(type, s.fieldValues())) {
            problems.add(file, "fields." + v.field(), v.message());
        }
    }
}
