package cn.zhengyin.licence.issuance;

import cn.zhengyin.licence.licencetype.FieldDefinition;
import cn.zhengyin.licence.licencetype.FieldRole;
import cn.zhengyin.licence.licencetype.FieldValidator;
import cn.zhengyin.licence.licencetype.FieldViolation;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.licencetype.ValidityDates;
import cn.zhengyin.licence.licencetype.ValidityRule;
import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceEvent;
import cn.zhengyin.licence.registry.LicenceFileStore;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceStatus;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.registry.Rendition;
import cn.zhengyin.licence.rendition.LicencePdfRenderer;
import cn.zhengyin.licence.rendition.Rectangle;
import cn.zhengyin.licence.rendition.RenderContext;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * Issues a licence (version 001) end to end: validate, assign the GB/T 36904 identifier, render, seal, store, and make
 * it visible. The head document in the registry is written last and is the commit point: until it exists nobody sees
 * the licence, and every earlier write is idempotent, so a retry (same Idempotency-Key) or a recovery completes the
 * same licence with the same identifier rather than issuing a second one.
 */
public final class LicenceIssuer {
    /** Licences are dated in China's time zone. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final Duration LEASE = Duration.ofSeconds(30);

    private final LicenceTypeCatalogue types;
    private final Function<String, Optional<IssuingAuthority>> authorities;
    private final LicenceRegistry registry;
    private final LicenceFileStore files;
    private final SerialNumberSource serials;
    private final IdempotencyStore idempotency;
    private final LicencePdfRenderer renderer;
    private final LicenceSealer sealer;
    private final URI publicBaseUrl;
    private final Clock clock;
    private final FieldValidator validator = new FieldValidator();

    public LicenceIssuer(LicenceTypeCatalogue types, Function<String, Optional<IssuingAuthority>> authorities,
                         LicenceRegistry registry, LicenceFileStore files, SerialNumberSource serials,
                         IdempotencyStore idempotency, LicencePdfRenderer renderer, LicenceSealer sealer,
                         URI publicBaseUrl, Clock clock) {
        this.types = types;
        this.authorities = authorities;
        this.registry = registry;
        this.files = files;
        this.serials = serials;
        this.idempotency = idempotency;
        this.renderer = renderer;
        this.sealer = sealer;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
    }

    /** The outcome: the issued version, its licence head, and whether this answer replays an earlier request. */
    public record IssuedLicence(LicenceVersion version, Licence licence, boolean replayed) {
    }

    /**
     * @throws IssuanceException for a request that cannot be carried out (unknown type, not permitted, invalid fields,
     *                           idempotency conflicts)
     * @throws LicenceSealer.SealingFailedException when the seal could not be applied
     */
    public IssuedLicence issue(IssueLicenceCommand command) {
        IssuingAuthority authority = authorities.apply(command.client()).orElseThrow(() -> new IssuanceException.NotPermitted(
                "client '" + command.client() + "' is not registered as an approval system"));
        LicenceType type = types.find(command.licenceType()).orElseThrow(() -> new IssuanceException.UnknownLicenceType(
                "there is no licence type '" + command.licenceType() + "'; GET /api/v1/licence-types lists them"));
        if (!authority.licenceTypes().contains(type.typeCode())) {
            throw new IssuanceException.NotPermitted("approval system '" + command.client() + "' may not issue "
                    + type.descriptor().name() + " (" + type.typeCode() + ")");
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, CHINA);
        Map<String, Object> submitted = completeFields(type, authority, command.fields(), today);
        List<FieldViolation> violations = new ArrayList<>(validator.validate(type, submitted));
        type.fieldWithRole(FieldRole.ISSUING_AUTHORITY).ifPresent(f -> {
            if (!authority.name().equals(String.valueOf(submitted.get(f.key())))) {
                violations.add(new FieldViolation(f.key(), "must be the issuing authority '" + authority.name()
                        + "' that approval system '" + command.client() + "' issues for"));
            }
        });
        if (!violations.isEmpty()) {
            throw new IssuanceException.InvalidFields(violations);
        }
        Map<String, String> values = asText(submitted);

        Optional<String> chosenIdentifier = Optional.empty();
        if (command.idempotencyKey().isPresent()) {
            String key = command.idempotencyKey().get();
            IdempotencyStore.Claim claim = idempotency.claim(command.client(), key,
                    requestHash(type.typeCode(), command.caseNumber(), values), now, LEASE);
            switch (claim) {
                case IdempotencyStore.Completed done -> {
                    return replay(done.identifier());
                }
                case IdempotencyStore.Mismatch m -> throw new IssuanceException.IdempotencyKeyReused(
                        "Idempotency-Key '" + key + "' was already used for a different request");
                case IdempotencyStore.InProgress busy -> throw new IssuanceException.InProgress(
                        "a request with Idempotency-Key '" + key + "' is being processed", busy.leaseUntil());
                case IdempotencyStore.Started started -> chosenIdentifier = started.identifier();
            }
        }
        LicenceIdentifier identifier = chosenIdentifier.map(LicenceIdentifier::parse).orElseGet(() ->
                LicenceIdentifier.first(type.typeCode(), authority.code(),
                        serials.next(type.typeCode(), authority.code(), today.getYear())));
        if (command.idempotencyKey().isPresent()) {
            identifier = LicenceIdentifier.parse(idempotency.assignIdentifier(command.client(),
                    command.idempotencyKey().get(), identifier.toString()));
        }
        IssuedLicence issued = complete(type, authority, identifier, values, command, now);
        command.idempotencyKey().ifPresent(key ->
                idempotency.complete(command.client(), key, issued.version().identifier(), clock.instant()));
        return issued;
    }

