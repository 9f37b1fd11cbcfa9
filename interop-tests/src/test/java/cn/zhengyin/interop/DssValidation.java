package cn.zhengyin.interop;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.simplereport.jaxb.XmlTimestamp;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * EU DSS 6.4 as an independent validator, run by {@link LongTermValidationInteropIT} in its own JVM (DSS needs the
 * Bouncy Castle, PDFBox and Santuario versions it is built for). Configured as a relying party offline: the one trust
 * anchor given (the ECDSA dev root), no CRL, OCSP or AIA source, the default validation policy, validation now. So
 * everything else DSS needs — intermediate certificates, CRLs, time-stamps — must come from the file itself.
 *
 * <p>Usage: {@code DssValidation <trust-anchor.pem> <file>...}. For each file it writes the simple report next to it
 * ({@code <file>.dss-simple-report.xml}) and prints one tab-separated line per signature and per time-stamp:
 * {@code file  SIGNATURE|TIMESTAMP  id  format-or-type  indication  sub-indication  errors}.
 */
public final class DssValidation {

    private DssValidation() {}

    public static void main(String[] args) throws IOException {
        CertificateToken anchor;
        try (FileInputStream in = new FileInputStream(args[0])) {
            anchor = DSSUtils.loadCertificate(in);
        }
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(anchor);
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setCrlSource(null);
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
        for (int i = 1; i < args.length; i++) {
            File file = new File(args[i]);
            SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(file));
            validator.setCertificateVerifier(verifier);
            Reports reports = validator.validateDocument();
            Files.writeString(
                    Path.of(args[i] + ".dss-simple-report.xml"), reports.getXmlSimpleReport(), StandardCharsets.UTF_8);
            SimpleReport simple = reports.getSimpleReport();
            for (String id : simple.getSignatureIdList()) {
                line(
                        file,
                        "SIGNATURE",
                        id,
                        String.valueOf(simple.getSignatureFormat(id)),
                        simple.getIndication(id),
                        simple.getSubIndication(id),
                        simple.getAdESValidationErrors(id));
                // the signature time-stamp and the document (archive) time-stamps DSS attaches to the signature
                for (XmlTimestamp timestamp : simple.getSignatureTimestamps(id)) {
                    line(
                            file,
                            "TIMESTAMP",
                            timestamp.getId(),
                            String.valueOf(reports.getDiagnosticData()
                                    .getTimestampById(timestamp.getId())
                                    .getType()),
                            timestamp.getIndication(),
                            timestamp.getSubIndication(),
                            simple.getAdESValidationErrors(timestamp.getId()));
                }
            }
        }
    }

    private static void line(
            File file,
            String kind,
            String id,
            String format,
            Indication indication,
            SubIndication subIndication,
            List<Message> errors) {
        System.out.println(String.join(
                "\t",
                file.getName(),
                kind,
                id,
                format,
                String.valueOf(indication),
                String.valueOf(subIndication),
                errors.stream()
                        .map(m -> m.getValue())
                        .toList()
                        .toString()
                        .replace('\t', ' ')
                        .replace('\n', ' ')));
    }
}
