package cn.zhengyin.trust.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** The memo of verified signatures must answer exactly as verifying every time would: it only skips repeats. */
class VerifiedSignaturesTest {
    private static final Date FROM = new Date(1_700_000_000_000L);
    private static final Date TO = new Date(1_900_000_000_000L);

    private final KeyPair ca = keyPair();
    private final KeyPair other = keyPair();

    @Test
    void aGenuineCertificateVerifiesOnceAndIsThenRemembered() throws Exception {
        X509Certificate cert = certificate(ca, "CN=seal");
        assertThat(VerifiedSignatures.remembered(cert, ca.getPublic())).isFalse();
        VerifiedSignatures.verify(cert, ca.getPublic());
        assertThat(VerifiedSignatures.remembered(reparsed(cert), ca.getPublic()))
                .isTrue();
        VerifiedSignatures.verify(reparsed(cert), ca.getPublic());
    }

    @Test
    void aWrongKeyFailsEvenAfterTheRightOneWasRemembered() throws Exception {
        X509Certificate cert = certificate(ca, "CN=seal");
        VerifiedSignatures.verify(cert, ca.getPublic());
        assertThatThrownBy(() -> VerifiedSignatures.verify(cert, other.getPublic()))
                .isInstanceOf(GeneralSecurityException.class);
        assertThat(VerifiedSignatures.verifies(cert, other.getPublic())).isFalse();
        assertThat(VerifiedSignatures.remembered(cert, other.getPublic())).isFalse();
    }

    @Test
    void aChangedByteIsVerifiedAfreshAndFails() throws Exception {
        X509Certificate cert = certificate(ca, "CN=seal");
        VerifiedSignatures.verify(cert, ca.getPublic());
        byte[] der = cert.getEncoded();
        der[der.length - 3] ^= 0x01; // inside the signature value
        X509Certificate tampered = parse(der);
        assertThat(VerifiedSignatures.verifies(tampered, ca.getPublic())).isFalse();
        assertThat(VerifiedSignatures.remembered(tampered, ca.getPublic())).isFalse();
        assertThat(VerifiedSignatures.verifies(tampered, ca.getPublic())).isFalse();
    }

    @Test
    void crlsAreCheckedTheSameWay() throws Exception {
        X509CRL crl = crl(ca);
        VerifiedSignatures.verify(crl, ca.getPublic());
        assertThat(VerifiedSignatures.remembered(crl, ca.getPublic())).isTrue();
        VerifiedSignatures.verify(crl, ca.getPublic());
        assertThatThrownBy(() -> VerifiedSignatures.verify(crl, other.getPublic()))
                .isInstanceOf(GeneralSecurityException.class);
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Providers.bouncyCastle());
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private X509Certificate certificate(KeyPair issuer, String subject) throws Exception {
        var builder = new JcaX509v3CertificateBuilder(
                new X500Principal("CN=CA"), BigInteger.TEN, FROM, TO, new X500Principal(subject), other.getPublic());
        var signer = new JcaContentSignerBuilder("SHA256withECDSA")
                .setProvider(Providers.bouncyCastle())
                .build(issuer.getPrivate());
        return new JcaX509CertificateConverter()
                .setProvider(Providers.bouncyCastle())
                .getCertificate(builder.build(signer));
    }

    private static X509CRL crl(KeyPair issuer) throws Exception {
        var builder = new X509v2CRLBuilder(new org.bouncycastle.asn1.x500.X500Name("CN=CA"), FROM);
        builder.setNextUpdate(TO);
        var signer = new JcaContentSignerBuilder("SHA256withECDSA")
                .setProvider(Providers.bouncyCastle())
                .build(issuer.getPrivate());
        return new JcaX509CRLConverter().setProvider(Providers.bouncyCastle()).getCRL(builder.build(signer));
    }

    private static X509Certificate reparsed(X509Certificate cert) throws Exception {
        return parse(cert.getEncoded());
    }

    private static X509Certificate parse(byte[] der) throws Exception {
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
