package cn.zhengyin.licence.issuance;

import cn.zhengyin.licence.authority.IssuingAuthority;
import cn.zhengyin.licence.licencetype.FieldDefinition;
import cn.zhengyin.licence.licencetype.FieldRole;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.ValidityRule;
import cn.zhengyin.licence.registry.LicenceFileStore;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.registry.PublicLinks;
import cn.zhengyin.licence.registry.Rendition;
import cn.zhengyin.licence.rendition.LicenceOfdRenderer;
import cn.zhengyin.licence.rendition.LicencePdfRenderer;
import cn.zhengyin.licence.rendition.LicenceXmlMetadata;
import cn.zhengyin.licence.rendition.LicenceXmlRenderer;
import cn.zhengyin.licence.rendition.Rectangle;
import cn.zhengyin.licence.rendition.RenderContext;
import cn.zhengyin.licence.sealing.JointSealing;
import cn.zhengyin.licence.sealing.LicenceSealer;
import cn.zhengyin.licence.sealing.OfdSealer;
import cn.zhengyin.licence.sealing.XmlSealer;
import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Produces one immutable licence version: renders its files, has them sealed, stores the files and the version
 * record. Idempotent per identifier: if the version exists already (an earlier attempt got that far) and came from the
 * same request, it is returned as it is; from another request, {@link VersionTaken}. This is the one place that asks
 * whether a version exists; {@link LicenceIssuer} and {@code LicenceChanges} rely on it.
 */
public final class VersionProducer {
    /** Licences are dated in China's time zone. */
    public static final ZoneId CHINA = cn.zhengyin.trust.ChinaTime.ZONE;
    /** The media type OFD files are served with (GB/T 33190 names none; this is the common one). */
    public static final String OFD_MEDIA_TYPE = "application/ofd";

    private final LicencePdfRenderer renderer;
    private final LicenceSealer sealer;
    private final LicenceXmlRenderer xmlRenderer;
    private final XmlSealer xmlSealer;
    private final LicenceOfdRenderer ofdRenderer;
    private final OfdSealer ofdSealer;
    private final LicenceFileStore files;
    private final LicenceRegistry registry;
    private final PublicLinks links;
    private final JointSealing jointSealing;

    /**
     * @param jointSealing seals the PDF, XML and OFD of a version together ({@link JointSealing#ONE_AFTER_ANOTHER}: one
     *                     after another)
     */
    public VersionProducer(
            LicencePdfRenderer renderer,
            LicenceSealer sealer,
            LicenceXmlRenderer xmlRenderer,
            XmlSealer xmlSealer,
            LicenceOfdRenderer ofdRenderer,
            OfdSealer ofdSealer,
            LicenceFileStore files,
            LicenceRegistry registry,
            PublicLinks links,
            JointSealing jointSealing) {
        this.jointSealing = jointSealing;
        this.renderer = renderer;
        this.sealer = sealer;
        this.xmlRenderer = xmlRenderer;
        this.xmlSealer = xmlSealer;
        this.ofdRenderer = ofdRenderer;
        this.ofdSealer = ofdSealer;
        this.files = files;
        this.registry = registry;
        this.links = links;
    }

    /** What a version is made from. */
    public record VersionRequest(
            LicenceType type,
            IssuingAuthority authority,
            LicenceIdentifier identifier,
            Map<String, String> values,
            String change,
            String caseNumber,
            String client,
            Instant now,
            String fingerprint) {}

    /** Thrown when a version with this identifier exists but was made from another request. */
    public static final class VersionTaken extends RuntimeException {
        VersionTaken(String identifier) {
            super("version " + identifier + " was started by another request that has not finished; retry later");
        }
    }

    public LicenceVersion produce(VersionRequest r) {
        Optional<LicenceVersion> existing = registry.findVersion(r.identifier().toString());
        if (existing.isPresent()) {
            if (!r.fingerprint().equals(existing.get().requestFingerprint())) {
                throw new VersionTaken(r.identifier().toString());
            }
            return existing.get();
        }
        return make(r);
    }

    /**
     * As {@link #produce} for an identifier the caller has just taken (a new serial bound to its request), which no
     * earlier attempt can have stored: the existence check is left out (issue #18, one read less per licence). Should
     * the version exist after all (a serial handed out twice), storing it fails on the unique identifier and the stored
     * version is compared as {@link #produce} does; the files and hash entries this attempt wrote are then orphans
     * that nothing reads as a match.
     */
    public LicenceVersion produceNew(VersionRequest r) {
        return make(r);
    }

