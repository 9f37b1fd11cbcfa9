package cn.zhengyin.licence.verification;

import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.pdf.PdfSignatureVerifier;
import cn.zhengyin.trust.trustlist.TrustDecision;
import cn.zhengyin.trust.trustlist.TrustListAnchors;
import cn.zhengyin.trust.trustlist.TrustListException;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.SignatureReport;
import cn.zhengyin.trust.validation.SubIndication;
import cn.zhengyin.trust.validation.ValidationPolicy;
import cn.zhengyin.trust.xml.XmlSignatureVerifier;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;

/**
 * Licences of other regions (证照互认) under the {@code baseline} policy: a document whose signatures do not chain to
 * this province's anchors is verified again with the CA certificates the signed trust list grants now, and the list
 * decides for its signer certificate and licence identifier ({@link TrustListAnchors#decide(List, LicenceIdentifier,
 * Instant)}): GRANTED keeps the verifier's result and labels the report with the authority and region; WITHDRAWN,
 * TYPE_NOT_ALLOWED, OUTSIDE_PERIOD and ISSUER_MISMATCH fail (TOTAL_FAILED); an unlisted signer, or a list that cannot
 * be loaded (fail closed), is INDETERMINATE with the reason. Check {@value #CHECK} says which.
 */
public final class OtherRegions {
    public static final String CHECK = "trust-list.authority";
    private static final Pattern XML_CERTIFICATE = Pattern.compile(
            "<(?:[A-Za-z0-9_-]+:)?X509Certificate>([^<]{1,65536})</(?:[A-Za-z0-9_-]+:)?X509Certificate>");
    private static final Pattern XML_IDENTIFIER =
            Pattern.compile("<(?:[A-Za-z0-9_-]+:)?CertificateIdentifier>([^<]{1,200})<");

    /** Verifiers that trust this province's anchors plus the given ones (the trust list's granted CAs). */
    public interface Verifiers {
        PdfSignatureVerifier pdf(Set<X509Certificate> extraAnchors);

        XmlSignatureVerifier xml(Set<X509Certificate> extraAnchors);
    }

    private final Supplier<TrustListAnchors> trustList;
    private final Verifiers verifiers;

    /**
     * @param trustList the list in force (a loader's {@code current()}); throws {@link TrustListException} when no
     *                  verified, fresh list is available
     * @param verifiers makes verifiers with extra anchors
     */
    public OtherRegions(Supplier<TrustListAnchors> trustList, Verifiers verifiers) {
        this.trustList = trustList;
        this.verifiers = verifiers;
    }

    /** The outcome: the document report to use and, for a granted authority, its label. */
    record Outcome(DocumentVerificationReport document, Optional<String> issuedBy) {}

    Outcome pdf(byte[] pdf, DocumentVerificationReport own, ValidationPolicy policy) {
        return decide(own, anchors -> verifiers.pdf(anchors).verify(pdf, policy), report -> pdfFacts(pdf, report));
    }

    Outcome xml(byte[] xml, DocumentVerificationReport own, ValidationPolicy policy) {
        return decide(own, anchors -> verifiers.xml(anchors).verify(xml, policy), report -> xmlFacts(xml, report));
    }

    private record Facts(Optional<X509Certificate> signer, Optional<LicenceIdentifier> identifier, String problem) {
        Facts(Optional<X509Certificate> signer, Optional<LicenceIdentifier> identifier) {
            this(signer, identifier, "no certificate in the document has the signer's serial number");
        }
    }

    private Outcome decide(
            DocumentVerificationReport own,
            java.util.function.Function<Set<X509Certificate>, DocumentVerificationReport> verify,
            java.util.function.Function<DocumentVerificationReport, Facts> facts) {
        TrustListAnchors list;
        try {
            list = trustList.get();
        } catch (TrustListException e) {
            return new Outcome(
                    with(
                            own,
                            Indication.INDETERMINATE,
                            SubIndication.NO_CERTIFICATE_CHAIN_FOUND,
                            CheckResult.failed(
                                    CHECK,
                                    "The signer is not trusted by this province's anchors and the trust list of other regions"
                                            + " is not available, so the document cannot be recognised: "
                                            + e.getMessage())),
                    Optional.empty());
        }
        Instant now = own.validationTime();
        DocumentVerificationReport report =
                verify.apply(list.listedCertificates().isEmpty() ? Set.of() : list.certificatesGrantedAt(now));
        Facts found = facts.apply(report);
        if (found.signer().isEmpty()) {
            return new Outcome(
                    with(
                            report,
                            Indication.INDETERMINATE,
                            SubIndication.NO_CERTIFICATE_CHAIN_FOUND,
                            CheckResult.failed(
                                    CHECK,
                                    "The signer certificate could not be read (" + found.problem()
                                            + "), so the trust list cannot decide.")),
                    Optional.empty());
        }
        List<X509Certificate> path = List.of(found.signer().get());
        TrustDecision decision = found.identifier().isPresent()
                ? list.decide(path, found.identifier().get(), now)
                : list.decide(path, "?", now);
        String sequence = " (trust list of " + list.scheme().operatorName() + ", sequence "
                + list.scheme().sequenceNumber() + ")";
        return switch (decision.kind()) {
            case GRANTED ->
                found.identifier().isEmpty()
                        ? new Outcome(
                                with(
                                        report,
                                        Indication.INDETERMINATE,
                                        SubIndication.SIG_CONSTRAINTS_FAILURE,
                                        CheckResult.failed(
                                                CHECK,
                                                "The document names no licence identifier, so the"
                                                        + " trust list cannot say whether "
                                                        + decision.label().orElse("")
                                                        + " may issue it" + sequence + ".")),
                                Optional.empty())
                        : new Outcome(
                                with(
                                        report,
                                        report.indication(),
                                        report.subIndication(),
                                        CheckResult.passed(CHECK, decision.reason() + sequence)),
                                decision.label());
            case NOT_LISTED ->
                new Outcome(
                        with(
                                report,
                                Indication.INDETERMINATE,
                                SubIndication.NO_CERTIFICATE_CHAIN_FOUND,
                                CheckResult.failed(
                                        CHECK,
                                        "Not recognised: the signer is neither under this province's"
                                                + " trust anchors nor a listed authority of another region. "
                                                + decision.reason())),
                        Optional.empty());
            case WITHDRAWN, TYPE_NOT_ALLOWED, OUTSIDE_PERIOD, ISSUER_MISMATCH ->
                new Outcome(
                        with(
                                report,
                                Indication.TOTAL_FAILED,
                                SubIndication.CHAIN_CONSTRAINTS_FAILURE,
                                CheckResult.failed(CHECK, decision.kind() + ": " + decision.reason() + sequence)),
                        Optional.empty());
        };
    }

