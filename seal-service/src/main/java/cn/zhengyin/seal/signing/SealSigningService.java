package cn.zhengyin.seal.signing;

import cn.zhengyin.seal.authorisation.SealAuthorisation;
import cn.zhengyin.seal.authorisation.SealAuthorisationService;
import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealCertificate;
import cn.zhengyin.seal.lifecycle.SealNotFoundException;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.seal.lifecycle.SealState;
import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.crypto.KeyCustody;
import cn.zhengyin.trust.crypto.KeyCustodyException;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Signs document digests with a seal after checking, on every request, that the seal exists and is ISSUED (not
 * suspended, revoked, destroyed or expired) and that an authorisation covers this caller now (and the licence type,
 * if the request names one or its licence identifier implies one). Every request, granted or refused, is recorded.
 */
public final class SealSigningService {
    private final SealRepository seals;
    private final SealAuthorisationService authorisations;
    private final KeyCustody custody;
    private final CadesDigestSigner cades;
    private final SealUsageLog usages;
    private final Clock clock;

    public SealSigningService(SealRepository seals, SealAuthorisationService authorisations, KeyCustody custody,
                              CadesDigestSigner cades, SealUsageLog usages, Clock clock) {
        this.seals = seals;
        this.authorisations = authorisations;
        this.custody = custody;
        this.cades = cades;
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
    public byte[] signPadesDigest(String caller, String sealId, byte[] sha256, String licenceIdentifier,
                                  String licenceType) {
        Instant now = clock.instant();
        String digestHex = HexFormat.of().formatHex(sha256);
        String identifier = licenceIdentifier == null ? "" : licenceIdentifier.strip();
        Optional<String> type = Optional.ofNullable(licenceType).map(String::strip).filter(t -> !t.isEmpty());
        Optional<String> impliedType = identifier.isEmpty() || !LicenceIdentifier.isValid(identifier)
                ? Optional.empty() : Optional.of(LicenceIdentifier.parse(identifier).typeCode());
        Usage usage = new Usage(sealId, caller, digestHex, identifier, type.or(() -> impliedType).orElse(""), now);

        Optional<Seal> found = seals.find(sealId);
        if (found.isEmpty()) {
            usages.record(usage.refused("", "there is no seal with id '" + sealId + "'"));
            throw new SealNotFoundException(sealId);
        }
        Seal seal = found.get();
        String org = seal.organisation().uscc();
        if (type.isPresent() && impliedType.isPresent() && !type.equals(impliedType)) {
            throw refuse(usage, org, "licenceType '" + type.get() + "' contradicts licence identifier " + identifier
                    + ", whose type code is '" + impliedType.get() + "'");
        }
        SealState state = seal.stateAt(now);
        if (state != SealState.ISSUED) {
            throw refuse(usage, org, "seal " + sealId + " is " + state + why(seal, state) + "; only ISSUED seals can sign");
        }
        Optional<String> effectiveType = type.or(() -> impliedType);
        Optional<SealAuthorisation> authorisation = authorisations.covering(sealId, caller, effectiveType, now);
        if (authorisation.isEmpty()) {
            throw refuse(usage, org, authorisations.whyNotCovered(sealId, caller, effectiveType, now));
        }
        Optional<SealCertificate> certificate = seal.certificate(SignatureAlgorithm.ECDSA_P256_SHA256);
        if (certificate.isEmpty()) {
            throw refuse(usage, org, "seal " + sealId + " has no ECDSA certificate for PAdES");
        }
        SigningKey key;
        try {
            key = custody.signingKey(certificate.get().keyId());
        } catch (KeyCustodyException e) {
            throw refuse(usage, org, "the key of seal " + sealId + " is not available in custody: " + e.getMessage());
        }
        byte[] cms = cades.sign(sha256, key);
        usages.record(usage.signed(org, "CMS SignedData, " + cms.length + " bytes; authorisation "
                + authorisation.get().id()));
        return cms;
    }

    private static String why(Seal seal, SealState state) {
        return switch (state) {
            case SUSPENDED -> " (reported lost; its certificates are on hold until it is reinstated)";
            case REVOKED -> " (revoked: " + seal.revocation().map(r -> r.reason().rfcName()).orElse("") + ")";
            case DESTROYED -> " (its keys are destroyed)";
            case EXPIRED -> " (its validity ended at " + seal.validity().notAfter() + ")";
            default -> " (not yet issued)";
        };
    }

    private SigningRefusedException refuse(Usage usage, String organisation, String why) {
        usages.record(usage.refused(organisation, why));
        return new SigningRefusedException(why);
    }

    private record Usage(String sealId, String caller, String digestHex, String licenceIdentifier, String licenceType,
                         Instant at) {
        SealUsage refused(String organisation, String why) {
            return new SealUsage(sealId, organisation, caller, "PAdES", digestHex, licenceIdentifier, licenceType, at,
                    SealUsage.REFUSED, why);
        }

        SealUsage signed(String organisation, String detail) {
            return new SealUsage(sealId, organisation, caller, "PAdES", digestHex, licenceIdentifier, licenceType, at,
                    SealUsage.SIGNED, detail);
        }
    }
}
