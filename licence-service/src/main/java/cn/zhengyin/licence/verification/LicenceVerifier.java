package cn.zhengyin.licence.verification;

import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceStatus;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.registry.Standings;
import cn.zhengyin.licence.transparency.TransparencyEvidenceSource;
import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.ofd.OfdSignatureVerifier;
import cn.zhengyin.trust.pdf.PdfSignatureVerifier;
import cn.zhengyin.trust.ses.SesCodec;
import cn.zhengyin.trust.ses.SesVerificationReport;
import cn.zhengyin.trust.ses.SesVerifier;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.LicenceStanding;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.SignatureReport;
import cn.zhengyin.trust.validation.SubIndication;
import cn.zhengyin.trust.validation.ValidationPolicy;
import cn.zhengyin.trust.validation.VerificationConclusion;
import cn.zhengyin.trust.xml.XmlSignatureVerifier;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Verifies a licence file (PDF, XML or OFD): its signatures, then the registry's record of the exact file. Also verifies a
 * GB/T 38540 electronic seal signature (SES_Signature) over data the caller supplies: the signature decides the
 * indication and the registry says whether the data is a registered licence rendition.
 */
public final class LicenceVerifier {
    private static final ZoneId CHINA = cn.zhengyin.trust.ChinaTime.ZONE;
    private final PdfSignatureVerifier pdfVerifier;
    private final XmlSignatureVerifier xmlVerifier;
    private final SesVerifier sesVerifier;
    private final LicenceRegistry registry;
    private final Clock clock;
    private final TransparencyEvidenceSource transparency;
    private final HashOnlyVerifier hashOnly;
    private final Optional<OtherRegions> otherRegions;
    private final OfdSignatureVerifier ofdVerifier;

    public LicenceVerifier(
            PdfSignatureVerifier pdfVerifier,
            XmlSignatureVerifier xmlVerifier,
            SesVerifier sesVerifier,
            LicenceRegistry registry,
            Clock clock,
            TransparencyEvidenceSource transparency) {
        this(pdfVerifier, xmlVerifier, sesVerifier, registry, clock, transparency, Optional.empty());
    }

    /** @param otherRegions the trust list of other regions' authorities, consulted under {@code baseline} */
    public LicenceVerifier(
            PdfSignatureVerifier pdfVerifier,
            XmlSignatureVerifier xmlVerifier,
            SesVerifier sesVerifier,
            LicenceRegistry registry,
            Clock clock,
            TransparencyEvidenceSource transparency,
            Optional<OtherRegions> otherRegions) {
        this.otherRegions = otherRegions;
        this.transparency = transparency;
        this.pdfVerifier = pdfVerifier;
        this.xmlVerifier = xmlVerifier;
        this.sesVerifier = sesVerifier;
        this.registry = registry;
        this.clock = clock;
        this.hashOnly = new HashOnlyVerifier(registry, clock, transparency);
        this.ofdVerifier = new OfdSignatureVerifier(sesVerifier);
    }

    /** Hash-only mode: see {@link HashOnlyVerifier}; no signature is checked, the file never reaches the service. */
    public LicenceVerificationReport verifyHash(HashOnlyVerifier.Query query) {
        return hashOnly.verify(query);
    }

    /** A licence PDF under the {@code licence} policy. */
    public LicenceVerificationReport verifyPdf(byte[] pdf) {
        return verifyPdf(pdf, ValidationPolicy.LICENCE);
    }

    /** A PDF under {@code policy}: its signatures, then the registry's record of the file. */
    public LicenceVerificationReport verifyPdf(byte[] pdf, ValidationPolicy policy) {
        DocumentVerificationReport own = pdfVerifier.verify(pdf, policy);
        if (fromAnotherRegion(own, policy)) {
            OtherRegions.Outcome other = otherRegions.orElseThrow().pdf(pdf, own, policy);
            return withRegistry(other.document(), List::of, policy, other.issuedBy());
        }
        return withRegistry(own, () -> signedRevisionHashes(pdf), policy, Optional.empty());
    }

