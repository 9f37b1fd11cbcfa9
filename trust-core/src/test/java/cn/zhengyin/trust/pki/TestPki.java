package cn.zhengyin.trust.pki;

import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/** An in-memory throw-away PKI for one algorithm, issued at a fixed instant. */
final class TestPki {
    static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String ORG = "Zhengyin Test PKI";
    static final CertificateProfile.SealSigning SEAL = new CertificateProfile.SealSigning(
            "证印示范市市场监督管理局电子证照专用章", "证印示范市市场监督管理局", "11110100000000019Q", "ZYTEST-SEAL-1");

    final KeyAlgorithm algorithm;
    final SecureRandom random = new SecureRandom();
    final CertificateIssuer issuer =
            new CertificateIssuer(CLOCK, random, new CrlDistributionPoints("http://localhost:8082/crl/"));
    final Credential root;
    final Credential sealCa;

    TestPki(KeyAlgorithm algorithm) {
        this.algorithm = algorithm;
        root = issuer.issueRoot(
                "root-ca",
                new CertificateProfile.RootCa("Test Root " + algorithm, ORG),
                algorithm.generateKeyPair(random),
                Period.ofYears(20));
        sealCa = issuer.issueCredential(
                "seal-ca",
                new CertificateProfile.IssuingCa("Test Seal CA " + algorithm, ORG, 0),
                algorithm.generateKeyPair(random),
                Period.ofYears(10),
                root);
    }

    Credential leaf(String name, CertificateProfile profile) {
        return issuer.issueCredential(name, profile, algorithm.generateKeyPair(random), Period.ofYears(5), sealCa);
    }

    /** The certificate as the JDK's own X.509 implementation parses it (for JDK PKIX validation). */
    static X509Certificate jdk(X509Certificate certificate) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
