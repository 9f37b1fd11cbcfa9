package cn.zhengyin.trust.pki;

import java.math.BigInteger;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/** The facts of a certificate an operator wants to see, and their text rendering (used by {@code ca-tools cert show}). */
public record CertificateSummary(
        String subject,
        String issuer,
        BigInteger serialNumber,
        Instant notBefore,
        Instant notAfter,
        String signatureAlgorithm,
        String basicConstraints,
        List<String> keyUsages,
        List<String> extendedKeyUsages) {

    private static final String[] KEY_USAGE_NAMES = {
        "digitalSignature",
        "nonRepudiation",
        "keyEncipherment",
        "dataEncipherment",
        "keyAgreement",
        "keyCertSign",
        "cRLSign",
        "encipherOnly",
        "decipherOnly"
    };
    private static final Map<String, String> EKU_NAMES = Map.of(
            "1.3.6.1.5.5.7.3.1",
            "serverAuth",
            "1.3.6.1.5.5.7.3.2",
            "clientAuth",
            "1.3.6.1.5.5.7.3.3",
            "codeSigning",
            "1.3.6.1.5.5.7.3.4",
            "emailProtection",
            "1.3.6.1.5.5.7.3.8",
            "timeStamping",
            "1.3.6.1.5.5.7.3.9",
            "OCSPSigning",
            "1.3.6.1.4.1.311.10.3.12",
            "documentSigning(MS)",
            "1.3.6.1.5.5.7.3.36",
            "documentSigning");

    public CertificateSummary {
        keyUsages = List.copyOf(keyUsages);
        extendedKeyUsages = List.copyOf(extendedKeyUsages);
    }

    public static CertificateSummary of(X509Certificate certificate) {
        List<String> keyUsages = new ArrayList<>();
        boolean[] bits = certificate.getKeyUsage();
        if (bits != null) {
            for (int i = 0; i < bits.length && i < KEY_USAGE_NAMES.length; i++) {
                if (bits[i]) {
                    keyUsages.add(KEY_USAGE_NAMES[i]);
                }
            }
        }
        List<String> ekus = new ArrayList<>();
        try {
            List<String> oids = certificate.getExtendedKeyUsage();
            if (oids != null) {
                oids.forEach(oid -> ekus.add(EKU_NAMES.getOrDefault(oid, oid)));
            }
        } catch (CertificateParsingException e) {
            throw new PkiException(
                    "Malformed extendedKeyUsage in " + certificate.getSubjectX500Principal() + ": " + e.getMessage(),
                    e);
        }
        int pathLength = certificate.getBasicConstraints();
        String basicConstraints = pathLength < 0
                ? "CA:false"
                : pathLength == Integer.MAX_VALUE ? "CA:true" : "CA:true, pathLen:" + pathLength;
        return new CertificateSummary(
                name(certificate.getSubjectX500Principal()),
                name(certificate.getIssuerX500Principal()),
                certificate.getSerialNumber(),
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(),
                signatureAlgorithmName(certificate.getSigAlgOID()),
                basicConstraints,
                keyUsages,
                ekus);
    }

    private static String signatureAlgorithmName(String oid) {
        return new DefaultAlgorithmNameFinder().getAlgorithmName(new ASN1ObjectIdentifier(oid));
    }

    /** RFC 4514 string with readable attribute names (organizationIdentifier, serialNumber) and UTF-8 text as is. */
    private static String name(X500Principal principal) {
        return BCStyle.INSTANCE.toString(X500Name.getInstance(principal.getEncoded()));
    }

    /** Multi-line text: one "label: value" per line. */
    public String render() {
        return String.join(
                System.lineSeparator(),
                "Subject:             " + subject,
                "Issuer:              " + issuer,
                "Serial:              " + serialNumber.toString(16).toUpperCase(Locale.ROOT) + " (hex)",
                "Not before:          " + notBefore,
                "Not after:           " + notAfter,
                "Signature algorithm: " + signatureAlgorithm,
                "Basic constraints:   " + basicConstraints,
                "Key usage:           " + (keyUsages.isEmpty() ? "(none)" : String.join(", ", keyUsages)),
                "Extended key usage:  "
                        + (extendedKeyUsages.isEmpty() ? "(none)" : String.join(", ", extendedKeyUsages)));
    }
}
