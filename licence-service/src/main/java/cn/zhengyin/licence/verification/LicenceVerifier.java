package cn.zhengyin.licence.verification;

import cn.zhengyin.licence.transparency.TransparencyEvidenceSource;

import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceStatus;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.trust.pdf.PdfSignatureVerifier;
import cn.zhengyin.trust.xml.XmlSignatureVerifier;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.SubIndication;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/** Verifies a licence file (PDF or XML): its signatures, then the registry's record of the exact file. */
public final class LicenceVerifier {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private final PdfSignatureVerifier pdfVerifier;
    private final XmlSignatureVerifier xmlVerifier;
    private final LicenceRegistry registry;
    private final Clock clock;
    private final TransparencyEvidenceSource transparency;

    public LicenceVerifier(PdfSignatureVerifier pdfVerifier, XmlSignatureVerifier xmlVerifier, LicenceRegistry registry,
                           Clock clock) {
        this(pdfVerifier, xmlVerifier, registry, clock, TransparencyEvidenceSource.NONE);
    }

    public LicenceVerifier(PdfSignatureVerifier pdfVerifier, XmlSignatureVerifier xmlVerifier, LicenceRegistry registry,
                           Clock clock, TransparencyEvidenceSource transparency) {
        this.transparency = transparency;
        this.pdfVerifier = pdfVerifier;
        this.xmlVerifier = xmlVerifier;
        this.registry = registry;
        this.clock = clock;
    }

    public LicenceVerificationReport verifyPdf(byte[] pdf) {
        return withRegistry(pdfVerifier.verify(pdf));
    }

    /** A licence XML document (XAdES enveloped): its one signature must cover the document root. */
    public LicenceVerificationReport verifyXml(byte[] xml) {
        return withRegistry(xmlVerifier.verify(xml));
    }

    private LicenceVerificationReport withRegistry(DocumentVerificationReport document) {
        RegistryAnswer registryAnswer = document.documentSha256() == null || document.documentSha256().isEmpty()
                ? RegistryAnswer.notFound("the file could not be read, so the registry was not asked")
                : lookUp(document.documentSha256());
        Indication indication;
        SubIndication sub;
        if (!document.isPassed()) {
            indication = document.indication();
            sub = document.subIndication();
        } else if (!registryAnswer.found()) {
            // Signed by a trusted seal but not a file this registry issued: fail closed.
            indication = Indication.INDETERMINATE;
            sub = SubIndication.SIGNED_DATA_NOT_FOUND;
        } else {
            indication = Indication.TOTAL_PASSED;
            sub = SubIndication.NONE;
        }
        return new LicenceVerificationReport(indication, sub, document.validationTime(),
                summaryZh(indication, registryAnswer), summaryEn(indication, registryAnswer), document, registryAnswer,
                registryAnswer.identifier().flatMap(transparency::evidenceFor));
    }

    private RegistryAnswer lookUp(String sha256) {
        Optional<LicenceVersion> version = registry.findVersionByFileSha256(sha256);
        if (version.isEmpty()) {
            return RegistryAnswer.notFound("no registered licence version has a file with SHA-256 " + sha256);
        }
        LicenceVersion v = version.get();
        Optional<Licence> licence = registry.findLicence(v.root());
        if (licence.isEmpty()) {
            return RegistryAnswer.notFound("the file matches version " + v.identifier()
                    + " but that licence's issuance is not complete");
        }
        Licence l = licence.get();
        LicenceStatus status = l.statusAt(LocalDate.now(clock.withZone(CHINA)));
        boolean current = l.currentIdentifier().equals(v.identifier());
        return new RegistryAnswer(true, Optional.of(v.identifier()), Optional.of(v.version()),
                Optional.of(l.currentIdentifier()), current, Optional.of(status),
                "the file is the registered " + (current ? "current" : "superseded") + " version " + String.format("%03d", v.version())
                        + " of licence " + v.identifier() + "; the licence is " + status + " now");
    }

    private static String summaryZh(Indication indication, RegistryAnswer r) {
        String verdict = switch (indication) {
            case TOTAL_PASSED -> "验证通过：签章有效，文件与证照库登记一致";
            case TOTAL_FAILED -> "验证失败：文件已被篡改或签章无效";
            case INDETERMINATE -> "无法确认：签章或登记信息不能被证明有效";
        };
        return r.licenceStatus().map(s -> verdict + "；证照当前状态：" + statusZh(s)).orElse(verdict);
    }

    private static String summaryEn(Indication indication, RegistryAnswer r) {
        String verdict = switch (indication) {
            case TOTAL_PASSED -> "Passed: the seal is valid and the file matches the licence registry";
            case TOTAL_FAILED -> "Failed: the file was altered or the seal is not valid";
            case INDETERMINATE -> "Indeterminate: the seal or the registry record could not be proven valid";
        };
        return r.licenceStatus().map(s -> verdict + "; licence status now: " + s).orElse(verdict);
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