    private IssuedLicence complete(LicenceType type, IssuingAuthority authority, LicenceIdentifier identifier,
                                   Map<String, String> values, IssueLicenceCommand command, Instant now) {
        Optional<Licence> existing = registry.findLicence(identifier.root());
        if (existing.isPresent()) {
            return new IssuedLicence(registry.findVersion(identifier.toString()).orElseThrow(), existing.get(), true);
        }
        LicenceVersion version = registry.findVersion(identifier.toString())
                .orElseGet(() -> renderSealAndStore(type, authority, identifier, values, command, now));
        Licence head = new Licence(identifier.root(), type.typeCode(), authority.code(), version.holderCode(), 1,
                version.identifier(), LicenceStatus.VALID, version.validFrom(), version.validUntil(),
                List.of(new LicenceEvent("ISSUED", 1, command.client(), "", command.caseNumber(), now)), 0);
        registry.createLicence(head);
        Licence stored = registry.findLicence(identifier.root()).orElse(head);
        return new IssuedLicence(version, stored, false);
    }

    private LicenceVersion renderSealAndStore(LicenceType type, IssuingAuthority authority, LicenceIdentifier identifier,
                                              Map<String, String> values, IssueLicenceCommand command, Instant now) {
        String verificationUrl = publicBaseUrl.toString().replaceAll("/+$", "") + "/v/" + identifier;
        byte[] rendered = renderer.render(type, values, new RenderContext(identifier, verificationUrl, now));
        Rectangle area = renderer.sealRectangle(type);
        byte[] signed = sealer.seal(rendered, new LicenceSealer.SealingRequest(authority.sealId(), identifier.toString(),
                authority.name(), now, 0, new LicenceSealer.Area(area.lowerLeftX(), area.lowerLeftY(), area.width(),
                area.height())));
        String fileId = identifier + "/pdf";
        files.put(fileId, identifier + ".pdf", "application/pdf", signed);
        LocalDate issuedOn = type.fieldWithRole(FieldRole.ISSUE_DATE).map(f -> LocalDate.parse(values.get(f.key())))
                .orElse(LocalDate.ofInstant(now, CHINA));
        LocalDate validFrom = dateOf(type, values, FieldRole.VALIDITY_START).orElse(issuedOn);
        Optional<LocalDate> validUntil = switch (type.descriptor().validity()) {
            case ValidityRule.FixedYears fixed -> Optional.of(validFrom.plusYears(fixed.years()).minusDays(1));
            case ValidityRule.Indefinite indefinite -> Optional.empty();
            case ValidityRule.FromFields fromFields -> dateOf(type, values, FieldRole.VALIDITY_END);
        };
        LicenceVersion version = new LicenceVersion(identifier.toString(), identifier.root(), identifier.version(),
                type.typeCode(), type.descriptor().name(), authority.code(), authority.name(),
                valueOf(type, values, FieldRole.HOLDER_NAME), valueOf(type, values, FieldRole.HOLDER_CODE),
                type.descriptor().holderCodeType().code(), issuedOn, validFrom, validUntil, values,
                command.caseNumber() == null ? "" : command.caseNumber(), command.client(), now,
                List.of(new Rendition("PDF", "application/pdf", fileId, signed.length, sha256Hex(signed), sm3Hex(signed))));
        if (!registry.saveVersion(version)) {
            return registry.findVersion(identifier.toString()).orElseThrow();
        }
        return version;
    }

    private IssuedLicence replay(String identifier) {
        LicenceVersion version = registry.findVersion(identifier).orElseThrow(() ->
                new IllegalStateException("idempotency record points at missing version " + identifier));
        Licence licence = registry.findLicence(version.root()).orElseThrow(() ->
                new IllegalStateException("idempotency record points at licence without head " + version.root()));
        return new IssuedLicence(version, licence, true);
    }

    /** Fills what the service knows itself: the issuing authority and, when absent, the issue date. */
    private static Map<String, Object> completeFields(LicenceType type, IssuingAuthority authority,
                                                      Map<String, Object> fields, LocalDate today) {
        Map<String, Object> complete = new LinkedHashMap<>(fields == null ? Map.of() : fields);
        type.fieldWithRole(FieldRole.ISSUING_AUTHORITY).ifPresent(f -> complete.putIfAbsent(f.key(), authority.name()));
        type.fieldWithRole(FieldRole.ISSUE_DATE).ifPresent(f -> complete.putIfAbsent(f.key(), today.toString()));
        return ValidityDates.completed(type, complete);
    }

    private static Map<String, String> asText(Map<String, Object> values) {
        Map<String, String> text = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                text.put(k, v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v).strip());
            }
        });
        return text;
    }

    private static Optional<LocalDate> dateOf(LicenceType type, Map<String, String> values, FieldRole role) {
        return type.fieldWithRole(role).map(FieldDefinition::key).map(values::get).filter(s -> !s.isBlank())
                .map(LocalDate::parse);
    }

    private static String valueOf(LicenceType type, Map<String, String> values, FieldRole role) {
        return type.fieldWithRole(role).map(f -> values.getOrDefault(f.key(), "")).orElse("");
    }

    static String requestHash(String typeCode, String caseNumber, Map<String, String> values) {
        StringBuilder canonical = new StringBuilder(typeCode).append('\u0000')
                .append(caseNumber == null ? "" : caseNumber);
        new TreeMap<>(values).forEach((k, v) -> canonical.append('\u0000').append(k).append('=').append(v));
        return sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sm3Hex(byte[] data) {
        SM3Digest sm3 = new SM3Digest();
        sm3.update(data, 0, data.length);
        byte[] out = new byte[sm3.getDigestSize()];
        sm3.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
