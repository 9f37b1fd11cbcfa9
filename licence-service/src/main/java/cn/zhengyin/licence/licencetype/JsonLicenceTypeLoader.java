package cn.zhengyin.licence.licencetype;

import cn.zhengyin.licence.licencetype.Layout.Align;
import cn.zhengyin.licence.licencetype.Layout.BorderStyle;
import cn.zhengyin.licence.licencetype.Layout.Orientation;
import cn.zhengyin.licence.licencetype.Layout.PaperSize;
import cn.zhengyin.licence.licencetype.LicenceTypeDescriptor.DefiningAuthority;
import cn.zhengyin.licence.licencetype.LicenceTypeDescriptor.ServiceItem;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads licence types from template folders with Jackson, then checks them with {@link LicenceTypeChecks}. Every
 * problem of every file is collected and reported in one {@link InvalidLicenceTypeException}. Thread-safe.
 */
public final class JsonLicenceTypeLoader {

    public static final String TYPE_FILE = "type.json";
    public static final String FIELDS_FILE = "fields.json";
    public static final String LAYOUT_FILE = "layout.json";
    public static final String SAMPLE_FILE = "sample.json";

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * Loads every licence type under {@code templatesRoot}: each sub-folder holding a {@code type.json}.
     *
     * @throws InvalidLicenceTypeException listing the problems of all types, including type codes used twice
     */
    public List<LicenceType> loadAll(Path templatesRoot) {
        TemplateProblems problems = new TemplateProblems();
        List<LicenceType> types = new ArrayList<>();
        List<Path> folders;
        try (Stream<Path> children = Files.list(templatesRoot)) {
            folders = children.filter(p -> Files.isRegularFile(p.resolve(TYPE_FILE)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(templatesRoot.toString(), "", "cannot list template folders: " + e.getMessage());
            problems.throwIfAny();
            return List.of();
        }
        for (Path folder : folders) {
            read(folder, problems).ifPresent(types::add);
        }
        Map<String, String> slugByCode = new LinkedHashMap<>();
        for (LicenceType type : types) {
            String other = slugByCode.putIfAbsent(type.typeCode(), type.slug());
            if (other != null) {
                problems.add(
                        type.slug() + "/" + TYPE_FILE,
                        "typeCode",
                        "type code " + type.typeCode() + " is already used by template '" + other + "'");
            }
        }
        problems.throwIfAny();
        return List.copyOf(types);
    }

    /**
     * Loads the licence type in {@code folder}.
     *
     * @throws InvalidLicenceTypeException listing every problem in the folder's four files
     */
    public LicenceType load(Path folder) {
        TemplateProblems problems = new TemplateProblems();
        Optional<LicenceType> type = read(folder, problems);
        problems.throwIfAny();
        return type.orElseThrow();
    }

    private Optional<LicenceType> read(Path folder, TemplateProblems problems) {
        String slug = folder.getFileName().toString();
        int before = problems.asList().size();
        if (!SLUG.matcher(slug).matches()) {
            problems.add(slug, "", "folder name must be lower-case words joined by '-', e.g. business-licence");
        }
        Optional<LicenceTypeDescriptor> descriptor = parse(folder, TYPE_FILE, problems, this::descriptor);
        Optional<List<FieldDefinition>> fields = parse(folder, FIELDS_FILE, problems, this::fields);
        Optional<Layout> layout = parse(folder, LAYOUT_FILE, problems, this::layout);
        Optional<LicenceSample> sample = parse(folder, SAMPLE_FILE, problems, this::sample);
        if (descriptor.isEmpty() || fields.isEmpty() || layout.isEmpty() || sample.isEmpty()) {
            return Optional.empty();
        }
        LicenceType type = new LicenceType(slug, descriptor.get(), fields.get(), layout.get(), sample.get());
        LicenceTypeChecks.check(type, problems);
        return problems.asList().size() == before ? Optional.of(type) : Optional.empty();
    }

    private <T> Optional<T> parse(
            Path folder, String fileName, TemplateProblems problems, Function<JsonObjectReader, T> reader) {
        String file = folder.getFileName() + "/" + fileName;
        Path path = folder.resolve(fileName);
        if (!Files.isRegularFile(path)) {
            problems.add(file, "", "file is missing");
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = mapper.readTree(path.toFile());
        } catch (JacksonException e) {
            problems.add(
                    file,
                    "",
                    "is not valid JSON: " + e.getOriginalMessage()
                            + (e.getLocation() == null
                                    ? ""
                                    : " at line " + e.getLocation().getLineNr() + ", column "
                                            + e.getLocation().getColumnNr()));
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            problems.add(file, "", "must hold one JSON object");
            return Optional.empty();
        }
        JsonObjectReader json = new JsonObjectReader(file, "", root, problems);
        T value = reader.apply(json);
        json.rejectUnknownProperties();
        return Optional.of(value);
    }

    private LicenceTypeDescriptor descriptor(JsonObjectReader json) {
        String typeCode = json.string("typeCode");
        String name = json.string("name");
        String nameEn = json.string("nameEn");
        DefiningAuthority authority = json.object("definingAuthority")
                .map(a -> {
                    DefiningAuthority d = new DefiningAuthority(
                            a.string("name"),
                            a.string("code"),
                            enumValue(
                                            a,
                                            "level",
                                            AuthorityLevel::fromText,
                                            AuthorityLevel.values(),
                                            AuthorityLevel::label)
                                    .orElse(AuthorityLevel.OTHER));
                    a.rejectUnknownProperties();
                    return d;
                })
                .orElse(new DefiningAuthority("", "", AuthorityLevel.OTHER));
        HolderCategory category = enumValue(
                        json, "holderCategory", fromName(HolderCategory.class), HolderCategory.values(), Enum::name)
                .orElse(HolderCategory.LEGAL_PERSON);
        HolderCodeType codeType = enumValue(
                        json,
                        "holderCodeType",
                        HolderCodeType::fromCode,
                        HolderCodeType.values(),
                        t -> t.code() + " (" + t.label() + ")")
                .orElse(HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE);
        ServiceItem item = json.object("serviceItem")
                .map(s -> {
                    ServiceItem i = new ServiceItem(s.string("code"), s.string("name"));
                    s.rejectUnknownProperties();
                    return i;
                })
                .orElse(new ServiceItem("", ""));
        ValidityRule validity = json.object("validity").flatMap(this::validity).orElse(new ValidityRule.Indefinite());
        String sealType = json.string("sealType");
        String note = json.optString("note").orElse("");
        boolean oneInForcePerHolder = json.bool("oneInForcePerHolder", false);
        return new LicenceTypeDescriptor(
                typeCode,
                name,
                nameEn,
                authority,
                category,
                codeType,
                item,
                validity,
                sealType,
                note,
                oneInForcePerHolder);
    }

    private Optional<ValidityRule> validity(JsonObjectReader v) {
        String kind = v.string("kind");
        Optional<ValidityRule> rule = switch (kind) {
            case "FIXED_YEARS" -> {
                double years = v.positive("years");
                if (years != Math.rint(years)) {
                    v.problem("years", "must be a whole number of years, got " + years);
                }
                yield Optional.of(new ValidityRule.FixedYears((int) years));
            }
            case "INDEFINITE" -> Optional.of(new ValidityRule.Indefinite());
            case "FROM_FIELDS" -> Optional.of(new ValidityRule.FromFields());
            case "" -> Optional.empty();
            default -> {
                v.problem("kind", "is '" + kind + "'; use FIXED_YEARS (with years), INDEFINITE (长期) or FROM_FIELDS");
                yield Optional.empty();
            }
        };
        v.rejectUnknownProperties();
        return rule;
    }

    private List<FieldDefinition> fields(JsonObjectReader json) {
        List<FieldDefinition> result = new ArrayList<>();
        for (JsonObjectReader f : json.objects("fields", true)) {
            String key = f.string("key");
            String labelZh = f.string("labelZh");
            String labelEn = f.string("labelEn");
            FieldType type = enumValue(f, "type", fromName(FieldType.class), FieldType.values(), Enum::name)
                    .orElse(FieldType.TEXT);
            boolean required = f.bool("required", false);
            OptionalInt maxLength = f.optNumber("maxLength")
                    .map(n -> {
                        if (n.signum() <= 0 || n.stripTrailingZeros().scale() > 0) {
                            f.problem("maxLength", "must be a positive whole number, got " + n);
                        }
                        return OptionalInt.of(n.intValue());
                    })
                    .orElse(OptionalInt.empty());
            Optional<Pattern> pattern = f.optString("pattern").flatMap(p -> {
                try {
                    return Optional.of(Pattern.compile(p));
                } catch (PatternSyntaxException e) {
                    f.problem("pattern", "is not a valid regular expression: " + e.getDescription());
                    return Optional.empty();
                }
            });
            List<String> enumValues = f.strings("enumValues");
            Optional<LocalDate> minDate = date(f, "minDate");
            Optional<LocalDate> maxDate = date(f, "maxDate");
            Optional<BigDecimal> minNumber = f.optNumber("minNumber");
            Optional<BigDecimal> maxNumber = f.optNumber("maxNumber");
            Sensitivity sensitivity = f.optString("sensitivity").isPresent()
                    ? enumValue(f, "sensitivity", fromName(Sensitivity.class), Sensitivity.values(), Enum::name)
                            .orElse(Sensitivity.PUBLIC)
                    : Sensitivity.PUBLIC;
            Optional<FieldRole> role = f.optString("role").isPresent()
                    ? enumValue(f, "role", fromName(FieldRole.class), FieldRole.values(), Enum::name)
                    : Optional.empty();
            Optional<String> emptyText = f.optString("emptyText");
            boolean multiline = f.bool("multiline", false);
            if (multiline && type != FieldType.TEXT) {
                f.problem("multiline", "only a TEXT field can hold several lines; '" + key + "' is " + type);
            }
            f.rejectUnknownProperties();
            result.add(new FieldDefinition(
                    key,
                    labelZh,
                    labelEn,
                    type,
                    required,
                    maxLength,
                    pattern,
                    enumValues,
                    minDate,
                    maxDate,
                    minNumber,
                    maxNumber,
                    sensitivity,
                    role,
                    emptyText,
                    multiline));
        }
        return result;
    }

    private static Optional<LocalDate> date(JsonObjectReader json, String name) {
        return json.optString(name).flatMap(s -> {
            try {
                return Optional.of(LocalDate.parse(s));
            } catch (DateTimeParseException e) {
                json.problem(name, "'" + s + "' is not an ISO date yyyy-MM-dd");
                return Optional.empty();
            }
        });
    }

    private Layout layout(JsonObjectReader json) {
        Layout.Page page = json.object("page")
                .map(p -> {
                    Layout.Page pg = new Layout.Page(
                            enumValue(p, "size", fromName(PaperSize.class), PaperSize.values(), Enum::name)
                                    .orElse(PaperSize.A4),
                            enumValue(p, "orientation", fromName(Orientation.class), Orientation.values(), Enum::name)
                                    .orElse(Orientation.PORTRAIT));
                    p.rejectUnknownProperties();
                    return pg;
                })
                .orElse(new Layout.Page(PaperSize.A4, Orientation.PORTRAIT));
        Layout.Margins margins = json.object("marginsMm")
                .map(m -> {
                    Layout.Margins mg = new Layout.Margins(
                            m.number("top"), m.number("right"), m.number("bottom"), m.number("left"));
                    m.rejectUnknownProperties();
                    return mg;
                })
                .orElse(new Layout.Margins(0, 0, 0, 0));
        Optional<Layout.Border> border = json.optObject("border").map(b -> {
            Layout.Border bd = new Layout.Border(
                    enumValue(b, "style", fromName(BorderStyle.class), BorderStyle.values(), Enum::name)
                            .orElse(BorderStyle.SINGLE),
                    b.string("colour"),
                    b.positive("widthMm"),
                    b.numberOr("gapMm", 0),
                    b.optString("bandColour"));
            b.rejectUnknownProperties();
            return bd;
        });
        Layout.Title title = json.object("title")
                .map(t -> {
                    Layout.Title tt = new Layout.Title(
                            t.string("text"),
                            t.number("yMm"),
                            t.positive("fontSize"),
                            t.optString("colour").orElse("#000000"),
                            t.numberOr("letterSpacing", 0),
                            t.optString("subtitle"));
                    t.rejectUnknownProperties();
                    return tt;
                })
                .orElse(new Layout.Title("", 0, 1, "#000000", 0, Optional.empty()));
        String textColour = json.optString("textColour").orElse("#000000");
        String dateFormat = json.optString("dateFormat").orElse("yyyy年MM月dd日");
        List<Layout.Item> items = new ArrayList<>();
        for (JsonObjectReader i : json.objects("items", true)) {
            items.add(new Layout.Item(
                    i.optString("label").orElse(""),
                    i.string("value"),
                    i.number("xMm"),
                    i.number("yMm"),
                    i.positive("fontSize"),
                    i.numberOr("labelWidthMm", 0),
                    i.positive("maxWidthMm"),
                    i.numberOr("lineSpacing", 1.5),
                    align(i)));
            i.rejectUnknownProperties();
        }
        List<Layout.FixedText> texts = new ArrayList<>();
        for (JsonObjectReader t : json.objects("texts", false)) {
            texts.add(new Layout.FixedText(
                    t.string("text"),
                    t.number("xMm"),
                    t.number("yMm"),
                    t.positive("fontSize"),
                    t.optString("colour").orElse(textColour),
                    align(t)));
            t.rejectUnknownProperties();
        }
        Layout.Circle seal =
                json.object("seal").map(JsonLicenceTypeLoader::circle).orElse(new Layout.Circle(0, 0, 1));
        Layout.Square qr = json.object("qrCode")
                .map(q -> {
                    Layout.Square s = new Layout.Square(
                            q.number("xMm"), q.number("yMm"), q.positive("sizeMm"), q.optString("caption"));
                    q.rejectUnknownProperties();
                    return s;
                })
                .orElse(new Layout.Square(0, 0, 1, Optional.empty()));
        Optional<Layout.Circle> emblem = json.optObject("emblem").map(JsonLicenceTypeLoader::circle);
        Layout.Footer footer = json.object("footer")
                .map(f -> {
                    Layout.Footer ft = new Layout.Footer(
                            f.number("yMm"),
                            f.positive("fontSize"),
                            f.optString("colour").orElse(textColour));
                    f.rejectUnknownProperties();
                    return ft;
                })
                .orElse(new Layout.Footer(0, 1, textColour));
        List<Layout.Grid> grids = new ArrayList<>();
        for (JsonObjectReader g : json.objects("grids", false)) {
            grids.add(new Layout.Grid(
                    g.number("xMm"),
                    g.number("yMm"),
                    positives(g, "columnWidthsMm"),
                    positives(g, "rowHeightsMm"),
                    g.numberOr("lineWidthMm", 0.3),
                    g.optString("colour").orElse(textColour),
                    g.optString("fillColour"),
                    g.numbers("shadedColumns", false).stream()
                            .map(BigDecimal::intValue)
                            .toList(),
                    g.optString("shadeColour")));
            g.rejectUnknownProperties();
        }
        List<Layout.Line> lines = new ArrayList<>();
        for (JsonObjectReader r : json.objects("lines", false)) {
            lines.add(new Layout.Line(
                    r.number("x1Mm"),
                    r.number("y1Mm"),
                    r.number("x2Mm"),
                    r.number("y2Mm"),
                    r.numberOr("widthMm", 0.3),
                    r.optString("colour").orElse(textColour)));
            r.rejectUnknownProperties();
        }
        return new Layout(
                page,
                margins,
                border,
                title,
                textColour,
                dateFormat,
                items,
                texts,
                seal,
                qr,
                emblem,
                footer,
                grids,
                lines);
    }

    private static Align align(JsonObjectReader json) {
        return json.optString("align").isPresent()
                ? enumValue(json, "align", fromName(Align.class), Align.values(), Enum::name)
                        .orElse(Align.LEFT)
                : Align.LEFT;
    }

    private static List<Double> positives(JsonObjectReader json, String name) {
        List<Double> values = new ArrayList<>();
        List<BigDecimal> numbers = json.numbers(name, true);
        for (int i = 0; i < numbers.size(); i++) {
            if (numbers.get(i).signum() <= 0) {
                json.problem(name + "[" + i + "]", "must be greater than 0, got " + numbers.get(i));
            }
            values.add(numbers.get(i).doubleValue());
        }
        if (numbers.isEmpty()
                && json.node().get(name) != null
                && json.node().get(name).isArray()) {
            json.problem(name, "needs at least one value");
        }
        return values;
    }

    private static Layout.Circle circle(JsonObjectReader c) {
        Layout.Circle circle =
                new Layout.Circle(c.number("centreXMm"), c.number("centreYMm"), c.positive("diameterMm"));
        c.rejectUnknownProperties();
        return circle;
    }

    private LicenceSample sample(JsonObjectReader json) {
        String issuerCode = json.string("issuerCode");
        String serial = json.string("serial");
        Map<String, Object> values = new LinkedHashMap<>();
        json.object("fields").ifPresent(f -> {
            for (Map.Entry<String, JsonNode> e : f.node().properties()) {
                JsonNode v = e.getValue();
                if (v.isString()) {
                    values.put(e.getKey(), v.stringValue());
                } else if (v.isNumber()) {
                    values.put(e.getKey(), v.decimalValue());
                } else {
                    f.problem(e.getKey(), "sample values must be strings or numbers, got " + v);
                }
            }
        });
        return new LicenceSample(issuerCode, serial, values);
    }

    private static <E extends Enum<E>> Function<String, Optional<E>> fromName(Class<E> type) {
        return text -> Arrays.stream(type.getEnumConstants())
                .filter(c -> c.name().equals(text.toUpperCase(Locale.ROOT)))
                .findFirst();
    }

    private static <E> Optional<E> enumValue(
            JsonObjectReader json,
            String name,
            Function<String, Optional<E>> parse,
            E[] allowed,
            Function<E, String> show) {
        if (json.node().get(name) == null || json.node().get(name).isNull()) {
            json.string(name); // records "is missing"
            return Optional.empty();
        }
        return json.optString(name).flatMap(text -> {
            Optional<E> value = parse.apply(text);
            if (value.isEmpty()) {
                json.problem(
                        name,
                        "is '" + text + "'; allowed: "
                                + Arrays.stream(allowed).map(show).toList());
            }
            return value;
        });
    }
}
