package cn.zhengyin.trust.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateIssuerTest {
    private static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
    private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";

    private final TestPki.Issued pki = new TestPki.Issued(KeyAlgorithm.ECDSA_P256);

    @Test
    void rootIsSelfSignedCaWithCriticalBasicConstraintsAndCertSignKeyUsage() throws Exception {
        X509Certificate root = pki.root.certificate();
        root.verify(root.getPublicKey());
        assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(root.getCriticalExtensionOIDs())
                .contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
        assertThat(keyUsages(root)).containsExactly("keyCertSign", "cRLSign");
        assertThat(root.getExtensionValue(Extension.cRLDistributionPoints.getId()))
                .isNull();
        assertThat(root.getNotBefore().toInstant()).isEqualTo(TestPki.Issued.NOW);
        assertThat(root.getNotAfter().toInstant()).isEqualTo(java.time.Instant.parse("2046-03-01T08:00:00Z"));
        assertThat(root.getSigAlgName()).isEqualToIgnoringCase("SHA256withECDSA");
    }

    @Test
    void issuingCaHasPathLengthZeroAndCrlDistributionPointOfItsIssuer() {
        X509Certificate ca = pki.sealCa.certificate();
        assertThat(ca.getBasicConstraints()).isZero();
        assertThat(keyUsages(ca)).containsExactly("keyCertSign", "cRLSign");
        assertThat(crlUrls(ca)).containsExactly("http://localhost:8082/crl/root-ca.crl");
        assertThat(pki.sealCa.chain()).containsExactly(ca, pki.root.certificate());
    }

    @Test
    void everyCertificateHasSubjectKeyIdentifierMatchingItsChildsAuthorityKeyIdentifier() throws Exception {
        Credential seal = pki.leaf("seal", TestPki.Issued.SEAL);
        List<X509Certificate> chain = seal.chain();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate issuerCert = chain.get(Math.min(i + 1, chain.size() - 1));
            byte[] aki = AuthorityKeyIdentifier.getInstance(new JcaX509CertificateHolder(chain.get(i))
                            .getExtension(Extension.authorityKeyIdentifier)
                            .getParsedValue())
                    .getKeyIdentifier();
            byte[] ski = SubjectKeyIdentifier.getInstance(new JcaX509CertificateHolder(issuerCert)
                            .getExtension(Extension.subjectKeyIdentifier)
                            .getParsedValue())
                    .getKeyIdentifier();
            assertThat(aki).as("AKI of certificate %d", i).isEqualTo(ski);
        }
    }

    @Test
    void sealCertificateNamesSealOrganisationUsccAndSealId() throws Exception {
        X509Certificate seal = pki.leaf("seal", TestPki.Issued.SEAL).certificate();
        X500Name subject = X500Name.getInstance(seal.getSubjectX500Principal().getEncoded());
        assertThat(attribute(subject, BCStyle.CN)).isEqualTo("证印示范市市场监督管理局电子证照专用章");
        assertThat(attribute(subject, BCStyle.O)).isEqualTo("证印示范市市场监督管理局");
        assertThat(attribute(subject, BCStyle.ORGANIZATION_IDENTIFIER)).isEqualTo("11110100000000019Q");
        assertThat(attribute(subject, BCStyle.SERIALNUMBER)).isEqualTo("ZYTEST-SEAL-1");
        assertThat(attribute(subject, BCStyle.C)).isEqualTo("CN");
        assertThat(seal.getBasicConstraints()).isEqualTo(-1);
        assertThat(seal.getCriticalExtensionOIDs())
                .contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
        assertThat(keyUsages(seal)).containsExactly("digitalSignature", "nonRepudiation");
        assertThat(seal.getExtendedKeyUsage()).isNull();
        assertThat(crlUrls(seal)).containsExactly("http://localhost:8082/crl/seal-ca.crl");
        assertThat(seal.getSerialNumber().signum()).isPositive();
        assertThat(seal.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
        assertThat(seal.getNotAfter().toInstant()).isEqualTo(java.time.Instant.parse("2031-03-01T08:00:00Z"));
    }

    @Test
    void tsaCertificateHasOnlyCriticalTimeStampingExtendedKeyUsage() throws Exception {
        X509Certificate tsa = pki.leaf("tsa", new CertificateProfile.TimeStamping("Test TSA", TestPki.Issued.ORG))
                .certificate();
        assertThat(tsa.getExtendedKeyUsage()).containsExactly(TIME_STAMPING);
        assertThat(tsa.getCriticalExtensionOIDs()).contains(Extension.extendedKeyUsage.getId());
        assertThat(keyUsages(tsa)).containsExactly("digitalSignature");
    }

    @Test
    void ocspResponderCertificateHasOcspSigningAndNoCheck() throws Exception {
        X509Certificate ocsp = pki.leaf("ocsp", new CertificateProfile.OcspResponder("Test OCSP", TestPki.Issued.ORG))
                .certificate();
        assertThat(ocsp.getExtendedKeyUsage()).containsExactly(OCSP_SIGNING);
        byte[] noCheck = new JcaX509CertificateHolder(ocsp)
                .getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck)
                .getExtnValue()
                .getOctets();
        assertThat(ASN1Primitive.fromByteArray(noCheck)).isEqualTo(DERNull.INSTANCE);
        assertThat(keyUsages(ocsp)).containsExactly("digitalSignature");
    }

    @Test
    void ecdsaChainsValidateWithTheJdkPkixValidator() throws Exception {
        for (Credential leaf : List.of(
                pki.leaf("seal", TestPki.Issued.SEAL),
                pki.leaf("tsa", new CertificateProfile.TimeStamping("Test TSA", TestPki.Issued.ORG)),
                pki.leaf("ocsp", new CertificateProfile.OcspResponder("Test OCSP", TestPki.Issued.ORG)))) {
            List<X509Certificate> path =
                    leaf.chain().subList(0, 2).stream().map(TestPki.Issued::jdk).toList();
            PKIXParameters params =
                    new PKIXParameters(Set.of(new TrustAnchor(TestPki.Issued.jdk(pki.root.certificate()), null)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(TestPki.Issued.NOW.plusSeconds(86_400)));
            var result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
            assertThat(result.getPublicKey()).isEqualTo(leaf.certificate().getPublicKey());
        }
    }

    @Test
    void jdkPkixValidatorRejectsChainUnderAnotherRoot() throws Exception {
        TestPki.Issued other = new TestPki.Issued(KeyAlgorithm.ECDSA_P256);
        List<X509Certificate> path = pki.leaf("seal", TestPki.Issued.SEAL).chain().subList(0, 2).stream()
                .map(TestPki.Issued::jdk)
                .toList();
        PKIXParameters params =
                new PKIXParameters(Set.of(new TrustAnchor(TestPki.Issued.jdk(other.root.certificate()), null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(TestPki.Issued.NOW.plusSeconds(86_400)));
        assertThatThrownBy(() -> CertPathValidator.getInstance("PKIX")
                        .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void sm2ChainUsesSm3WithSm2AndValidatesWithBouncyCastlePkix() throws Exception {
        TestPki.Issued sm2 = new TestPki.Issued(KeyAlgorithm.SM2);
        BouncyCastleProvider bc = new BouncyCastleProvider();
        for (Credential leaf : List.of(
                sm2.leaf("seal", TestPki.Issued.SEAL),
                sm2.leaf("tsa", new CertificateProfile.TimeStamping("Test TSA SM2", TestPki.Issued.ORG)))) {
            assertThat(leaf.certificate().getSigAlgOID()).isEqualTo("1.2.156.10197.1.501");
            assertThat(KeyAlgorithm.of(leaf.certificate().getPublicKey())).contains(KeyAlgorithm.SM2);
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(sm2.root.certificate(), null)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(TestPki.Issued.NOW.plusSeconds(86_400)));
            var path = CertificateFactory.getInstance("X.509", bc)
                    .generateCertPath(leaf.chain().subList(0, 2));
            var result = (PKIXCertPathValidatorResult)
                    CertPathValidator.getInstance("PKIX", bc).validate(path, params);
            assertThat(result.getTrustAnchor().getTrustedCert()).isEqualTo(sm2.root.certificate());
        }
    }

    @Test
    void refusesLeafThatWouldOutliveItsIssuer() {
        assertThatThrownBy(() -> pki.issuer.issue(
                        TestPki.Issued.SEAL,
                        KeyAlgorithm.ECDSA_P256.generateKeyPair(pki.random).getPublic(),
                        Period.ofYears(11),
                        pki.sealCa))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("after its issuer 'seal-ca' ends at 2036-03-01T08:00:00Z");
    }

    @Test
    void refusesToIssueWithANonCaCredential() {
        Credential seal = pki.leaf("seal", TestPki.Issued.SEAL);
        assertThatThrownBy(() -> pki.issuer.issue(
                        TestPki.Issued.SEAL,
                        KeyAlgorithm.ECDSA_P256.generateKeyPair(pki.random).getPublic(),
                        Period.ofYears(1),
                        seal))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("is not a CA");
    }

    @Test
    void opensslReadsTheSealCertificateExtensions(@TempDir Path dir) throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(openssl), "openssl not installed");
        Path pem = dir.resolve("seal.pem");
        CertificateProfile.SealSigning withOcsp = new CertificateProfile.SealSigning(
                TestPki.Issued.SEAL.sealName(),
                TestPki.Issued.SEAL.organisation(),
                TestPki.Issued.SEAL.uscc(),
                TestPki.Issued.SEAL.sealId(),
                AuthorityInformationAccess.ocsp(java.net.URI.create("http://localhost:8082/ocsp")));
        Files.writeString(
                pem, Pem.certificates(List.of(pki.leaf("seal", withOcsp).certificate())));
        Process process = new ProcessBuilder(
                        openssl.toString(), "x509", "-noout", "-text", "-nameopt", "utf8", "-in", pem.toString())
                .redirectErrorStream(true)
                .start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(text).isZero();
        assertThat(text)
                .contains("X509v3 Basic Constraints: critical", "CA:FALSE")
                .contains("X509v3 Key Usage: critical", "Digital Signature, Non Repudiation")
                .contains("X509v3 Subject Key Identifier", "X509v3 Authority Key Identifier")
                .contains("URI:http://localhost:8082/crl/seal-ca.crl")
                .contains("Authority Information Access", "OCSP - URI:http://localhost:8082/ocsp")
                .contains("organizationIdentifier=11110100000000019Q", "CN=证印示范市市场监督管理局电子证照专用章")
                .contains("ecdsa-with-SHA256");
    }

    @Test
    void sealCertificateCarriesTheConfiguredOcspAndCaIssuersUrlsInAuthorityInfoAccess() throws Exception {
        CertificateProfile.SealSigning profile = new CertificateProfile.SealSigning(
                TestPki.Issued.SEAL.sealName(),
                TestPki.Issued.SEAL.organisation(),
                TestPki.Issued.SEAL.uscc(),
                TestPki.Issued.SEAL.sealId(),
                AuthorityInformationAccess.of(
                        "http://seal.example:8082/ocsp", "http://seal.example:8082/ca/seal-ca.crt"));
        X509Certificate seal = pki.leaf("seal", profile).certificate();

        byte[] extension = seal.getExtensionValue(Extension.authorityInfoAccess.getId());
        assertThat(extension).as("authorityInfoAccess present").isNotNull();
        assertThat(seal.getNonCriticalExtensionOIDs()).contains(Extension.authorityInfoAccess.getId());
        var aia = org.bouncycastle.asn1.x509.AuthorityInformationAccess.getInstance(new JcaX509CertificateHolder(seal)
                .getExtension(Extension.authorityInfoAccess)
                .getParsedValue());
        var descriptions = aia.getAccessDescriptions();
        assertThat(descriptions).hasSize(2);
        assertThat(descriptions[0].getAccessMethod())
                .isEqualTo(org.bouncycastle.asn1.x509.AccessDescription.id_ad_ocsp);
        assertThat(descriptions[0].getAccessLocation().getTagNo()).isEqualTo(GeneralName.uniformResourceIdentifier);
        assertThat(descriptions[0].getAccessLocation().getName().toString()).isEqualTo("http://seal.example:8082/ocsp");
        assertThat(descriptions[1].getAccessMethod())
                .isEqualTo(org.bouncycastle.asn1.x509.AccessDescription.id_ad_caIssuers);
        assertThat(descriptions[1].getAccessLocation().getName().toString())
                .isEqualTo("http://seal.example:8082/ca/seal-ca.crt");
        // the JDK's own X.509 parser accepts the certificate with the extension (its PKIX OCSP checker reads it)
        assertThat(TestPki.Issued.jdk(seal).getExtensionValue(Extension.authorityInfoAccess.getId()))
                .isEqualTo(extension);
    }

    @Test
    void withoutConfiguredUrlsThereIsNoAuthorityInfoAccess() {
        X509Certificate seal = pki.leaf("seal", TestPki.Issued.SEAL).certificate();
        assertThat(seal.getExtensionValue(Extension.authorityInfoAccess.getId()))
                .isNull();
        X509Certificate organisation = pki.leaf(
                        "org",
                        new CertificateProfile.OrganisationSigning(
                                "Maker",
                                "证印示范市公安局",
                                "12110100000000027G",
                                AuthorityInformationAccess.ocsp(java.net.URI.create("https://ocsp.example/sm2"))))
                .certificate();
        assertThat(organisation.getExtensionValue(Extension.authorityInfoAccess.getId()))
                .isNotNull();
    }

    @Test
    void authorityInfoAccessUrlsMustBeAbsoluteHttp() {
        assertThatThrownBy(() -> AuthorityInformationAccess.of("ldap://x.example/ocsp", null))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("must be an absolute http or https URL");
        assertThatThrownBy(() -> AuthorityInformationAccess.of("/ocsp", null)).isInstanceOf(PkiException.class);
        assertThatThrownBy(() -> AuthorityInformationAccess.of(null, "http://[bad"))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("is not a URI");
        assertThat(AuthorityInformationAccess.of(" ", "")).isEqualTo(AuthorityInformationAccess.none());
    }

    private static List<String> keyUsages(X509Certificate certificate) {
        return CertificateSummary.of(certificate).keyUsages();
    }

    private static List<String> crlUrls(X509Certificate certificate) {
        try {
            var holder = new JcaX509CertificateHolder(certificate);
            var ext = holder.getExtension(Extension.cRLDistributionPoints);
            return java.util.Arrays.stream(
                            CRLDistPoint.getInstance(ext.getParsedValue()).getDistributionPoints())
                    .flatMap(p -> java.util.Arrays.stream(
                            GeneralNames.getInstance(p.getDistributionPoint().getName())
                                    .getNames()))
                    .filter(n -> n.getTagNo() == GeneralName.uniformResourceIdentifier)
                    .map(n -> n.getName().toString())
                    .toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String attribute(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        return IETFUtils.valueToString(name.getRDNs(type)[0].getFirst().getValue());
    }
}
