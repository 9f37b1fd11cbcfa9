package cn.zhengyin.trust.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.testing.TestPki;
import java.math.BigInteger;
import java.security.SignatureException;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;

class CrlIssuerTest {
    private final TestPki.Issued pki = new TestPki.Issued(KeyAlgorithm.ECDSA_P256);
    private final CrlIssuer crls = new CrlIssuer(TestPki.Issued.CLOCK);

    @Test
    void listsRevokedAndHeldSerialsWithTheirReasonsSignedByTheCa() throws Exception {
        Credential seal = pki.leaf("seal", TestPki.Issued.SEAL);
        Credential other = pki.leaf("other", TestPki.Issued.SEAL);
        Instant revokedAt = Instant.parse("2026-02-27T10:00:00Z");
        X509CRL crl = crls.issue(
                pki.sealCa,
                BigInteger.valueOf(7),
                Duration.ofDays(30),
                List.of(
                        new RevokedCertificate(
                                seal.certificate().getSerialNumber(), revokedAt, RevocationReason.CERTIFICATE_HOLD),
                        new RevokedCertificate(
                                other.certificate().getSerialNumber(), revokedAt, RevocationReason.KEY_COMPROMISE)));

        crl.verify(pki.sealCa.certificate().getPublicKey());
        assertThat(crl.getVersion()).isEqualTo(2);
        assertThat(crl.getIssuerX500Principal())
                .isEqualTo(pki.sealCa.certificate().getSubjectX500Principal());
        assertThat(crl.getThisUpdate().toInstant()).isEqualTo(TestPki.Issued.NOW);
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(TestPki.Issued.NOW.plus(Duration.ofDays(30)));
        assertThat(crl.isRevoked(seal.certificate())).isTrue();
        X509CRLEntry held = crl.getRevokedCertificate(seal.certificate().getSerialNumber());
        assertThat(held.getRevocationReason()).isEqualTo(CRLReason.CERTIFICATE_HOLD);
        assertThat(held.getRevocationDate().toInstant()).isEqualTo(revokedAt);
        assertThat(crl.getRevokedCertificate(other.certificate().getSerialNumber())
                        .getRevocationReason())
                .isEqualTo(CRLReason.KEY_COMPROMISE);
        assertThat(crl.isRevoked(pki.sealCa.certificate())).isFalse();

        byte[] crlNumber = ASN1OctetString.getInstance(crl.getExtensionValue(Extension.cRLNumber.getId()))
                .getOctets();
        assertThat(ASN1Integer.getInstance(crlNumber).getValue()).isEqualTo(7);
        byte[] aki = AuthorityKeyIdentifier.getInstance(
                        ASN1OctetString.getInstance(crl.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                                .getOctets())
                .getKeyIdentifier();
        byte[] ski = SubjectKeyIdentifier.getInstance(new JcaX509CertificateHolder(pki.sealCa.certificate())
                        .getExtension(Extension.subjectKeyIdentifier)
                        .getParsedValue())
                .getKeyIdentifier();
        assertThat(aki).isEqualTo(ski);
    }

    @Test
    void crlDoesNotVerifyWithAnotherCasKey() {
        X509CRL crl = crls.issue(pki.sealCa, BigInteger.ONE, Duration.ofDays(30), List.of());
        assertThat(crl.getRevokedCertificates()).isNull();
        assertThatThrownBy(() -> crl.verify(pki.root.certificate().getPublicKey()))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void sm2CaSignsCrlWithSm3WithSm2() throws Exception {
        TestPki.Issued sm2 = new TestPki.Issued(KeyAlgorithm.SM2);
        X509CRL crl = crls.issue(sm2.sealCa, BigInteger.ONE, Duration.ofDays(30), List.of());
        assertThat(crl.getSigAlgOID()).isEqualTo("1.2.156.10197.1.501");
        crl.verify(sm2.sealCa.certificate().getPublicKey(), new org.bouncycastle.jce.provider.BouncyCastleProvider());
    }

    @Test
    void refusesToSignCrlWithALeafCredential() {
        Credential seal = pki.leaf("seal", TestPki.Issued.SEAL);
        assertThatThrownBy(() -> crls.issue(seal, BigInteger.ONE, Duration.ofDays(30), List.of()))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("lacks keyUsage cRLSign");
    }

    @Test
    void parsesRevocationSpecWithHexSerialReasonAndOptionalDate() {
        assertThat(RevokedCertificate.parse("0x7F3A:certificateHold", TestPki.Issued.NOW))
                .isEqualTo(new RevokedCertificate(
                        BigInteger.valueOf(0x7F3A), TestPki.Issued.NOW, RevocationReason.CERTIFICATE_HOLD));
        assertThat(RevokedCertificate.parse("ff:KEY_COMPROMISE:2026-01-02T03:04:05Z", TestPki.Issued.NOW))
                .isEqualTo(new RevokedCertificate(
                        BigInteger.valueOf(255),
                        Instant.parse("2026-01-02T03:04:05Z"),
                        RevocationReason.KEY_COMPROMISE));
        assertThatThrownBy(() -> RevokedCertificate.parse("12:lost", TestPki.Issued.NOW))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("Unknown revocation reason 'lost'");
        assertThatThrownBy(() -> RevokedCertificate.parse("xyz:keyCompromise", TestPki.Issued.NOW))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("not hexadecimal");
    }
}
