package cn.zhengyin.licence.fieldreuse;

import cn.zhengyin.licence.holder.Holder;
import cn.zhengyin.licence.licencetype.FieldDefinition;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.licencetype.Sensitivity;
import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceFileStore;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.registry.Rendition;
import cn.zhengyin.licence.registry.Standings;
import cn.zhengyin.service.audit.AuditEvent;
import cn.zhengyin.service.audit.AuditLog;
import cn.zhengyin.trust.identifier.InvalidIdentifierException;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.validation.LicenceStanding;
import cn.zhengyin.trust.validation.NotInForce;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The field-reuse application service: consents (授权用证), use codes (用证码), duty reads (依职能用证), signed field
 * releases, annotated copies (加注件) and usage records (用证记录).
 *
 * <p>Rules (docs/field-reuse.md):
 * <ul>
 *   <li>A holder grants, withdraws and lists consents and creates use codes only for licences they hold (their own or a
 *   represented company's); an unknown identifier and another holder's licence get the same refusal.</li>
 *   <li>A consent or a use code names the fields; any sensitivity may be named, because the holder chose it.</li>
 *   <li>A duty read needs a service item the client is configured for, a licence type of that item, a case number and
 *   a purpose chosen from the item's configured list; it releases PUBLIC and RESTRICTED fields, SENSITIVE ones only
 *   where the item is configured for them.</li>
 *   <li>Every purpose is one line of plain text of at most {@value Purposes#MAX_LENGTH} characters ({@link Purposes}).
 *   </li>
 *   <li>A field not covered refuses the whole read; a refusal never carries a field value.</li>
 *   <li>An annotated copy (加注件) discloses every field printed on the licence: its basis must cover each of them as a
 *   read would; otherwise it is refused with the fields not covered.</li>
 *   <li>Every release, redemption, copy and verification by a registered client is a usage record.</li>
 * </ul>
 */
public final class FieldReuse {
    private static final ZoneId CHINA = cn.zhengyin.trust.ChinaTime.ZONE;
    /** Crockford base32 without I, L, O, U: easy to read out and type. 12 characters = 60 bits. */
    private static final char[] CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    static final int CODE_LENGTH = 12;
    private static final int MAX_CASE_NUMBER = 64;

    private final LicenceRegistry registry;
    private final LicenceTypeCatalogue types;
    private final LicenceFileStore files;
    private final ConsentStore consents;
    private final UseCodeStore useCodes;
    private final UsageRecords usage;
    private final ThirdParties thirdParties;
    private final ReleaseSigner signer;
    private final CopyMaker copyMaker;
    private final AuditLog audit;
    private final Clock clock;
    private final FieldReusePolicy policy;
    private final SecureRandom random = new SecureRandom();

    public FieldReuse(
            LicenceRegistry registry,
            LicenceTypeCatalogue types,
            LicenceFileStore files,
            ConsentStore consents,
            UseCodeStore useCodes,
            UsageRecords usage,
            ThirdParties thirdParties,
            ReleaseSigner signer,
            CopyMaker copyMaker,
            AuditLog audit,
            Clock clock,
            FieldReusePolicy policy) {
        this.registry = registry;
        this.types = types;
        this.files = files;
        this.consents = consents;
        this.useCodes = useCodes;
        this.usage = usage;
        this.thirdParties = thirdParties;
        this.signer = signer;
        this.copyMaker = copyMaker;
        this.audit = audit;
        this.clock = clock;
        this.policy = policy;
    }

    // ---- requests and answers ----

    /** 授权用证: {@code licence} is a full identifier or an identifier root. */
    public record GrantRequest(String licence, String clientId, List<String> fields, String purpose, Instant until) {}

    /** 用证码: {@code clientId} empty = any registered client may redeem it. */
    public record UseCodeRequest(String licence, List<String> fields, String purpose, Optional<String> clientId) {}

    /** The code's text is shown once, to the holder; only its hash is kept. */
    public record IssuedUseCode(
            String code,
            String licenceRoot,
            List<String> fields,
            String purpose,
            Optional<String> clientId,
            Instant expiresAt) {}

    /** On what basis a third party asks. */
    public sealed interface Basis {
        /** The holder's consent: a given consent id, or the newest active consent that covers the fields. */
        record Consented(Optional<String> consentId) implements Basis {}

        /** 依职能用证: 事项编码, 办件编号 and 用证事由. */
        record OnDuty(String serviceItem, String caseNumber, String purpose) implements Basis {}
    }

    /** @param fields the fields wanted; empty = every field the basis covers */
    public record ReadRequest(Basis basis, List<String> fields) {
        public ReadRequest {
            fields = List.copyOf(fields);
        }
    }

    /** @param expiresAt wanted 有效期 of the copy; empty = as long as the basis and the policy allow */
    public record CopyRequest(Basis basis, Optional<Instant> expiresAt) {}

    // ---- holder side ----

    public Consent grant(Holder holder, GrantRequest request) {
        Instant now = clock.instant();
        Found found = heldBy(holder, request.licence(), "consent.grant");
        inForce(found, now);
        ThirdParty party = thirdParties
                .find(blankToEmpty(request.clientId()))
                .orElseThrow(() -> FieldReuseException.invalid(
                        "clientId '" + request.clientId() + "' is not a registered third party"));
        List<String> fields = knownFields(found.type(), request.fields());
        String purpose = purpose(request.purpose());
        if (request.until() == null || !request.until().isAfter(now)) {
            throw FieldReuseException.invalid("until must be a time in the future (ISO-8601, e.g. "
                    + now.plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "); got " + request.until());
        }
        if (request.until().isAfter(now.plus(policy.maxConsentDuration()))) {
            throw FieldReuseException.invalid("a consent may run at most "
                    + policy.maxConsentDuration().toDays()
                    + " days, until " + now.plus(policy.maxConsentDuration()).truncatedTo(ChronoUnit.SECONDS)
                    + "; got until " + request.until());
        }
        Consent consent = new Consent(
                "cst-" + UUID.randomUUID(),
                found.licence().root(),
                found.licence().typeCode(),
                found.licence().holderCode(),
                holder.personalCode(),
                party.clientId(),
                fields,
                purpose,
                now,
                request.until(),
                Optional.empty());
        consents.save(consent);
        audit(
                now,
                "consent.grant",
                AuditEvent.Outcome.SUCCESS,
                holder.subject(),
                consent.id(),
                Map.of(
                        "licence",
                        consent.licenceRoot(),
                        "client",
                        consent.clientId(),
                        "fields",
                        String.join(",", fields),
                        "until",
                        consent.until().toString()));
        return consent;
    }

    /** Withdraws a consent on a licence the holder holds; a consent withdrawn already stays as it was. */
    public Consent withdraw(Holder holder, String consentId) {
        Instant now = clock.instant();
        Consent consent = consents.find(consentId)
                .filter(c -> holder.holds(c.holderCode()))
                .orElseThrow(() -> {
                    audit(
                            now,
                            "consent.withdraw",
                            AuditEvent.Outcome.DENIED,
                            holder.subject(),
                            consentId,
                            Map.of("reason", "not the holder's consent"));
                    return new FieldReuseException(
                            FieldReuseException.Kind.NOT_FOUND,
                            "consent-not-found",
                            "you have no consent with id '" + consentId + "'");
                });
        if (consents.withdraw(consentId, now)) {
            audit(
                    now,
                    "consent.withdraw",
                    AuditEvent.Outcome.SUCCESS,
                    holder.subject(),
                    consentId,
                    Map.of("licence", consent.licenceRoot(), "client", consent.clientId()));
        }
        return consents.find(consentId).orElse(consent);
    }

    public List<Consent> consents(Holder holder) {
        return consents.byHolderCodes(holder.holderCodes());
    }

    public IssuedUseCode createUseCode(Holder holder, UseCodeRequest request) {
        Instant now = clock.instant();
        Found found = heldBy(holder, request.licence(), "use-code.create");
        inForce(found, now);
        List<String> fields = knownFields(found.type(), request.fields());
        String purpose = purpose(request.purpose());
        Optional<String> client = request.clientId().filter(c -> !c.isBlank());
        if (client.isPresent() && thirdParties.find(client.get()).isEmpty()) {
            throw FieldReuseException.invalid("clientId '" + client.get() + "' is not a registered third party");
        }
        char[] text = new char[CODE_LENGTH];
        for (int i = 0; i < text.length; i++) {
            text[i] = CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)];
        }
        String code = new String(text);
        Instant expiresAt = now.plus(policy.useCodeLifetime());
        UseCode stored = new UseCode(
                hash(code),
                found.licence().root(),
                found.licence().typeCode(),
                found.licence().holderCode(),
                holder.personalCode(),
                client,
                fields,
                purpose,
                now,
                expiresAt,
                Optional.empty(),
                Optional.empty());
        useCodes.save(stored);
        audit(
                now,
                "use-code.create",
                AuditEvent.Outcome.SUCCESS,
                holder.subject(),
                found.licence().root(),
                Map.of(
                        "fields",
                        String.join(",", fields),
                        "client",
                        client.orElse("any"),
                        "expiresAt",
                        expiresAt.toString()));
        return new IssuedUseCode(code, found.licence().root(), fields, purpose, client, expiresAt);
    }

    public List<UsageRecord> usageRecords(Holder holder, Optional<String> licence, int limit) {
        Optional<String> root = licence.filter(l -> !l.isBlank())
                .map(l -> heldBy(holder, l, "usage.list").licence().root());
        return usage.byHolderCodes(holder.holderCodes(), root, limit);
    }

    // ---- third-party side ----

    /** {@code GET /api/v1/licences/{identifier}/fields}: the covered fields, signed. */
    public FieldRelease read(String clientId, String licence, ReadRequest request) {
        Instant now = clock.instant();
        ThirdParty party = party(clientId);
        Grant grant = authorise(party, licence, request.basis(), Wanted.named(request.fields()), now, "field.read");
        return release(party, grant, UsageRecord.Kind.FIELD_READ, now);
    }

    /** Redeems a use code once and releases its fields. */
    public FieldRelease redeem(String clientId, String code, Optional<String> caseNumber) {
        Instant now = clock.instant();
        ThirdParty party = party(clientId);
        String normalised = code == null
                ? ""
                : code.strip().replace("-", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        String hash = hash(normalised);
        Optional<UseCode> redeemed = useCodes.redeem(hash, party.clientId(), now);
        if (redeemed.isEmpty()) {
            String reason = useCodes.find(hash)
                    .map(c -> c.redeemedAt().isPresent()
                            ? "the use code was redeemed already; a use code can be redeemed once"
                            : !now.isBefore(c.expiresAt())
                                    ? "the use code expired at " + c.expiresAt()
                                    : "the use code was given to another client")
                    .orElse("no such use code");
            audit(now, "use-code.redeem", AuditEvent.Outcome.DENIED, party.clientId(), "", Map.of("reason", reason));
            throw FieldReuseException.refused("use-code-refused", reason);
        }
        UseCode used = redeemed.get();
        Found found = current(used.licenceRoot())
                .orElseThrow(() -> FieldReuseException.refused(
                        "use-code-refused", "the licence of this use code is no longer in the registry"));
        audit(
                now,
                "use-code.redeem",
                AuditEvent.Outcome.SUCCESS,
                party.clientId(),
                used.licenceRoot(),
                Map.of("fields", String.join(",", used.fields())));
        Grant grant = new Grant(
                found,
                used.fields(),
                used.purpose(),
                Map.of("kind", "use-code", "useCodeCreatedAt", used.createdAt().toString()),
                "use-code",
                caseNumber.orElse(""),
                "");
        return release(party, grant, UsageRecord.Kind.USE_CODE_REDEMPTION, now);
    }

    /**
     * A 加注件 of the licence's current PDF for a third party with consent or on duty. The copy shows every field
     * printed on the licence, so its basis must cover all of them exactly as a read of those fields would (a consent
     * naming each, or a duty whose service item may read each one's sensitivity); the usage record lists them.
     */
    public AnnotatedCopy annotatedCopy(String clientId, String licence, CopyRequest request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ThirdParty party = party(clientId);
        Grant grant = authorise(party, licence, request.basis(), Wanted.PRINTED, now, "annotated-copy");
        Instant latest = now.plus(policy.maxCopyValidity());
        if (request.basis() instanceof Basis.Consented) {
            Instant until = consents.find(grant.basisRef()).map(Consent::until).orElse(latest);
            latest = until.isBefore(latest) ? until : latest;
        }
        Instant expiresAt = request.expiresAt().orElse(latest);
        if (!expiresAt.isAfter(now) || expiresAt.isAfter(latest)) {
            throw FieldReuseException.invalid(
                    "the copy's expiry must be after now and at most " + latest + " (the basis's end and at most "
                            + policy.maxCopyValidity().toDays() + " days); got " + expiresAt);
        }
        LicenceVersion version = grant.found().version();
        Rendition pdf = version.rendition("PDF")
                .orElseThrow(() -> new FieldReuseException(
                        FieldReuseException.Kind.NOT_FOUND,
                        "no-pdf",
                        "licence " + version.identifier() + " has no PDF"));
        byte[] original = files.get(pdf.fileId())
                .orElseThrow(() -> new FieldReuseException(
                        FieldReuseException.Kind.NOT_FOUND,
                        "no-pdf",
                        "the PDF of " + version.identifier() + " is missing"));
        byte[] copy = copyMaker.annotate(
                original,
                new CopyMaker.Annotation(
                        version.identifier(),
                        version.issuerCode(),
                        grant.purpose(),
                        request.basis() instanceof Basis.OnDuty
                                ? CopyMaker.PurposeSource.SERVICE_ITEM
                                : CopyMaker.PurposeSource.HOLDER,
                        expiresAt,
                        now,
                        policy.copyCreator(),
                        party.name()));
        usage.append(record(party, grant, UsageRecord.Kind.ANNOTATED_COPY, grant.fields(), now));
        audit(
                now,
                "annotated-copy",
                AuditEvent.Outcome.SUCCESS,
                party.clientId(),
                version.identifier(),
                Map.of("basis", grant.basisRef(), "expiresAt", expiresAt.toString()));
        return new AnnotatedCopy(version.identifier(), grant.purpose(), expiresAt, now, grant.basisRef(), copy);
    }

    /** A registered client verified a file of this licence version: a usage record (what else it did is its own). */
    public void recordVerification(String clientId, String identifier, Optional<String> purpose) {
        Optional<ThirdParty> party = thirdParties.find(clientId);
        Optional<LicenceVersion> version = registry.findVersion(identifier);
        if (version.isEmpty()) {
            return;
        }
        LicenceVersion v = version.get();
        usage.append(new UsageRecord(
                "use-" + UUID.randomUUID(),
                clock.instant(),
                UsageRecord.Kind.VERIFICATION,
                clientId,
                party.map(ThirdParty::name).orElse(clientId),
                v.identifier(),
                v.root(),
                v.typeCode(),
                v.issuerCode(),
                v.holderCode(),
                List.of(),
                purpose.orElse(""),
                "verification",
                "",
                ""));
    }

    /** The usage records of one licence type issued by {@code issuerCode} (for that authority's approval systems). */
    public List<UsageRecord> usageRecordsOfType(String typeCode, String issuerCode, int limit) {
        return usage.byTypeAndIssuer(typeCode, issuerCode, limit);
    }

    public List<java.security.cert.X509Certificate> releaseCertificateChain() {
        return signer.certificateChain();
    }

    // ---- rules ----

    private record Found(Licence licence, LicenceVersion version, LicenceType type) {}

    /** What a basis allows: the fields, the purpose and how to cite the basis. */
    private record Grant(
            Found found,
            List<String> fields,
            String purpose,
            Map<String, Object> basis,
            String basisRef,
            String caseNumber,
            String serviceItem) {}

    /**
     * Which fields a use discloses: the fields a read names (none named = all the basis covers), or every field printed
     * on the licence (a copy), known once the licence's type is.
     */
    private record Wanted(List<String> named, boolean printed) {
        static final Wanted PRINTED = new Wanted(List.of(), true);

        static Wanted named(List<String> fields) {
            return new Wanted(List.copyOf(fields), false);
        }

        List<String> of(LicenceType type) {
            return printed ? type.printedFields() : named;
        }

        String describe() {
            return printed ? "the fields printed on the licence (a copy shows them all)" : String.join(",", named);
        }
    }

    private Grant authorise(ThirdParty party, String licence, Basis basis, Wanted wanted, Instant now, String action) {
        try {
            return switch (basis) {
                case Basis.Consented consented -> byConsent(party, licence, consented, wanted, now);
                case Basis.OnDuty duty -> byDuty(party, licence, duty, wanted);
            };
        } catch (FieldReuseException e) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("reason", e.getMessage());
            details.put("fields", wanted.describe());
            if (!e.fieldsNotCovered().isEmpty()) {
                details.put("notCovered", String.join(",", e.fieldsNotCovered()));
            }
            audit(now, action, AuditEvent.Outcome.DENIED, party.clientId(), licence, details);
            throw e;
        }
    }

    private Grant byConsent(ThirdParty party, String licence, Basis.Consented basis, Wanted what, Instant now) {
        Optional<Found> found = find(licence);
        String noConsent = "no active consent of the holder lets " + party.clientId()
                + (what.printed()
                        ? " obtain a copy"
                        : " read " + (what.named().isEmpty() ? "fields" : "the fields " + what.named()))
                + " of licence " + licence;
        if (found.isEmpty()) {
            throw FieldReuseException.refused("no-consent", noConsent);
        }
        List<String> wanted = what.of(found.get().type());
        List<Consent> candidates =
                consents.byLicenceAndClient(found.get().licence().root(), party.clientId());
        if (basis.consentId().isPresent()) {
            String id = basis.consentId().get();
            Consent named = candidates.stream()
                    .filter(c -> c.id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> FieldReuseException.refused(
                            "no-consent",
                            "consent '" + id + "' is not a consent of the holder to " + party.clientId()
                                    + " for licence " + licence));
            candidates = switch (named.stateAt(now)) {
                case ACTIVE -> List.of(named);
                case WITHDRAWN ->
                    throw FieldReuseException.refused(
                            "consent-withdrawn",
                            "consent " + id + " was withdrawn by the holder at "
                                    + named.withdrawnAt().orElseThrow());
                case EXPIRED ->
                    throw FieldReuseException.refused(
                            "consent-expired", "consent " + id + " expired at " + named.until());
            };
        }
        List<Consent> active = candidates.stream()
                .filter(c -> c.stateAt(now) == Consent.State.ACTIVE)
                .toList();
        if (active.isEmpty()) {
            String why = candidates.isEmpty()
                    ? noConsent
                    : noConsent + " (the holder's consents to it are "
                            + candidates.stream()
                                    .map(c -> c.id() + " " + c.stateAt(now))
                                    .toList() + ")";
            throw FieldReuseException.refused("no-consent", why);
        }
        for (Consent c : active) {
            if (c.fields().containsAll(wanted)) {
                List<String> fields =
                        wanted.isEmpty() && !what.printed() ? c.fields() : List.copyOf(new LinkedHashSet<>(wanted));
                Map<String, Object> ref = new LinkedHashMap<>();
                ref.put("kind", "consent");
                ref.put("consentId", c.id());
                ref.put("consentUntil", c.until().toString());
                return new Grant(found.get(), fields, c.purpose(), ref, c.id(), "", "");
            }
        }
        // the fields no single consent covers together with the rest: those missing from the best-covering consent
        List<String> notCovered = active.stream()
                .map(c -> wanted.stream().filter(f -> !c.fields().contains(f)).toList())
                .min(Comparator.comparingInt(List::size))
                .orElse(wanted);
        throw FieldReuseException.notCovered(
                "fields-not-covered",
                (what.printed()
                                ? "an annotated copy shows every field printed on the licence, " + wanted
                                        + ", so the consent must name all of them; "
                                : "")
                        + "the holder's active consent"
                        + (active.size() > 1 ? "s do" : " does") + " not cover the field(s) "
                        + notCovered
                        + "; covered: " + active.stream().map(Consent::fields).toList(),
                notCovered);
    }

    private Grant byDuty(ThirdParty party, String licence, Basis.OnDuty basis, Wanted what) {
        if (basis.serviceItem() == null || basis.serviceItem().isBlank()) {
            throw FieldReuseException.refused(
                    "duty-needs-service-item",
                    "a read by duty (依职能用证) needs the service" + " item code (事项编码, parameter serviceItem)");
        }
        if (basis.caseNumber() == null || basis.caseNumber().isBlank()) {
            throw FieldReuseException.refused(
                    "duty-needs-case-number",
                    "a read by duty (依职能用证) needs the case"
                            + " number (办件编号, parameter caseNumber) of the case it serves");
        }
        if (basis.caseNumber().length() > MAX_CASE_NUMBER) {
            throw FieldReuseException.invalid(
                    "caseNumber has " + basis.caseNumber().length() + " characters; at most " + MAX_CASE_NUMBER);
        }
        String purpose = purpose(basis.purpose());
        ThirdParty.Duty duty = party.duty(basis.serviceItem())
                .orElseThrow(() -> FieldReuseException.refused(
                        "duty-not-configured",
                        party.clientId() + " is not configured to act for service item '"
                                + basis.serviceItem() + "'; its service items: "
                                + party.duties().stream()
                                        .map(ThirdParty.Duty::serviceItemCode)
                                        .toList()));
        if (!duty.purposes().contains(purpose)) {
            // the purpose is signed into the release and printed on a copy under the issuer's seal: it is chosen from
            // the service item's configured 用证事由, never the client's own text
            throw FieldReuseException.refused(
                    "duty-purpose-not-listed",
                    "the purpose is not a 用证事由 of service item " + duty.serviceItemCode() + "; give one of "
                            + duty.purposes());
        }
        Found found = find(licence)
                .orElseThrow(() -> new FieldReuseException(
                        FieldReuseException.Kind.NOT_FOUND,
                        "licence-not-found",
                        "no licence has the identifier '" + licence + "'"));
        if (!duty.licenceTypes().contains(found.licence().typeCode())) {
            throw FieldReuseException.refused(
                    "duty-type-not-covered",
                    "service item " + duty.serviceItemCode()
                            + " does not cover licences of type "
                            + found.licence().typeCode() + " ("
                            + found.type().descriptor().name()
                            + "); it covers " + duty.licenceTypes());
        }
        List<String> allowed = found.type().fields().stream()
                .filter(f -> f.sensitivity() != Sensitivity.SENSITIVE || duty.sensitiveFields())
                .map(FieldDefinition::key)
                .toList();
        List<String> wanted = what.of(found.type());
        List<String> fields;
        if (wanted.isEmpty() && !what.printed()) {
            fields = allowed;
        } else {
            if (!what.printed()) {
                knownFields(found.type(), wanted);
            }
            List<String> refused =
                    wanted.stream().filter(f -> !allowed.contains(f)).toList();
            if (!refused.isEmpty()) {
                throw FieldReuseException.notCovered(
                        "sensitive-field-by-duty",
                        (what.printed() ? "an annotated copy shows every field printed on the licence, and " : "")
                                + "the field(s) " + refused
                                + " are SENSITIVE and service item " + duty.serviceItemCode()
                                + " is not configured for sensitive fields; "
                                + (what.printed()
                                        ? "for a copy, ask the holder for a consent naming every printed field"
                                        : "ask the holder for consent or a use code"),
                        refused);
            }
            fields = List.copyOf(new LinkedHashSet<>(wanted));
        }
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("kind", "duty");
        ref.put("serviceItem", duty.serviceItemCode());
        ref.put("serviceItemName", duty.serviceItemName());
        ref.put("caseNumber", basis.caseNumber());
        return new Grant(
                found,
                fields,
                purpose,
                ref,
                "duty:" + duty.serviceItemCode(),
                basis.caseNumber(),
                duty.serviceItemCode());
    }

    private FieldRelease release(ThirdParty party, Grant grant, UsageRecord.Kind kind, Instant now) {
        LicenceVersion v = grant.found().version();
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : grant.fields()) {
            values.put(key, v.fields().getOrDefault(key, ""));
        }
        LocalDate today = LocalDate.ofInstant(now, CHINA);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", policy.issuer());
        claims.put("aud", party.clientId());
        claims.put("jti", "rel-" + UUID.randomUUID());
        claims.put("iat", now.getEpochSecond());
        claims.put("releasedAt", now.truncatedTo(ChronoUnit.SECONDS).toString());
        claims.put("identifier", v.identifier());
        claims.put("licenceRoot", v.root());
        claims.put("version", String.format(Locale.ROOT, "%03d", v.version()));
        claims.put("licenceType", v.typeCode());
        claims.put("licenceTypeName", v.typeName());
        claims.put("issuerCode", v.issuerCode());
        claims.put("status", grant.found().licence().statusAt(today).name());
        claims.put("statusDate", today.toString());
        // The same headline as a verification: the service vouches for the fields; whether the licence is in force
        // now decides VALID or NOT_IN_FORCE (with which event, since when, by whom, why).
        LicenceStanding standing = Standings.of(grant.found().licence(), v.identifier(), v.version(), today);
        if (standing instanceof LicenceStanding.OutOfForce out) {
            claims.put("conclusion", "NOT_IN_FORCE");
            claims.put("notInForce", notInForce(out.details()));
        } else {
            claims.put("conclusion", "VALID");
        }
        claims.put("purpose", grant.purpose());
        claims.put("basis", grant.basis());
        claims.put("fields", values);
        String jws = signer.sign(claims);
        usage.append(record(party, grant, kind, grant.fields(), now));
        return new FieldRelease(claims, jws);
    }

    private static Map<String, Object> notInForce(NotInForce details) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", details.status().name());
        details.since().ifPresent(t -> out.put("since", t.toString()));
        details.by().ifPresent(b -> out.put("by", b));
        details.why().ifPresent(w -> out.put("why", w));
        details.currentVersion().ifPresent(c -> out.put("currentVersion", c));
        return out;
    }

    private UsageRecord record(ThirdParty party, Grant grant, UsageRecord.Kind kind, List<String> fields, Instant now) {
        LicenceVersion v = grant.found().version();
        return new UsageRecord(
                "use-" + UUID.randomUUID(),
                now,
                kind,
                party.clientId(),
                party.name(),
                v.identifier(),
                v.root(),
                v.typeCode(),
                v.issuerCode(),
                v.holderCode(),
                fields,
                grant.purpose(),
                grant.basisRef(),
                grant.caseNumber(),
                grant.serviceItem());
    }

    private ThirdParty party(String clientId) {
        return thirdParties
                .find(clientId)
                .orElseThrow(() -> FieldReuseException.refused(
                        "not-a-third-party",
                        "client '" + clientId + "' is not registered as a third party for field reuse"));
    }

    /** A holder gives no new consent or use code for a licence that is not in force (issue #15). */
    private static void inForce(Found found, Instant now) {
        var status = found.licence().statusAt(LocalDate.ofInstant(now, CHINA));
        if (status != cn.zhengyin.licence.registry.LicenceStatus.VALID) {
            throw FieldReuseException.notInForce(found.licence().root(), status.name());
        }
    }

    private Found heldBy(Holder holder, String licence, String action) {
        return find(licence).filter(f -> holder.holds(f.licence().holderCode())).orElseThrow(() -> {
            audit(
                    clock.instant(),
                    action,
                    AuditEvent.Outcome.DENIED,
                    holder.subject(),
                    String.valueOf(licence),
                    Map.of("reason", "not held by the signed-in holder"));
            return FieldReuseException.refused(
                    "not-your-licence", "licence '" + licence + "' is not held by you or by a company you represent");
        });
    }

    /** The licence and its current version, by full identifier (any version) or identifier root. */
    private Optional<Found> find(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String root = text;
        if (text.startsWith(LicenceIdentifier.ROOT + ".")) {
            try {
                root = LicenceIdentifier.parse(text).root();
            } catch (InvalidIdentifierException e) {
                return Optional.empty();
            }
        }
        return current(root);
    }

    private Optional<Found> current(String root) {
        return registry.findLicence(root)
                .flatMap(l -> registry.findVersion(l.currentIdentifier())
                        .flatMap(v -> types.find(l.typeCode()).map(t -> new Found(l, v, t))));
    }

    private static List<String> knownFields(LicenceType type, List<String> fields) {
        if (fields == null || fields.isEmpty()) {
            throw FieldReuseException.invalid("name at least one field; the fields of "
                    + type.descriptor().name() + " are "
                    + type.fields().stream().map(FieldDefinition::key).toList());
        }
        List<String> unknown =
                fields.stream().filter(f -> type.field(f).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw FieldReuseException.invalid("the field(s) " + unknown + " are not fields of "
                    + type.descriptor().name() + " (" + type.typeCode() + "); its fields are "
                    + type.fields().stream().map(FieldDefinition::key).toList());
        }
        return List.copyOf(new LinkedHashSet<>(fields));
    }

    private static String purpose(String purpose) {
        return Purposes.check(purpose);
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    static String hash(String code) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void audit(
            Instant time,
            String action,
            AuditEvent.Outcome outcome,
            String actor,
            String subject,
            Map<String, String> details) {
        audit.record(new AuditEvent(time, action, outcome, actor, subject, details));
    }
}