    private LicenceVersion make(VersionRequest r) {
        LocalDate issuedOn =
                dateOf(r.type(), r.values(), FieldRole.ISSUE_DATE).orElse(LocalDate.ofInstant(r.now(), CHINA));
        LocalDate validFrom =
                dateOf(r.type(), r.values(), FieldRole.VALIDITY_START).orElse(issuedOn);
        Optional<LocalDate> validUntil = switch (r.type().descriptor().validity()) {
            case ValidityRule.FixedYears fixed ->
                dateOf(r.type(), r.values(), FieldRole.VALIDITY_END)
                        .or(() -> Optional.of(validFrom.plusYears(fixed.years()).minusDays(1)));
            case ValidityRule.Indefinite indefinite -> Optional.empty();
            case ValidityRule.FromFields fromFields -> dateOf(r.type(), r.values(), FieldRole.VALIDITY_END);
        };

        // PDF (PAdES, visible seal), XML (GB/T 36903 metadata + fields, XAdES enveloped) and OFD (GB/T 33190, the
        // national licence file format, with the GB/T 38540 seal signature of the same seal) from the same values,
        // rendered and sealed at the same time: their signatures travel together, and so do their time-stamps.
        // one context for the PDF and the OFD: the verification URL is encoded as a QR code once (immutable, read
        // by both sealings at the same time)
        RenderContext context = new RenderContext(
                r.identifier(), links.verificationPage(r.identifier().toString()), r.now());
        LicenceXmlMetadata metadata = new LicenceXmlMetadata(
                r.identifier(), r.authority().name(), r.authority().code(), issuedOn, validFrom, validUntil);
        List<byte[]> sealed = jointSealing.together(List.of(
                () -> sealedPdf(r, context),
                () -> xmlSealer.seal(
                        xmlRenderer.render(r.type(), r.values(), metadata),
                        r.authority().sealId(),
                        r.identifier().toString(),
                        r.now()),
                () -> ofdSealer.seal(
                        ofdRenderer.render(r.type(), r.values(), context, metadata),
                        r.authority().sealId(),
                        r.identifier().toString(),
                        ofdRenderer.sealStamp(r.type()),
                        r.now())));
        byte[] signed = sealed.get(0);
        byte[] signedXml = sealed.get(1);
        byte[] signedOfd = sealed.get(2);
        List<Rendition> renditions = new ArrayList<>();
        List<LicenceFileStore.StoredFile> toStore = new ArrayList<>();
        renditions.add(file(r.identifier(), "PDF", "application/pdf", ".pdf", signed, toStore));
        renditions.add(file(r.identifier(), "XML", "application/xml", ".xml", signedXml, toStore));
        renditions.add(file(r.identifier(), "OFD", OFD_MEDIA_TYPE, ".ofd", signedOfd, toStore));
        files.putAll(toStore); // one store command for the three files (issue #18)

        LicenceVersion version = new LicenceVersion(
                r.identifier().toString(),
                r.identifier().root(),
                r.identifier().version(),
                r.type().typeCode(),
                r.type().descriptor().name(),
                r.authority().code(),
                r.authority().name(),
                valueOf(r.type(), r.values(), FieldRole.HOLDER_NAME),
                valueOf(r.type(), r.values(), FieldRole.HOLDER_CODE),
                r.type().descriptor().holderCodeType().code(),
                issuedOn,
                validFrom,
                validUntil,
                r.values(),
                r.caseNumber() == null ? "" : r.caseNumber(),
                r.client(),
                r.now(),
                renditions,
                r.change(),
                r.fingerprint());
        if (!registry.saveVersion(version)) {
            return produce(r);
        }
        return version;
    }

    private byte[] sealedPdf(VersionRequest r, RenderContext context) {
        byte[] rendered = renderer.render(
                r.type(), r.values(), context, sealer.sealGlyphs(r.authority().sealId()));
        Rectangle area = renderer.sealRectangle(r.type());
        return sealer.seal(
                rendered,
                new LicenceSealer.SealingRequest(
                        r.authority().sealId(),
                        r.identifier().toString(),
                        r.authority().name(),
                        r.now(),
                        0,
                        new LicenceSealer.Area(area.lowerLeftX(), area.lowerLeftY(), area.width(), area.height())));
    }

    private static Rendition file(
            LicenceIdentifier identifier,
            String kind,
            String mediaType,
            String extension,
            byte[] content,
            List<LicenceFileStore.StoredFile> toStore) {
        // The file id names the content: an attempt killed after storing its files and retried renders and seals
        // again (new signing time, other bytes); with a fixed id the store kept the first attempt's file while the
        // version recorded the retry's hashes, and the licence failed verification (found by the crash test).
        String sha256 = sha256Hex(content);
        String fileId = identifier + "/" + kind.toLowerCase(java.util.Locale.ROOT) + "/" + sha256;
        toStore.add(new LicenceFileStore.StoredFile(fileId, identifier + extension, mediaType, content));
        return new Rendition(kind, mediaType, fileId, content.length, sha256, sm3Hex(content));
    }

    private static Optional<LocalDate> dateOf(LicenceType type, Map<String, String> values, FieldRole role) {
        return type.fieldWithRole(role)
                .map(FieldDefinition::key)
                .map(values::get)
                .filter(s -> !s.isBlank())
                .map(LocalDate::parse);
    }

    private static String valueOf(LicenceType type, Map<String, String> values, FieldRole role) {
        return type.fieldWithRole(role)
                .map(f -> values.getOrDefault(f.key(), ""))
                .orElse("");
    }

    /** A stable fingerprint of a request: operation, target, case number and the field values. */
    public static String fingerprint(String operation, String target, String caseNumber, Map<String, String> values) {
        StringBuilder canonical = new StringBuilder(operation)
                .append('\u0000')
                .append(target)
                .append('\u0000')
                .append(caseNumber == null ? "" : caseNumber);
        new TreeMap<>(values)
                .forEach((k, v) ->
                        canonical.append('\u0000').append(k).append('=').append(v));
        return sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] data) {
        return Digests.sha256Hex(data);
    }

    static String sm3Hex(byte[] data) {
        return HexFormat.of().formatHex(Digests.sm3(data));
    }
}