    /**
     * SHA-256 of each signed revision of a PDF (the bytes up to the end of each signature's ByteRange), latest first:
     * a registered licence PDF to which a holder or archive later appended allowed revisions (a document time-stamp)
     * is still recognised by the revision the seal signed. Only asked when the whole file is not registered and the
     * verifier has already accepted every later revision.
     */
    private List<String> signedRevisionHashes(byte[] pdf) {
        List<String> hashes = new java.util.ArrayList<>();
        boolean wholeFileSigned = false;
        // trust-core reads the signature dictionaries with the verifier's memory bound (the file was parsed once
        // already by verify; this second read happens only for a passed file the registry does not know as a whole).
        for (long end : pdfVerifier.signedRevisionEnds(pdf)) {
            wholeFileSigned |= end == pdf.length;
            if (end > 0 && end < pdf.length) {
                hashes.add(0, HexFormat.of().formatHex(Digests.sha256(java.util.Arrays.copyOf(pdf, (int) end))));
            }
        }
        // Only a file whose last revision is itself signed or time-stamped (a later seal, a 加注件, a document
        // time-stamp) counts as the registered file plus allowed revisions; bytes appended after the last signature
        // are covered by nothing, and such a file is not the registered one.
        return wholeFileSigned ? hashes : List.of();
    }

    /** A licence XML document (XAdES enveloped): its one signature must cover the document root. */
    public LicenceVerificationReport verifyXml(byte[] xml) {
        return verifyXml(xml, ValidationPolicy.LICENCE);
    }

    /** An XML document under {@code policy}. */
    public LicenceVerificationReport verifyXml(byte[] xml, ValidationPolicy policy) {
        DocumentVerificationReport own = xmlVerifier.verify(xml, policy);
        if (fromAnotherRegion(own, policy)) {
            OtherRegions.Outcome other = otherRegions.orElseThrow().xml(xml, own, policy);
            return withRegistry(other.document(), List::of, policy, other.issuedBy());
        }
        return withRegistry(own, List::of, policy, Optional.empty());
    }

    /**
     * A licence OFD (GB/T 33190) under {@code policy}: the package, every reference's SM3 digest and that every part
     * is protected, the seal, and each GB/T 38540 seal signature ({@link OfdSignatureVerifier}, with this verifier's
     * {@link SesVerifier}: certificate paths, revocation, time-stamp), then the registry's record of the exact file.
     */
    public LicenceVerificationReport verifyOfd(byte[] ofd, ValidationPolicy policy) {
        return withRegistry(ofdVerifier.verify(ofd, clock.instant(), policy), List::of, policy, Optional.empty());
    }

    /**
     * Under {@code baseline}, a document whose signatures this province's anchors do not prove (not failed outright)
     * may be another region's licence: the trust list decides.
     */
    private boolean fromAnotherRegion(DocumentVerificationReport own, ValidationPolicy policy) {
        return otherRegions.isPresent()
                && policy.name() == ValidationPolicy.Name.BASELINE
                && own.indication() == Indication.INDETERMINATE
                && !own.signatures().isEmpty();
    }

    /**
     * A GB/T 38540 seal signature (电子签章) and the original it signs: the signature, its embedded seal, the signer's
     * and seal maker's certificates, the time-stamp and the SM3 data hash are checked by {@link SesVerifier}. The
     * report's {@code document} holds one signature report (field name {@code SES_Signature:<esID>}) with every SES
     * check; {@code documentSha256} is the SHA-256 of {@code data}, looked up in the registry. Unlike a licence file,
     * the indication is the signature's: an SES signature over data that is not a registered rendition can pass, and
     * the registry part then says it was not found (the summaries say so too).
     */
    public LicenceVerificationReport verifySes(byte[] signature, byte[] data) {
        return verifySes(signature, data, ValidationPolicy.LICENCE);
    }

