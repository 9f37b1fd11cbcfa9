package cn.zhengyin.seal.signing;

import cn.zhengyin.seal.authorisation.Grantee;
import cn.zhengyin.seal.authorisation.SealAuthorisation;
import cn.zhengyin.seal.authorisation.SealAuthorisationService;
import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealCertificate;
import cn.zhengyin.seal.lifecycle.SealNotFoundException;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.seal.lifecycle.SealState;
import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.crypto.KeyCustody;
import cn.zhengyin.trust.crypto.KeyCustodyException;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.identifier.InvalidIdentifierException;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.ses.SealSigner;
import cn.zhengyin.trust.ses.SesCodec;
import cn.zhengyin.trust.ses.SesException;
import cn.zhengyin.trust.xml.SignedInfoPolicy;
import cn.zhengyin.trust.xml.XmlFormatException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Signs document digests with a seal after checking, on every request, that the seal exists and is ISSUED (not
 * suspended, revoked, destroyed or expired) and that an authorisation covers this caller now (and the licence type,
 * if the request names one or its licence identifier implies one). Every request, granted or refused, is recorded
 * with its licence identifier and digest.
 *
 * <p>Licence binding (defence in depth against a compromised caller, docs/seal-service.md): a request's licence
 * identifier (GB/T 36904) must parse, its issuer code must be the seal's organisation (an authority seals only its own
 * licences) and its type code must be one the caller's authorisation allows and agree with a stated
 * {@code licenceType}. A licence seal ({@link Seal#sealsLicences()}) signs nothing without an identifier; other seals
 * (e.g. an approval system's 合同专用章) may. JWS always needs one, and its payload must be an SD-JWT VC or status list
 * of the seal's organisation and the identifier's type.
 */
public final class SealSigningService {
    private final SealRepository seals;
    private final SealAuthorisationService authorisations;
    private final KeyCustody custody;
    private final CadesDigestSigner cades;
    private final SealSigner ses;
    private final SealUsageLog usages;
    private final Clock clock;

    /** @param ses makes GB/T 38540 signatures (with the SES time-stamp source) */
    public SealSigningService(
            SealRepository seals,
            SealAuthorisationService authorisations,
            KeyCustody custody,
            CadesDigestSigner cades,
            SealSigner ses,
            SealUsageLog usages,
            Clock clock) {
        this.seals = seals;
        this.authorisations = authorisations;
        this.custody = custody;
        this.cades = cades;
        this.ses = ses;
        this.usages = usages;
        this.clock = clock;
    }

    /**
     * Produces a detached CMS SignedData (PAdES B-T: signing-certificate-v2, time-stamp token) over a SHA-256 digest.
     *
     * @param licenceIdentifier the licence being signed (GB/T 36904), or null
     * @param licenceType       the licence type code, or null (then taken from the identifier, if any)
     * @throws SealNotFoundException   if no seal has this id
     * @throws SigningRefusedException if the seal's state or the authorisations do not allow it
     */
    public byte[] signPadesDigest(
            Grantee caller, String sealId, byte[] sha256, String licenceIdentifier, String licenceType) {
        Usage usage = usage("PAdES", caller, sealId, HexFormat.of().formatHex(sha256), licenceIdentifier, licenceType);
        Authorised granted = authorise(usage, false, SignatureAlgorithm.ECDSA_P256_SHA256);
        byte[] cms = cades.sign(sha256, granted.key());
        usages.record(usage.signed(
                granted.organisation(),
                "CMS SignedData, " + cms.length + " bytes; authorisation "
                        + granted.authorisation().id()));
        return cms;
    }

    /** A signature over a canonical SignedInfo, and the chain of the seal that made it. */
    public record XmlSignatureValue(byte[] derSignature, List<X509Certificate> certificateChain) {}

    /**
     * Signs the exclusive-c14n bytes of an XMLDSig {@code ds:SignedInfo} (XAdES enveloped signature of a licence),
     * with the same seal-state and authorisation checks as PAdES. The bytes are parsed with the hardened parser and
     * must be a SignedInfo of the shape {@link SignedInfoPolicy} allows, in canonical form, with ecdsa-sha256, so the
     * seal is never a blind signing oracle. The usage log records the SHA-256 of the SignedInfo bytes.
     *
     * @throws SealNotFoundException       if no seal has this id
     * @throws SigningRefusedException     if the seal's state or the authorisations do not allow it
     * @throws SignedInfoRejectedException if the bytes are not an acceptable canonical SignedInfo
     */
    public XmlSignatureValue signXmlSignedInfo(
            Grantee caller, String sealId, byte[] canonicalSignedInfo, String licenceIdentifier) {
        Usage usage = usage(
                "XAdES",
                caller,
                sealId,
                HexFormat.of().formatHex(Digests.sha256(canonicalSignedInfo)),
                licenceIdentifier,
                null);
        Authorised granted = authorise(usage, false, SignatureAlgorithm.ECDSA_P256_SHA256);
        SignedInfoPolicy.Shape shape;
        try {
            shape = SignedInfoPolicy.inspectCanonical(canonicalSignedInfo, Set.of(SignedInfoPolicy.ECDSA_SHA256));
        } catch (XmlFormatException e) {
            usages.record(usage.refused(RefusalReason.INPUT_REJECTED, granted.organisation(), e.getMessage()));
            throw new SignedInfoRejectedException(e.getMessage());
        }
        byte[] signature = granted.key().sign(canonicalSignedInfo);
        usages.record(usage.signed(
                granted.organisation(),
                "ds:SignedInfo over #" + shape.documentReferenceId() + ", " + shape.signatureMethod()
                        + "; authorisation " + granted.authorisation().id()));
        return new XmlSignatureValue(signature, granted.key().certificateChain());
    }

    /** The JOSE {@code typ} values {@link #signJws} accepts: SD-JWT VCs and Token Status List tokens. */
    public static final Set<String> JWS_TYPES = Set.of("dc+sd-jwt", "vc+sd-jwt", "statuslist+jwt");
    /** A share's SD-JWT signing input is a few kilobytes; this bounds the parse. */
    public static final int MAX_JWS_SIGNING_INPUT_BYTES = 64 * 1024;

    /**
     * Signs a JWS signing input ({@code BASE64URL(header) '.' BASE64URL(payload)}, RFC 7515 §5.1) with the seal's
     * ECDSA P-256 key (ES256), with the same seal-state and authorisation checks as PAdES. The input is inspected, so
     * the seal is never a blind signing oracle: the header must say {@code alg} ES256 and a {@code typ} of
     * {@link #JWS_TYPES}, the payload must be an SD-JWT VC ({@code vct}, {@code issuer_code}) or a status list
     * ({@code sub}, {@code status_list}). A licence identifier is required; the credential's {@code issuer_code} must
     * be the seal's organisation, its {@code vct} must end with the identifier's type code, and a
     * {@code licence_identifier} claim, if present, must be the identifier. The usage log records the SHA-256 of the
     * signing input.
     *
     * @return the DER ECDSA signature (the caller converts it to the JOSE R||S form) and the seal's chain
     * @throws SealNotFoundException       if no seal has this id
     * @throws SigningRefusedException     if the seal's state or the authorisations do not allow it, or the payload is
     *                                     not of the seal's organisation and the identifier's licence type
     * @throws SignedInfoRejectedException if the bytes are not an acceptable JWS signing input
     */
    public XmlSignatureValue signJws(Grantee caller, String sealId, byte[] signingInput, String licenceIdentifier) {
        Usage usage = usage(
                "JWS", caller, sealId, HexFormat.of().formatHex(Digests.sha256(signingInput)), licenceIdentifier, null);
        Authorised granted = authorise(usage, true, SignatureAlgorithm.ECDSA_P256_SHA256);
        JwsSigningInputPolicy.Inspected inspected;
        try {
            inspected = JwsSigningInputPolicy.inspect(signingInput);
        } catch (SignedInfoRejectedException e) {
            usages.record(usage.refused(RefusalReason.INPUT_REJECTED, granted.organisation(), e.getMessage()));
            throw e;
        }
        bindPayload(usage, granted, inspected);
        byte[] signature = granted.key().sign(signingInput);
        usages.record(usage.signed(
                granted.organisation(),
                "JWS ES256 typ " + inspected.typ() + "; authorisation "
                        + granted.authorisation().id()));
        return new XmlSignatureValue(signature, granted.key().certificateChain());
    }

    /**
     * Makes a GB/T 38540-2020 electronic seal signature (电子签章, SES_Signature v4) with the seal's SM2 key: TBS_Sign
     * holds the seal's stored SESeal, the signing time, {@code sm3DataHash} and {@code propertyInfo}; the signature
     * carries an RFC 3161 time-stamp with an SM3 imprint over the signature value. Same seal-state and authorisation
     * checks as PAdES; the usage log records the SM3 data hash with format {@code SES}.
     *
     * @param sm3DataHash  SM3 hash (32 bytes) of the signed original
     * @param propertyInfo the original's attributes including the protected scope (签名保护范围), IA5
     * @return the DER SES_Signature
     * @throws SealNotFoundException        if no seal has this id
     * @throws SigningRefusedException      if the seal's state or the authorisations do not allow it
     * @throws SesealUnavailableException   if the seal has no GB/T 38540 SESeal or no SM2 key to sign with
     */
    public byte[] signSes(
            Grantee caller, String sealId, byte[] sm3DataHash, String propertyInfo, String licenceIdentifier) {
        Usage usage = usage("SES", caller, sealId, HexFormat.of().formatHex(sm3DataHash), licenceIdentifier, null);
        Authorised granted = authorise(usage, false, SignatureAlgorithm.SM2_SM3);
        byte[] sesSeal = granted.seal().seseal().orElseThrow();
        byte[] signature;
        try {
            signature = ses.sign(
                            SesCodec.decodeSeal(sesSeal), granted.key(), sm3DataHash, propertyInfo, clock.instant())
                    .encoded();
        } catch (SesException e) {
            usages.record(usage.refused(RefusalReason.SES_FAILED, granted.organisation(), e.getMessage()));
            throw new SesealUnavailableException(
                    "seal " + sealId + " cannot make a GB/T 38540 signature: " + e.getMessage());
        }
        usages.record(usage.signed(
                granted.organisation(),
                "SES_Signature v4, " + signature.length + " bytes, " + "propertyInfo " + propertyInfo
                        + "; authorisation " + granted.authorisation().id()));
        return signature;
    }

    /** The seal, for its public material (image, certificates, SESeal). */
    public Seal seal(String sealId) {
        return seals.find(sealId).orElseThrow(() -> new SealNotFoundException(sealId));
    }

    /** The prefix of a document category's code among an authorisation's types: {@code doc:decision}. */
    public static final String DOCUMENT_CATEGORY_PREFIX = "doc:";

    /**
     * What a document sealing (用印) records with each signature, besides the digest.
     *
     * @param category       the document category (e.g. {@code decision}); the caller's authorisation must name
     *                       {@code doc:<category>}
     * @param caseNumber     the approval case, as the caller gave it
     * @param documentSha256 hex SHA-256 of the document as uploaded
     * @param position       where the seal goes (page, box in millimetres)
     */
    public record DocumentSealing(String category, String caseNumber, String documentSha256, String position) {
        String code() {
            return DOCUMENT_CATEGORY_PREFIX + category;
        }

        String describe() {
            return "document sealing (用印) of category " + category + ", case " + caseNumber + ", document SHA-256 "
                    + documentSha256 + ", " + position;
        }
    }

    /**
     * Checks, before a document is prepared, that the caller may seal documents of the category with the seal now:
     * the seal exists and is ISSUED and an authorisation names the category. A refusal is recorded.
     *
     * @return the seal
     * @throws SealNotFoundException   if no seal has this id
     * @throws SigningRefusedException if the seal's state or the authorisations do not allow it
     */
    public Seal checkDocumentSealing(Grantee caller, String sealId, DocumentSealing sealing, String format) {
        Usage usage = usage(format, caller, sealId, "", null, sealing.code());
        return authoriseDocument(usage, sealing, null).seal();
    }

    /**
     * A PAdES CMS (B-T) over the SHA-256 of a document's signed byte ranges, for a document sealing: the same seal
     * state checks as for licences, an authorisation naming the document category, no licence binding. Recorded with
     * the sealing's case number, document hash and position.
     */
    public byte[] signDocumentPades(Grantee caller, String sealId, byte[] sha256, DocumentSealing sealing) {
        Usage usage = usage("PAdES", caller, sealId, HexFormat.of().formatHex(sha256), null, sealing.code());
        Authorised granted = authoriseDocument(usage, sealing, SignatureAlgorithm.ECDSA_P256_SHA256);
        byte[] cms = cades.sign(sha256, granted.key());
        usages.record(usage.signed(
                granted.organisation(),
                sealing.describe() + "; CMS SignedData, " + cms.length + " bytes; authorisation "
                        + granted.authorisation().id()));
        return cms;
    }

    /** A GB/T 38540 SES_Signature for a document sealing (an OFD's Signature.xml hash), checked as PAdES above. */
    public byte[] signDocumentSes(
            Grantee caller, String sealId, byte[] sm3DataHash, String propertyInfo, DocumentSealing sealing) {
        Usage usage = usage("SES", caller, sealId, HexFormat.of().formatHex(sm3DataHash), null, sealing.code());
        Authorised granted = authoriseDocument(usage, sealing, SignatureAlgorithm.SM2_SM3);
        byte[] signature;
        try {
            signature = ses.sign(
                            SesCodec.decodeSeal(granted.seal().seseal().orElseThrow()),
                            granted.key(),
                            sm3DataHash,
                            propertyInfo,
                            clock.instant())
                    .encoded();
        } catch (SesException e) {
            usages.record(usage.refused(RefusalReason.SES_FAILED, granted.organisation(), e.getMessage()));
            throw new SesealUnavailableException(
                    "seal " + sealId + " cannot make a GB/T 38540 signature: " + e.getMessage());
        }
        usages.record(usage.signed(
                granted.organisation(),
                sealing.describe() + "; SES_Signature v4, " + signature.length + " bytes, propertyInfo " + propertyInfo
                        + "; authorisation " + granted.authorisation().id()));
        return signature;
    }

    /** The document-sealing checks; {@code algorithm} null checks only the seal and the authorisation. */
    private Authorised authoriseDocument(Usage usage, DocumentSealing sealing, SignatureAlgorithm algorithm) {
        Optional<Seal> found = seals.find(usage.sealId());
        if (found.isEmpty()) {
            usages.record(
                    usage.refused(RefusalReason.UNKNOWN_SEAL, "", "there is no seal with id '" + usage.sealId() + "'"));
            throw new SealNotFoundException(usage.sealId());
        }
        Seal seal = found.get();
        String org = seal.organisation().uscc();
        SealState state = seal.stateAt(usage.at());
        if (state != SealState.ISSUED) {
            throw refuse(
                    usage,
                    RefusalReason.SEAL_NOT_ISSUED,
                    org,
                    "seal " + usage.sealId() + " is " + state + why(seal, state) + "; only ISSUED seals can sign");
        }
        Optional<SealAuthorisation> authorisation =
                authorisations.coveringDocumentCategory(usage.sealId(), usage.grantee(), sealing.code(), usage.at());
        if (authorisation.isEmpty()) {
            throw refuse(
                    usage,
                    RefusalReason.NOT_AUTHORISED,
                    org,
                    "'" + usage.grantee() + "' is not authorised to seal documents of category '" + sealing.category()
                            + "' with seal " + usage.sealId() + " (an authorisation in force must name '"
                            + sealing.code() + "')");
        }
        if (algorithm == null) {
            return new Authorised(seal, org, authorisation.get(), null);
        }
        Optional<SealCertificate> certificate = seal.certificate(algorithm);
        if (certificate.isEmpty()
                || (algorithm == SignatureAlgorithm.SM2_SM3 && seal.seseal().isEmpty())) {
            String why = "seal " + usage.sealId() + " has no " + algorithm + " certificate"
                    + (algorithm == SignatureAlgorithm.SM2_SM3 ? " or GB/T 38540 SESeal" : "") + " to seal this format";
            usages.record(usage.refused(RefusalReason.NO_CERTIFICATE, org, why));
            throw new SesealUnavailableException(why);
        }
        return withKey(usage, seal, org, authorisation.get(), certificate.get());
    }

    private record Authorised(Seal seal, String organisation, SealAuthorisation authorisation, SigningKey key) {}

    /** The authorised use with the seal certificate's key from custody; a key custody cannot give is a refusal. */
    private Authorised withKey(
            Usage usage, Seal seal, String org, SealAuthorisation authorisation, SealCertificate certificate) {
        try {
            return new Authorised(seal, org, authorisation, custody.signingKey(certificate.keyId()));
        } catch (KeyCustodyException e) {
            throw refuse(
                    usage,
                    RefusalReason.KEY_UNAVAILABLE,
                    org,
                    "the key of seal " + usage.sealId() + " is not available in custody: " + e.getMessage());
        }
    }

    private Usage usage(
            String format,
            Grantee caller,
            String sealId,
            String digestHex,
            String licenceIdentifier,
            String licenceType) {
        String identifier = licenceIdentifier == null ? "" : licenceIdentifier.strip();
        Optional<String> type = Optional.ofNullable(licenceType)
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .map(SealSigningService::shortened);
        Optional<LicenceIdentifier> parsed = Optional.empty();
        Optional<String> invalid = Optional.empty();
        if (!identifier.isEmpty()) {
            try {
                parsed = Optional.of(LicenceIdentifier.parse(identifier));
            } catch (InvalidIdentifierException e) {
                invalid = Optional.of(e.getMessage());
            }
        }
        Optional<String> impliedType = parsed.map(LicenceIdentifier::typeCode);
        return new Usage(
                format,
                sealId,
                caller,
                digestHex,
                shortened(identifier),
                type.or(() -> impliedType).orElse(""),
                type,
                impliedType,
                parsed,
                invalid,
                clock.instant());
    }

    /** What the usage log keeps of a caller's text: at most {@value #MAX_LOGGED_CHARS} characters. */
    private static String shortened(String text) {
        return text.length() <= MAX_LOGGED_CHARS ? text : text.substring(0, MAX_LOGGED_CHARS) + "…";
    }

    private static final int MAX_LOGGED_CHARS = 128;

    /**
     * The licence binding: the identifier parses, names the seal's organisation as issuer and agrees with the stated
     * type; a licence seal (or any JWS) needs one.
     */
    private void bind(Usage usage, Seal seal, boolean identifierRequired) {
        String org = seal.organisation().uscc();
        if (usage.invalidIdentifier().isPresent()) {
            String why =
                    "licenceIdentifier '" + usage.licenceIdentifier() + "' is not a GB/T 36904 licence identifier: "
                            + usage.invalidIdentifier().get();
            usages.record(usage.refused(RefusalReason.INVALID_LICENCE_IDENTIFIER, org, why));
            throw new InvalidLicenceIdentifierException(why);
        }
        if (usage.identifier().isEmpty()) {
            if (seal.sealsLicences()) {
                throw refuse(
                        usage,
                        RefusalReason.LICENCE_IDENTIFIER_MISSING,
                        org,
                        "seal " + usage.sealId() + " is a licence seal (" + Seal.LICENCE_SEAL_KIND
                                + "): a signing request must name the licence it seals (licenceIdentifier)");
            }
            if (identifierRequired) {
                throw refuse(
                        usage,
                        RefusalReason.LICENCE_IDENTIFIER_MISSING,
                        org,
                        usage.format() + " signing needs the licence identifier (licenceIdentifier) of the licence the"
                                + " token is about");
            }
            return;
        }
        LicenceIdentifier identifier = usage.identifier().get();
        if (!identifier.issuerCode().equals(org)) {
            throw refuse(
                    usage,
                    RefusalReason.OTHER_ORGANISATION,
                    org,
                    "licence " + identifier + " has issuer code " + identifier.issuerCode()
                            + ": it is issued by another authority, not by the seal's organisation "
                            + seal.organisation().name() + " (" + org + "); seal " + usage.sealId()
                            + " seals only that organisation's licences");
        }
        if (usage.requestedType().isPresent() && !usage.requestedType().get().equals(identifier.typeCode())) {
            throw refuse(
                    usage,
                    RefusalReason.LICENCE_MISMATCH,
                    org,
                    "licenceType '" + usage.requestedType().get() + "' contradicts licence identifier "
                            + usage.licenceIdentifier() + ", whose type code is '"
                            + identifier.typeCode() + "'");
        }
    }

    /** A JWS payload must be about the request's licence: the seal's organisation and the identifier's type. */
    private void bindPayload(Usage usage, Authorised granted, JwsSigningInputPolicy.Inspected inspected) {
        String org = granted.organisation();
        LicenceIdentifier identifier = usage.identifier().orElseThrow();
        JsonNode payload = inspected.payload();
        JsonNode issuerCode = payload.path("issuer_code");
        if (!issuerCode.isMissingNode() && !org.equals(issuerCode.asString(""))) {
            throw refuse(
                    usage,
                    RefusalReason.OTHER_ORGANISATION,
                    org,
                    "the " + inspected.typ() + " payload's issuer_code '" + shortened(issuerCode.toString())
                            + "' is not the seal's organisation " + org + "; seal " + usage.sealId()
                            + " signs only that organisation's credentials");
        }
        if (!inspected.statusList()) {
            String vct = payload.path("vct").asString("");
            if (!(vct.endsWith(":" + identifier.typeCode()) || vct.endsWith("/" + identifier.typeCode()))) {
                throw refuse(
                        usage,
                        RefusalReason.LICENCE_MISMATCH,
                        org,
                        "the credential's vct '" + shortened(vct) + "' does not name the licence type "
                                + identifier.typeCode() + " of licence " + identifier);
            }
        }
        JsonNode claimed = payload.path("licence_identifier");
        if (!claimed.isMissingNode() && !identifier.toString().equals(claimed.asString(""))) {
            throw refuse(
                    usage,
                    RefusalReason.LICENCE_MISMATCH,
                    org,
                    "the payload's licence_identifier '" + shortened(claimed.toString())
                            + "' is not the request's licence identifier " + identifier);
        }
    }

    /** Every check a signing request must pass; each refusal is recorded and says why. */
    private Authorised authorise(Usage usage, boolean identifierRequired, SignatureAlgorithm algorithm) {
        Optional<Seal> found = seals.find(usage.sealId());
        if (found.isEmpty()) {
            usages.record(
                    usage.refused(RefusalReason.UNKNOWN_SEAL, "", "there is no seal with id '" + usage.sealId() + "'"));
            throw new SealNotFoundException(usage.sealId());
        }
        Seal seal = found.get();
        String org = seal.organisation().uscc();
        bind(usage, seal, identifierRequired);
        SealState state = seal.stateAt(usage.at());
        if (state != SealState.ISSUED) {
            throw refuse(
                    usage,
                    RefusalReason.SEAL_NOT_ISSUED,
                    org,
                    "seal " + usage.sealId() + " is " + state + why(seal, state) + "; only ISSUED seals can sign");
        }
        Optional<String> effectiveType = usage.requestedType().or(usage::impliedType);
        Optional<SealAuthorisation> authorisation =
                authorisations.covering(usage.sealId(), usage.grantee(), effectiveType, usage.at());
        if (authorisation.isEmpty()) {
            throw refuse(
                    usage,
                    RefusalReason.NOT_AUTHORISED,
                    org,
                    authorisations.whyNotCovered(usage.sealId(), usage.grantee(), effectiveType, usage.at()));
        }
        Optional<SealCertificate> certificate = seal.certificate(algorithm);
        if (algorithm == SignatureAlgorithm.SM2_SM3 && (seal.seseal().isEmpty() || certificate.isEmpty())) {
            String why = "seal " + usage.sealId() + " has no GB/T 38540 SESeal"
                    + (certificate.isEmpty() ? " and no SM2 certificate" : seal.sesealPending() ? " (pending)" : "")
                    + ", so it cannot make SES signatures; use a seal made by this service or configure an SM2 key"
                    + " (zhengyin.seals[].sm2-key) for a pre-made one";
            usages.record(usage.refused(RefusalReason.NO_SESEAL, org, why));
            throw new SesealUnavailableException(why);
        }
        if (certificate.isEmpty()) {
            throw refuse(
                    usage,
                    RefusalReason.NO_CERTIFICATE,
                    org,
                    "seal " + usage.sealId() + " has no " + algorithm + " certificate for " + usage.format());
        }
        return withKey(usage, seal, org, authorisation.get(), certificate.get());
    }

    private static String why(Seal seal, SealState state) {
        return switch (state) {
            case SUSPENDED -> " (reported lost; its certificates are on hold until it is reinstated)";
            case REVOKED ->
                " (revoked: " + seal.revocation().map(r -> r.reason().rfcName()).orElse("") + ")";
            case DESTROYED -> " (its keys are destroyed)";
            case EXPIRED -> " (its validity ended at " + seal.validity().notAfter() + ")";
            default -> " (not yet issued)";
        };
    }

    private SigningRefusedException refuse(Usage usage, RefusalReason reason, String organisation, String why) {
        usages.record(usage.refused(reason, organisation, why));
        return new SigningRefusedException(why);
    }

    private record Usage(
            String format,
            String sealId,
            Grantee grantee,
            String digestHex,
            String licenceIdentifier,
            String licenceType,
            Optional<String> requestedType,
            Optional<String> impliedType,
            Optional<LicenceIdentifier> identifier,
            Optional<String> invalidIdentifier,
            Instant at) {
        /** As the usage log records the caller: a client by its id, a person as {@code person:<subject>}. */
        String caller() {
            return grantee.toString();
        }

        SealUsage refused(RefusalReason reason, String organisation, String why) {
            return new SealUsage(
                    sealId,
                    organisation,
                    caller(),
                    format,
                    digestHex,
                    licenceIdentifier,
                    licenceType,
                    at,
                    SealUsage.REFUSED,
                    why,
                    reason.code(),
                    "");
        }

        SealUsage signed(String organisation, String detail) {
            return new SealUsage(
                    sealId,
                    organisation,
                    caller(),
                    format,
                    digestHex,
                    licenceIdentifier,
                    licenceType,
                    at,
                    SealUsage.SIGNED,
                    detail,
                    "",
                    "");
        }
    }
}