    /** The report with one more document check and, where the check decides, its verdict. */
    private static DocumentVerificationReport with(
            DocumentVerificationReport report, Indication indication, SubIndication sub, CheckResult check) {
        List<CheckResult> checks = new ArrayList<>(report.documentChecks());
        checks.add(check);
        // a failed signature stays failed whatever the list says
        boolean keep = report.indication() == Indication.TOTAL_FAILED;
        return new DocumentVerificationReport(
                keep ? report.indication() : indication,
                keep ? report.subIndication() : sub,
                report.validationTime(),
                report.documentSha256(),
                report.signatures(),
                checks);
    }

    private static Facts pdfFacts(byte[] pdf, DocumentVerificationReport report) {
        Optional<SignatureReport> first = report.signatures().stream().findFirst();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            Optional<LicenceIdentifier> identifier = parse(
                            document.getDocumentInformation().getCustomMetadataValue("LicenceIdentifier"))
                    .or(() -> parse(document.getDocumentInformation().getKeywords()));
            List<PDSignature> signatures = document.getSignatureDictionaries();
            for (PDSignature signature : signatures) {
                CMSSignedData cms;
                // the /Contents hex string is zero-padded: read the one DER object it starts with
                try (org.bouncycastle.asn1.ASN1InputStream in =
                        new org.bouncycastle.asn1.ASN1InputStream(signature.getContents())) {
                    cms = new CMSSignedData(org.bouncycastle.asn1.cms.ContentInfo.getInstance(in.readObject()));
                }
                for (X509CertificateHolder holder : cms.getCertificates().getMatches(null)) {
                    X509Certificate certificate = certificate(holder.getEncoded());
                    if (first.isPresent() && matches(certificate, first.get())) {
                        return new Facts(Optional.of(certificate), identifier);
                    }
                }
            }
            return new Facts(Optional.empty(), identifier);
        } catch (Exception e) {
            return new Facts(Optional.empty(), Optional.empty(), e.toString());
        }
    }

    private static Facts xmlFacts(byte[] xml, DocumentVerificationReport report) {
        String text = new String(xml, StandardCharsets.UTF_8);
        Optional<SignatureReport> first = report.signatures().stream().findFirst();
        Matcher id = XML_IDENTIFIER.matcher(text);
        Optional<LicenceIdentifier> identifier = id.find() ? parse(id.group(1)) : Optional.empty();
        Matcher certificates = XML_CERTIFICATE.matcher(text);
        while (certificates.find() && first.isPresent()) {
            try {
                X509Certificate certificate = certificate(Base64.getMimeDecoder()
                        .decode(certificates.group(1).replace("&#13;", "").replace("&#xD;", "")));
                if (matches(certificate, first.get())) {
                    return new Facts(Optional.of(certificate), identifier);
                }
            } catch (RuntimeException | java.security.GeneralSecurityException e) {
                // not a certificate: look further
            }
        }
        return new Facts(Optional.empty(), identifier);
    }

    /** The certificate the verifier identified as the signer's (same serial number). */
    private static boolean matches(X509Certificate certificate, SignatureReport signature) {
        return signature
                .signerSerial()
                .map(serial -> new BigInteger(serial, 16).equals(certificate.getSerialNumber()))
                .orElse(false);
    }

    private static X509Certificate certificate(byte[] der) throws java.security.GeneralSecurityException {
        return (X509Certificate)
                CertificateFactory.getInstance("X.509", cn.zhengyin.trust.crypto.Providers.bouncyCastle())
                        .generateCertificate(new ByteArrayInputStream(der));
    }

    private static Optional<LicenceIdentifier> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LicenceIdentifier.parse(text.strip()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