    /**
     * As {@link #verifySes(byte[], byte[])} under {@code policy}: its revocation rule applies to the signer and seal
     * maker certificates. The conclusion never needs the registry here (the data may be any document); when the data
     * is a registered licence rendition, the licence's standing counts.
     */
    public LicenceVerificationReport verifySes(byte[] signature, byte[] data, ValidationPolicy policy) {
        SesVerificationReport ses = sesVerifier.verifySignature(signature, data, clock.instant(), policy);
        String sha256 = HexFormat.of().formatHex(Digests.sha256(data));
        boolean coversData = ses.check(SesVerifier.DATA_HASH)
                .map(c -> c.outcome() == Outcome.PASSED)
                .orElse(false);
        Optional<X509Certificate> signer = signerCertificate(signature);
        SignatureReport report = new SignatureReport(
                "SES_Signature:" + ses.esId().orElse("?"),
                ses.indication(),
                ses.subIndication(),
                ses.signerSubject(),
                signer.map(c -> c.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT)),
                ses.signingTime(),
                ses.timestampTime(),
                coversData,
                ses.checks());
        List<CheckResult> documentChecks = List.of(ses.layout()
                .map(l -> CheckResult.passed(
                        "ses.layout",
                        l + " electronic seal signature of seal " + ses.esId().orElse("?") + " ("
                                + ses.sealName().orElse("") + ")"))
                .orElse(CheckResult.failed("ses.layout", "not a readable GB/T 38540 / GM/T 0031 SES_Signature")));
        DocumentVerificationReport document = DocumentVerificationReport.of(
                ses.validationTime(), sha256, List.of(report), documentChecks, Optional.empty());
        Lookup found = lookUp(sha256);
        RegistryAnswer registryAnswer = found.answer();
        Indication indication = document.indication();
        SubIndication sub = document.subIndication();
        // an SES signature may sign any data: the registry is not required, but a registered licence's standing counts
        VerificationConclusion conclusion = VerificationConclusion.derive(
                indication, sub, policy.registryRequired() ? withoutRegistry(policy) : policy, found.standing());
        return LicenceVerificationReport.of(
                conclusion,
                policy.name().id(),
                indication,
                sub,
                document.validationTime(),
                conclusion.conclusion() == cn.zhengyin.trust.validation.Conclusion.NOT_IN_FORCE
                        ? ConclusionText.zh(conclusion) + registryZh(registryAnswer)
                        : sesSummaryZh(indication, registryAnswer),
                conclusion.conclusion() == cn.zhengyin.trust.validation.Conclusion.NOT_IN_FORCE
                        ? ConclusionText.en(conclusion) + registryEn(registryAnswer)
                        : sesSummaryEn(indication, registryAnswer),
                document,
                registryAnswer,
                registryAnswer.identifier().flatMap(transparency::evidenceFor),
                VerificationMode.SES_SIGNATURE,
                Optional.empty());
    }

    private static Optional<X509Certificate> signerCertificate(byte[] signature) {
        try {
            byte[] der = SesCodec.decodeSignature(signature).signerCertificate();
            return Optional.of((X509Certificate)
                    CertificateFactory.getInstance("X.509", cn.zhengyin.trust.crypto.Providers.bouncyCastle())
                            .generateCertificate(new java.io.ByteArrayInputStream(der)));
        } catch (RuntimeException | java.security.GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static String sesSummaryZh(Indication indication, RegistryAnswer r) {
        String verdict = switch (indication) {
            case TOTAL_PASSED -> "验证通过：电子签章有效，数据自签章后未被改动";
            case TOTAL_FAILED -> "验证失败：数据已被改动或电子签章无效";
            case INDETERMINATE -> "无法确认：电子签章不能被证明有效";
        };
        String registry = r.found()
                ? "；数据为证照库登记的文件"
                        + r.licenceStatus().map(s -> "，证照当前状态：" + statusZh(s)).orElse("")
                : "；数据不是证照库登记的证照文件";
        return verdict + registry;
    }

    private static String sesSummaryEn(Indication indication, RegistryAnswer r) {
        String verdict = switch (indication) {
            case TOTAL_PASSED ->
                "Passed: the electronic seal signature is valid and the data is unchanged since signing";
            case TOTAL_FAILED -> "Failed: the data was altered or the electronic seal signature is not valid";
            case INDETERMINATE -> "Indeterminate: the electronic seal signature could not be proven valid";
        };
        String registry = r.found()
                ? "; the data is a registered licence file"
                        + r.licenceStatus()
                                .map(s -> ", licence status now: " + s)
                                .orElse("")
                : "; the data is not a registered licence file";
        return verdict + registry;
    }

    private LicenceVerificationReport withRegistry(
            DocumentVerificationReport document,
            java.util.function.Supplier<List<String>> signedRevisions,
            ValidationPolicy policy,
            Optional<String> issuedBy) {
        Lookup found =
                document.documentSha256() == null || document.documentSha256().isEmpty()
                        ? new Lookup(
                                RegistryAnswer.notFound("the file could not be read, so the registry was not asked"),
                                LicenceStanding.notRegistered())
                        : lookUp(document.documentSha256());
        RegistryAnswer registryAnswer = found.answer();
        if (!registryAnswer.found() && document.isPassed()) {
            for (String revision : signedRevisions.get()) {
                Lookup earlier = lookUp(revision);
                if (earlier.answer().found()) {
                    found = earlier;
                    registryAnswer = earlier.answer()
                            .withNote(
                                    "the file is a registered licence file with allowed later "
                                            + "revisions appended (e.g. a document time-stamp); the registered file is its signed revision");
                    break;
                }
            }
        }
        Indication indication;
        SubIndication sub;
        if (!document.isPassed()) {
            indication = document.indication();
            sub = document.subIndication();
        } else if (!registryAnswer.found() && policy.registryRequired()) {
            // Signed by a trusted seal but not a file this registry issued: fail closed.
            indication = Indication.INDETERMINATE;
            sub = SubIndication.SIGNED_DATA_NOT_FOUND;
        } else {
            // baseline: a document this registry does not know follows its signatures alone
            indication = Indication.TOTAL_PASSED;
            sub = SubIndication.NONE;
        }
        VerificationConclusion conclusion = VerificationConclusion.derive(indication, sub, policy, found.standing());
        return LicenceVerificationReport.of(
                conclusion,
                policy.name().id(),
                indication,
                sub,
                document.validationTime(),
                sealedDocument(conclusion, registryAnswer, issuedBy)
                        ? "验证通过：签章有效；不是本证照库登记的证照（已盖章文件）；" + String.join("；", sealedBy(document))
                        : ConclusionText.zh(conclusion)
                                + registryZh(registryAnswer)
                                + issuedBy.map(l -> "；签发机构：" + l + "（证照互认信任列表）").orElse(""),
                sealedDocument(conclusion, registryAnswer, issuedBy)
                        ? "Valid: the seals are valid; not a registered licence (a sealed document); "
                                + String.join("; ", sealedBy(document))
                        : ConclusionText.en(conclusion)
                                + registryEn(registryAnswer)
                                + issuedBy.map(l -> "; issued by " + l + " (trust list of other regions)")
                                        .orElse(""),
                document,
                registryAnswer,
                registryAnswer.identifier().flatMap(transparency::evidenceFor),
                VerificationMode.FILE,
                issuedBy);
    }

    /** The registry's answer and the licence's standing for the conclusion. */
    private record Lookup(RegistryAnswer answer, LicenceStanding standing) {}

    /** The policy for an SES signature: its data need not be a registered licence. */
    private static ValidationPolicy withoutRegistry(ValidationPolicy policy) {
        return new ValidationPolicy(
                policy.name(),
                policy.signatureTimestampRequired(),
                policy.revocation(),
                policy.xmlShape(),
                policy.unsignedRevisions(),
                false);
    }

    private Lookup lookUp(String sha256) {
        Optional<LicenceVersion> version = registry.findVersionByFileSha256(sha256);
        if (version.isEmpty()) {
            return new Lookup(
                    RegistryAnswer.notFound("no registered licence version has a file with SHA-256 " + sha256),
                    LicenceStanding.notRegistered());
        }
        LicenceVersion v = version.get();
        Optional<Licence> licence = registry.findLicence(v.root());
        if (licence.isEmpty()) {
            return new Lookup(
                    RegistryAnswer.notFound("the file matches version " + v.identifier()
                            + " but that licence's issuance is not complete"),
                    LicenceStanding.notRegistered());
        }
        Licence l = licence.get();
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        LicenceStatus status = l.statusAt(today);
        boolean current = l.currentIdentifier().equals(v.identifier());
        return new Lookup(
                new RegistryAnswer(
                        true,
                        Optional.of(v.identifier()),
                        Optional.of(v.version()),
                        Optional.of(l.currentIdentifier()),
                        current,
                        Optional.of(status),
                        "the file is the registered " + (current ? "current" : "superseded") + " version "
                                + String.format(Locale.ROOT, "%03d", v.version()) + " of licence " + v.identifier()
                                + "; the licence is "
                                + status + " now"),
                Standings.of(l, v.identifier(), v.version(), today));
    }

    /**
     * A valid file (baseline policy) that is no registered licence and not another region's: a document sealed by its
     * authorities (用印, docs/sealing.md), summarised by its seals rather than by a licence's standing.
     */
    private static boolean sealedDocument(
            VerificationConclusion conclusion, RegistryAnswer registry, Optional<String> issuedBy) {
        return conclusion.conclusion() == cn.zhengyin.trust.validation.Conclusion.VALID
                && !registry.found()
                && issuedBy.isEmpty();
    }

    /** Each seal (not the document time-stamps): "seal name (organisation), time (China time)". */
    static List<String> sealedBy(DocumentVerificationReport document) {
        List<String> out = new java.util.ArrayList<>();
        java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern(
                        "yyyy-MM-dd HH:mm:ss", java.util.Locale.ROOT)
                .withZone(cn.zhengyin.trust.ChinaTime.ZONE);
        for (SignatureReport s : document.signatures()) {
            if (s.check("doc-timestamp.token").isPresent() || s.signerSubject().isEmpty()) {
                continue;
            }
            String cn = "";
            String o = "";
            try {
                for (javax.naming.ldap.Rdn rdn :
                        new javax.naming.ldap.LdapName(s.signerSubject().get()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        cn = String.valueOf(rdn.getValue());
                    } else if (rdn.getType().equalsIgnoreCase("O")) {
                        o = String.valueOf(rdn.getValue());
                    }
                }
            } catch (javax.naming.InvalidNameException e) {
                cn = s.signerSubject().get();
            }
            out.add(cn
                    + (o.isEmpty() ? "" : " (" + o + ")")
                    + s.timestampTime()
                            .or(s::signingTime)
                            .map(t -> ", " + time.format(t))
                            .orElse(""));
        }
        return out;
    }

    private static String registryZh(RegistryAnswer r) {
        return r.found()
                ? "；文件与证照库登记一致"
                        + r.licenceStatus().map(s -> "，证照当前状态：" + statusZh(s)).orElse("")
                : "；文件不是本证照库登记的证照文件";
    }

    private static String registryEn(RegistryAnswer r) {
        return r.found()
                ? "; the file matches the licence registry"
                        + r.licenceStatus()
                                .map(s -> ", licence status now: " + s)
                                .orElse("")
                : "; the file is not a licence file registered here";
    }

    private static String statusZh(LicenceStatus status) {
        return switch (status) {
            case VALID -> "有效";
            case SUSPENDED -> "暂扣";
            case REVOKED -> "吊销";
            case CANCELLED -> "注销";
            case EXPIRED -> "已过期";
        };
    }
}
