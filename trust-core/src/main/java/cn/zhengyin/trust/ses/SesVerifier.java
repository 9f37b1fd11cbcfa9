package cn.zhengyin.trust.ses;

import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.timestamp.TimestampVerification;
import cn.zhengyin.trust.timestamp.TimestampVerifier;
import cn.zhengyin.trust.validation.CertificateChainValidator;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.RevocationPolicy;
import cn.zhengyin.trust.validation.RevocationSources;
import cn.zhengyin.trust.validation.SourcedChainValidator;
import cn.zhengyin.trust.validation.SubIndication;
import cn.zhengyin.trust.validation.TrustAnchors;
import cn.zhengyin.trust.validation.ValidationPolicy;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Verifies GB/T 38540 seals and seal signatures (also GM/T 0031-2014 layouts) and returns a report; never throws for
 * bad input. Certificate paths are built with Bouncy Castle's PKIX (the JDK cannot verify SM2). Thread-safe.
 *
 * <p>Seal (GB/T 38540 §7 seal verification): a) format; b) signedValue over SES_SealInfo (2014: over
 * {@code SEQUENCE{SES_SealInfo, cert, signatureAlgorithm}}) with the maker certificate and signAlgID; c) maker
 * certificate: key usage, validity, chain to a trust anchor, revocation; d) validStart ≤ time ≤ validEnd.
 *
 * <p>Signature: format; signature over DER(TBS_Sign) with the signer certificate and signatureAlgID; the signer
 * certificate is in the seal's certList (type 1: equal bytes, type 2: equal digest); the time-stamp verifies and its
 * imprint covers the signature value; the embedded seal verifies (judged at the signing time); the signer
 * certificate is valid, chains and is not revoked at the signing time (the time-stamp's genTime, else timeInfo); the
 * original's recomputed hash equals dataHash.
 */
public final class SesVerifier {

    public static final String FORMAT = "ses.format";
    public static final String SEAL_HEADER = "ses.seal.header";
    public static final String SEAL_ALGORITHM = "ses.seal.algorithm";
    public static final String SEAL_SIGNATURE = "ses.seal.signature";
    public static final String SEAL_MAKER_CERTIFICATE = "ses.seal.maker-certificate";
    public static final String SEAL_MAKER_KEY_USAGE = "ses.seal.maker-key-usage";
    public static final String SEAL_MAKER_CHAIN = "ses.seal.maker-" + CertificateChainValidator.CHAIN;
    public static final String SEAL_MAKER_REVOCATION = "ses.seal.maker-" + CertificateChainValidator.REVOCATION;
    public static final String SEAL_VALIDITY = "ses.seal.validity";
    public static final String SIGNATURE_VERSION = "ses.signature.version";
    public static final String SIGNATURE_ALGORITHM = "ses.signature.algorithm";
    public static final String SIGNATURE_VALUE = "ses.signature.value";
    public static final String SIGNER_AUTHORISED = "ses.signature.signer-in-seal-cert-list";
    public static final String TIMESTAMP = "ses.signature.timestamp";
    public static final String SIGNER_CERTIFICATE = "ses.signature.signer-certificate";
    public static final String SIGNER_KEY_USAGE = "ses.signature.signer-key-usage";
    public static final String SIGNER_CHAIN = "ses.signature.signer-" + CertificateChainValidator.CHAIN;
    public static final String SIGNER_REVOCATION = "ses.signature.signer-" + CertificateChainValidator.REVOCATION;
    public static final String DATA_HASH = "ses.signature.data-hash";

    private static final String SM2_SM3 = "1.2.156.10197.1.501";
    /** Signature algorithm OID → JCA signature name, digest name for dataHash. */
    private static final Map<String, String[]> ALGORITHMS =
            Map.of(SM2_SM3, new String[] {"SM3withSM2", "SM3"}, "1.2.840.10045.4.3.2", new String[] {
                "SHA256withECDSA", "SHA-256"
            });

    private final Set<X509Certificate> anchors;
    private final List<X509Certificate> intermediates;
    private final Collection<X509CRL> crls;
    private final RevocationPolicy revocationPolicy;
    private final SourcedChainValidator chains;
    private final TimestampVerifier timestamps;

    /**
     * @param trustAnchors             trusted roots for maker, signer and TSA certificates
     * @param intermediateCertificates CA certificates to build paths with (seals carry only the end certificate)
     * @param crls                     CRLs; empty: revocation NOT_CHECKED
     * @param revocationPolicy         whether missing revocation information fails (INDETERMINATE / TRY_LATER)
     */
    public SesVerifier(
            Set<X509Certificate> trustAnchors,
            Collection<X509Certificate> intermediateCertificates,
            Collection<X509CRL> crls,
            RevocationPolicy revocationPolicy) {
        this(
                TrustAnchors.of(trustAnchors, intermediateCertificates),
                RevocationSources.offline(crls),
                revocationPolicy);
    }

    /**
     * A verifier whose policy is chosen per call; the calls without a policy fail closed on unknown revocation
     * status ({@link RevocationPolicy#REQUIRE}).
     *
     * @param trustAnchors trusted roots for maker, signer and TSA certificates, and the intermediates to build paths
     *                     with (seals and SES signatures carry only the end certificate)
     * @param revocation   configured CRLs, then the optional live source (each certificate's CRL distribution point)
     */
    public SesVerifier(TrustAnchors trustAnchors, RevocationSources revocation) {
        this(trustAnchors, revocation, RevocationPolicy.REQUIRE);
    }

    private SesVerifier(TrustAnchors trustAnchors, RevocationSources revocation, RevocationPolicy revocationPolicy) {
        this.anchors = trustAnchors.anchors().stream().map(SesVerifier::bc).collect(Collectors.toUnmodifiableSet());
        this.intermediates =
                trustAnchors.intermediates().stream().map(SesVerifier::bc).toList();
        this.crls = List.copyOf(revocation.crls());
        this.revocationPolicy = revocationPolicy;
        this.chains = new SourcedChainValidator(
                new TrustAnchors(anchors, intermediates),
                new RevocationSources(List.copyOf(this.crls), revocation.live()));
        this.timestamps = new TimestampVerifier(anchors, this.crls);
    }

    /** One check and the verdict its failure gives. */
    private record Finding(CheckResult check, Indication indication, SubIndication subIndication) {}

    private static final class Findings {
        final List<Finding> list = new ArrayList<>();
        final RevocationPolicy revocationPolicy;

        Findings(RevocationPolicy revocationPolicy) {
            this.revocationPolicy = revocationPolicy;
        }

        void add(CheckResult check, Indication indication, SubIndication sub) {
            list.add(new Finding(check, indication, sub));
        }

        void notChecked(String id, String why) {
            add(CheckResult.notChecked(id, why), Indication.INDETERMINATE, SubIndication.NONE);
        }

        void revocation(String id, CheckResult r) {
            CheckResult check = new CheckResult(id, r.outcome(), r.message());
            if (r.outcome() == Outcome.NOT_CHECKED && revocationPolicy == RevocationPolicy.REQUIRE) {
                check = CheckResult.failed(id, r.message() + " Revocation information is required.");
                add(check, Indication.INDETERMINATE, SubIndication.TRY_LATER);
            } else {
                add(check, Indication.TOTAL_FAILED, SubIndication.REVOKED);
            }
        }

        List<CheckResult> checks() {
            return list.stream().map(Finding::check).toList();
        }

        Finding verdict() {
            return list.stream()
                    .filter(f -> f.check().isFailed() && f.indication() == Indication.TOTAL_FAILED)
                    .findFirst()
                    .or(() -> list.stream().filter(f -> f.check().isFailed()).findFirst())
                    .orElse(new Finding(
                            CheckResult.passed("ses", "All checks passed."),
                            Indication.TOTAL_PASSED,
                            SubIndication.NONE));
        }
    }

    // ------------------------------------------------------------------ seal

    /**
     * Verifies a seal on its own, at {@code validationTime}.
     *
     * @param sealDer the DER SESeal
     */
    public SesVerificationReport verifySeal(byte[] sealDer, Instant validationTime) {
        return verifySeal(sealDer, validationTime, revocationPolicy);
    }

    /**
     * Verifies a seal on its own under a validation policy (its revocation rule applies to the maker certificate).
     *
     * @param sealDer the DER SESeal
     */
    public SesVerificationReport verifySeal(byte[] sealDer, Instant validationTime, ValidationPolicy policy) {
        return verifySeal(sealDer, validationTime, policy.revocation());
    }

    private SesVerificationReport verifySeal(byte[] sealDer, Instant validationTime, RevocationPolicy rule) {
        Findings findings = new Findings(rule);
        ElectronicSeal seal;
        try {
            seal = SesCodec.decodeSeal(sealDer);
        } catch (SesFormatException e) {
            return formatFailure(SesVerificationReport.Subject.SEAL, validationTime, e);
        }
        findings.add(
                CheckResult.passed(FORMAT, "Well-formed " + layout(seal) + " SESeal."),
                Indication.TOTAL_FAILED,
                SubIndication.FORMAT_FAILURE);
        Optional<X509Certificate> maker = verifySealAt(seal, validationTime, findings);
        return report(
                SesVerificationReport.Subject.SEAL,
                Optional.of(layout(seal)),
                validationTime,
                seal,
                maker.map(c -> c.getSubjectX500Principal().getName()),
                Optional.empty(),
                Optional.empty(),
                findings);
    }

    private Optional<X509Certificate> verifySealAt(ElectronicSeal seal, Instant at, Findings findings) {
        SealHeader header = seal.sealInfo().header();
        if (seal instanceof ElectronicSeal.V4 && header.version() != SealHeader.VERSION_4) {
            findings.add(
                    CheckResult.failed(
                            SEAL_HEADER,
                            "SES_Header.version is " + header.version()
                                    + " in a GB/T 38540-2020 layout; it must be 4."),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
        } else {
            findings.add(
                    CheckResult.passed(
                            SEAL_HEADER,
                            "Header \"" + header.id() + "\", version " + header.version() + ", vendor \""
                                    + header.vendorId() + "\"."),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
        }
        Optional<X509Certificate> maker = certificate(seal.makerCertificate());
        if (maker.isEmpty()) {
            findings.add(
                    CheckResult.failed(SEAL_MAKER_CERTIFICATE, "SESeal.cert is not a readable X.509 " + "certificate."),
                    Indication.INDETERMINATE,
                    SubIndication.NO_SIGNING_CERTIFICATE_FOUND);
            for (String id : List.of(SEAL_SIGNATURE, SEAL_MAKER_KEY_USAGE, SEAL_MAKER_CHAIN, SEAL_MAKER_REVOCATION)) {
                findings.notChecked(id, "No maker certificate.");
            }
        } else {
            X509Certificate cert = maker.get();
            signatureValue(
                    SEAL_ALGORITHM,
                    SEAL_SIGNATURE,
                    "The seal maker's signedValue over "
                            + (seal instanceof ElectronicSeal.V4 ? "SES_SealInfo" : "SES_SealInfo, cert and algorithm"),
                    seal.signatureAlgorithm(),
                    cert,
                    seal.signedData(),
                    seal.signedValue(),
                    findings);
            certificateChecks(
                    cert,
                    at,
                    "seal maker",
                    SEAL_MAKER_CERTIFICATE,
                    SEAL_MAKER_KEY_USAGE,
                    SEAL_MAKER_CHAIN,
                    SEAL_MAKER_REVOCATION,
                    findings);
        }
        SealProperty p = seal.sealInfo().property();
        if (at.isBefore(p.validStart())) {
            findings.add(
                    CheckResult.failed(
                            SEAL_VALIDITY,
                            "The seal is valid from " + p.validStart() + " to " + p.validEnd() + "; " + at
                                    + " is before (GB/T 38540 seal verification step d)."),
                    Indication.TOTAL_FAILED,
                    SubIndication.NOT_YET_VALID);
        } else if (at.isAfter(p.validEnd())) {
            findings.add(
                    CheckResult.failed(
                            SEAL_VALIDITY,
                            "The seal is valid from " + p.validStart() + " to " + p.validEnd() + "; it had expired at "
                                    + at + " (GB/T 38540 seal verification step d)."),
                    Indication.TOTAL_FAILED,
                    SubIndication.EXPIRED);
        } else {
            findings.add(
                    CheckResult.passed(
                            SEAL_VALIDITY,
                            "The seal is valid from " + p.validStart() + " to " + p.validEnd() + ", which includes "
                                    + at + "."),
                    Indication.TOTAL_FAILED,
                    SubIndication.EXPIRED);
        }
        return maker;
    }

    // ------------------------------------------------------------------ signature

    /**
     * Verifies a seal signature and its embedded seal.
     *
     * @param signatureDer   the DER SES_Signature
     * @param originalData   the signed original (e.g. an OFD Signature.xml), hashed and compared with dataHash
     * @param validationTime when the verification is made (used only when the signature states no time)
     */
    public SesVerificationReport verifySignature(byte[] signatureDer, byte[] originalData, Instant validationTime) {
        return verifySignature(signatureDer, originalData, validationTime, revocationPolicy);
    }

    /**
     * Verifies a seal signature and its embedded seal under a validation policy: its revocation rule applies to the
     * signer certificate and to the seal's maker certificate, each judged at the signing time.
     */
    public SesVerificationReport verifySignature(
            byte[] signatureDer, byte[] originalData, Instant validationTime, ValidationPolicy policy) {
        return verifySignature(signatureDer, originalData, validationTime, policy.revocation());
    }

    private SesVerificationReport verifySignature(
            byte[] signatureDer, byte[] originalData, Instant validationTime, RevocationPolicy rule) {
        Findings findings = new Findings(rule);
        SealSignature signature;
        try {
            signature = SesCodec.decodeSignature(signatureDer);
        } catch (SesFormatException e) {
            return formatFailure(SesVerificationReport.Subject.SIGNATURE, validationTime, e);
        }
        ElectronicSeal seal = signature.toSign().seal();
        findings.add(
                CheckResult.passed(FORMAT, "Well-formed " + layout(seal) + " SES_Signature."),
                Indication.TOTAL_FAILED,
                SubIndication.FORMAT_FAILURE);
        int sealVersion = seal.sealInfo().header().version();
        if (signature instanceof SealSignature.V4 && signature.toSign().version() != sealVersion) {
            findings.add(
                    CheckResult.failed(
                            SIGNATURE_VERSION,
                            "TBS_Sign.version is " + signature.toSign().version() + " but the seal's header version is "
                                    + sealVersion + "; GB/T 38540 requires them equal."),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
        } else {
            findings.add(
                    CheckResult.passed(
                            SIGNATURE_VERSION, "Version " + signature.toSign().version() + "."),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
        }
        Optional<X509Certificate> signer = certificate(signature.signerCertificate());
        if (signer.isPresent()) {
            signatureValue(
                    SIGNATURE_ALGORITHM,
                    SIGNATURE_VALUE,
                    "The signature over TBS_Sign",
                    signature.signatureAlgorithm(),
                    signer.get(),
                    signature.toSign().encoded(),
                    signature.signature(),
                    findings);
            findings.add(
                    signerInSeal(
                            signature.signerCertificate(),
                            seal.sealInfo().property().certList()),
                    Indication.TOTAL_FAILED,
                    SubIndication.SIG_CONSTRAINTS_FAILURE);
        } else {
            findings.add(
                    CheckResult.failed(
                            SIGNER_CERTIFICATE, "SES_Signature.cert is not a readable X.509 " + "certificate."),
                    Indication.INDETERMINATE,
                    SubIndication.NO_SIGNING_CERTIFICATE_FOUND);
        }
        Optional<Instant> timestampTime = timestamp(signature, findings);
        Instant signingTime = timestampTime.or(signature::claimedSigningTime).orElse(validationTime);
        verifySealAt(seal, signingTime, findings);
        signer.ifPresent(cert -> certificateChecks(
                cert,
                signingTime,
                "signer",
                SIGNER_CERTIFICATE,
                SIGNER_KEY_USAGE,
                SIGNER_CHAIN,
                SIGNER_REVOCATION,
                findings));
        findings.add(dataHash(signature, originalData), Indication.TOTAL_FAILED, SubIndication.HASH_FAILURE);
        return report(
                SesVerificationReport.Subject.SIGNATURE,
                Optional.of(layout(seal)),
                validationTime,
                seal,
                signer.map(c -> c.getSubjectX500Principal().getName()),
                Optional.of(signingTime),
                timestampTime,
                findings);
    }

    private Optional<Instant> timestamp(SealSignature signature, Findings findings) {
        if (signature.timeStamp().isEmpty()) {
            findings.add(
                    CheckResult.notChecked(
                            TIMESTAMP,
                            "No time-stamp; the signing time is the claimed "
                                    + "timeInfo "
                                    + signature
                                            .claimedSigningTime()
                                            .map(Instant::toString)
                                            .orElse("(unreadable)")
                                    + ", not proven."),
                    Indication.INDETERMINATE,
                    SubIndication.SIG_CONSTRAINTS_FAILURE);
            return Optional.empty();
        }
        if (signature instanceof SealSignature.V2014) {
            findings.add(
                    CheckResult.notChecked(
                            TIMESTAMP,
                            "GM/T 0031-2014 timeInfo holds a time-stamp token whose "
                                    + "covered data the standard does not fix; its time is taken as claimed."),
                    Indication.INDETERMINATE,
                    SubIndication.SIG_CONSTRAINTS_FAILURE);
            return Optional.empty();
        }
        TimeStampToken token;
        try {
            byte[] der = signature.timeStamp().get();
            DerScanner.check(der, SesCodec.MAX_INPUT_BYTES, 64, "timeStamp");
            token = new TimeStampToken(ContentInfo.getInstance(ASN1Primitive.fromByteArray(der)));
        } catch (Exception e) {
            findings.add(
                    CheckResult.failed(
                            TIMESTAMP, "The timeStamp is not a DER RFC 3161 TimeStampToken: " + e.getMessage()),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
            return Optional.empty();
        }
        TimestampVerification verification = timestamps.verify(token, signature.signature());
        for (CheckResult c : verification.checks()) {
            findings.add(
                    new CheckResult("ses.signature." + c.id(), c.outcome(), c.message()),
                    Indication.INDETERMINATE,
                    SubIndication.SIG_CONSTRAINTS_FAILURE);
        }
        if (verification.isValid()) {
            findings.add(
                    CheckResult.passed(
                            TIMESTAMP,
                            "Valid time-stamp of " + verification.genTime().orElseThrow()
                                    + " over the signature value."),
                    Indication.INDETERMINATE,
                    SubIndication.SIG_CONSTRAINTS_FAILURE);
            return verification.genTime();
        }
        findings.add(
                CheckResult.failed(
                        TIMESTAMP,
                        "The time-stamp does not verify or does not cover the signature "
                                + "value (see the timestamp checks)."),
                Indication.INDETERMINATE,
                SubIndication.SIG_CONSTRAINTS_FAILURE);
        return Optional.empty();
    }

    private static CheckResult signerInSeal(byte[] signerDer, CertList list) {
        switch (list) {
            case CertList.Certificates c -> {
                boolean found = c.certificates().stream().anyMatch(der -> Arrays.equals(der, signerDer));
                return found
                        ? CheckResult.passed(
                                SIGNER_AUTHORISED,
                                "The signer certificate is in the seal's " + "certList (certListType 1).")
                        : CheckResult.failed(
                                SIGNER_AUTHORISED,
                                "The signer certificate is not among the "
                                        + c.certificates().size()
                                        + " certificate(s) of the seal's certList: the signer is not "
                                        + "allowed to use this seal (GB/T 38540 signature verification).");
            }
            case CertList.Digests d -> {
                for (CertList.CertDigest digest : d.digests()) {
                    Optional<byte[]> hash = digest(digest.type(), signerDer);
                    if (hash.isPresent() && Arrays.equals(hash.get(), digest.value())) {
                        return CheckResult.passed(
                                SIGNER_AUTHORISED,
                                "The signer certificate's " + digest.type()
                                        + " digest is in the seal's certList (certListType 2).");
                    }
                }
                return CheckResult.failed(
                        SIGNER_AUTHORISED,
                        "No digest in the seal's certList (types "
                                + d.digests().stream()
                                        .map(CertList.CertDigest::type)
                                        .distinct()
                                        .toList()
                                + ") matches the signer certificate: the signer is not allowed to use this seal.");
            }
        }
    }

    private static Optional<byte[]> digest(String type, byte[] data) {
        String name = switch (type.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "SM3" -> "SM3";
            case "SHA1" -> "SHA-1";
            case "SHA256" -> "SHA-256";
            case "SHA384" -> "SHA-384";
            case "SHA512" -> "SHA-512";
            default -> type;
        };
        try {
            return Optional.of(Digests.named(name).digest(data));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static CheckResult dataHash(SealSignature signature, byte[] originalData) {
        String[] algorithm = ALGORITHMS.get(signature.signatureAlgorithm());
        String digestName = algorithm == null ? "SM3" : algorithm[1];
        Optional<byte[]> hash = digest(digestName, originalData);
        if (hash.isPresent() && Arrays.equals(hash.get(), signature.toSign().dataHash())) {
            return CheckResult.passed(DATA_HASH, "The " + digestName + " hash of the original equals dataHash.");
        }
        return CheckResult.failed(
                DATA_HASH,
                "The " + digestName + " hash of the original does not equal dataHash: "
                        + "the original was altered or is not the signed one.");
    }

    // ------------------------------------------------------------------ shared checks

    private static void signatureValue(
            String algorithmId,
            String valueId,
            String what,
            String algorithmOid,
            X509Certificate cert,
            byte[] data,
            byte[] value,
            Findings findings) {
        String[] algorithm = ALGORITHMS.get(algorithmOid);
        if (algorithm == null) {
            findings.add(
                    CheckResult.failed(
                            algorithmId,
                            "Unsupported signature algorithm " + algorithmOid + "; GB/T 38540 seals use SM2-with-SM3 ("
                                    + SM2_SM3 + ")."),
                    Indication.INDETERMINATE,
                    SubIndication.SIG_CONSTRAINTS_FAILURE);
            findings.notChecked(valueId, "Unsupported algorithm.");
            return;
        }
        findings.add(
                CheckResult.passed(algorithmId, algorithm[0] + " (" + algorithmOid + ")."),
                Indication.INDETERMINATE,
                SubIndication.SIG_CONSTRAINTS_FAILURE);
        try {
            Signature verifier = Signature.getInstance(algorithm[0], Providers.bouncyCastle());
            verifier.initVerify(cert.getPublicKey());
            verifier.update(data);
            if (verifier.verify(value)) {
                findings.add(
                        CheckResult.passed(
                                valueId,
                                what + " verifies with the key of "
                                        + cert.getSubjectX500Principal().getName() + "."),
                        Indication.TOTAL_FAILED,
                        SubIndication.SIG_CRYPTO_FAILURE);
                return;
            }
            findings.add(
                    CheckResult.failed(
                            valueId,
                            what + " does not verify with the key of "
                                    + cert.getSubjectX500Principal().getName()
                                    + ": the signed content was altered or signed by "
                                    + "another key."),
                    Indication.TOTAL_FAILED,
                    SubIndication.SIG_CRYPTO_FAILURE);
        } catch (GeneralSecurityException | RuntimeException e) {
            findings.add(
                    CheckResult.failed(valueId, what + " cannot be verified: " + e.getMessage()),
                    Indication.TOTAL_FAILED,
                    SubIndication.SIG_CRYPTO_FAILURE);
        }
    }

    private void certificateChecks(
            X509Certificate cert,
            Instant at,
            String role,
            String certificateId,
            String keyUsageId,
            String chainId,
            String revocationId,
            Findings findings) {
        String subject = cert.getSubjectX500Principal().getName();
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        if (at.isBefore(notBefore)) {
            findings.add(
                    CheckResult.failed(
                            certificateId,
                            "The " + role + " certificate " + subject + " is valid from " + notBefore + "; not yet at "
                                    + at + "."),
                    Indication.TOTAL_FAILED,
                    SubIndication.NOT_YET_VALID);
        } else if (at.isAfter(notAfter)) {
            findings.add(
                    CheckResult.failed(
                            certificateId,
                            "The " + role + " certificate " + subject + " expired at " + notAfter + "; judged at " + at
                                    + "."),
                    Indication.TOTAL_FAILED,
                    SubIndication.EXPIRED);
        } else {
            findings.add(
                    CheckResult.passed(
                            certificateId, "The " + role + " certificate " + subject + " is valid at " + at + "."),
                    Indication.TOTAL_FAILED,
                    SubIndication.EXPIRED);
        }
        boolean[] usage = cert.getKeyUsage();
        if (usage == null) {
            findings.add(
                    CheckResult.warning(keyUsageId, "The " + role + " certificate has no keyUsage extension."),
                    Indication.INDETERMINATE,
                    SubIndication.CHAIN_CONSTRAINTS_FAILURE);
        } else if (usage[0] || usage[1]) {
            findings.add(
                    CheckResult.passed(
                            keyUsageId,
                            "keyUsage includes " + (usage[0] ? "digitalSignature" : "nonRepudiation") + "."),
                    Indication.INDETERMINATE,
                    SubIndication.CHAIN_CONSTRAINTS_FAILURE);
        } else {
            findings.add(
                    CheckResult.failed(
                            keyUsageId,
                            "The " + role + " certificate's keyUsage allows neither "
                                    + "digitalSignature nor nonRepudiation; it may not sign seals or documents."),
                    Indication.INDETERMINATE,
                    SubIndication.CHAIN_CONSTRAINTS_FAILURE);
        }
        CertificateChainValidator.ChainValidation chain = chains.validate(cert, intermediates, at);
        findings.add(
                new CheckResult(chainId, chain.chain().outcome(), chain.chain().message()),
                Indication.INDETERMINATE,
                SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        findings.revocation(revocationId, chain.revocation());
    }

    private static Optional<X509Certificate> certificate(byte[] der) {
        try {
            DerScanner.check(der, SesCodec.MAX_INPUT_BYTES, 32, "certificate");
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509", Providers.bouncyCastle())
                    .generateCertificate(new ByteArrayInputStream(der)));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static X509Certificate bc(X509Certificate certificate) {
        try {
            return certificate(certificate.getEncoded())
                    .orElseThrow(() -> new SesException("Bouncy Castle cannot " + "read certificate "
                            + certificate.getSubjectX500Principal().getName() + "."));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new SesException(
                    "Cannot encode certificate "
                            + certificate.getSubjectX500Principal().getName() + ": " + e.getMessage(),
                    e);
        }
    }

    private static String layout(ElectronicSeal seal) {
        return seal instanceof ElectronicSeal.V4
                ? SesVerificationReport.GB_T_38540_2020
                : SesVerificationReport.GM_T_0031_2014;
    }

    private static SesVerificationReport formatFailure(
            SesVerificationReport.Subject subject, Instant time, SesFormatException e) {
        return new SesVerificationReport(
                subject,
                Optional.empty(),
                Indication.TOTAL_FAILED,
                SubIndication.FORMAT_FAILURE,
                time,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(CheckResult.failed(FORMAT, e.getMessage())));
    }

    private static SesVerificationReport report(
            SesVerificationReport.Subject subject,
            Optional<String> layout,
            Instant validationTime,
            ElectronicSeal seal,
            Optional<String> signerSubject,
            Optional<Instant> signingTime,
            Optional<Instant> timestampTime,
            Findings findings) {
        Finding verdict = findings.verdict();
        return new SesVerificationReport(
                subject,
                layout,
                verdict.indication(),
                verdict.subIndication(),
                validationTime,
                Optional.of(seal.sealInfo().esId()),
                Optional.of(seal.sealInfo().property().name()),
                signerSubject,
                signingTime,
                timestampTime,
                findings.checks());
    }
}
