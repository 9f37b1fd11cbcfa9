package cn.zhengyin.trust.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Pkcs12Test {
    private static final char[] PASSWORD = "zhengyin-dev".toCharArray();

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void roundTripsKeyAndChainUnderTheAlias(KeyAlgorithm algorithm, @TempDir Path dir) throws Exception {
        Credential seal = new TestPki.Issued(algorithm).leaf("dev-seal", TestPki.Issued.SEAL);
        Path file = dir.resolve("dev-seal.p12");
        Pkcs12.write(file, seal, PASSWORD);

        Credential read = Pkcs12.read(file, PASSWORD);
        assertThat(read.name()).isEqualTo("dev-seal");
        assertThat(read.chain()).isEqualTo(seal.chain());
        Signature signer = Signature.getInstance(algorithm.signatureAlgorithm(), new BouncyCastleProvider());
        signer.initSign(read.privateKey());
        signer.update("data".getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign();
        signer.initVerify(seal.certificate().getPublicKey());
        signer.update("data".getBytes(StandardCharsets.UTF_8));
        assertThat(signer.verify(signature)).isTrue();
        assertThat(Pkcs12.read(file, "dev-seal", PASSWORD).privateKey().getEncoded())
                .isEqualTo(seal.privateKey().getEncoded());
    }

    @Test
    void wrongPasswordIsReportedWithTheFile(@TempDir Path dir) {
        Path file = dir.resolve("x.p12");
        Pkcs12.write(file, new TestPki.Issued(KeyAlgorithm.ECDSA_P256).root, PASSWORD);
        assertThatThrownBy(() -> Pkcs12.read(file, "wrong".toCharArray()))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("wrong password");
    }

    @Test
    void pemHoldsOneBlockPerCertificateAndParsesBack() {
        TestPki.Issued pki = new TestPki.Issued(KeyAlgorithm.SM2);
        String pem = Pem.certificates(pki.sealCa.chain());
        assertThat(pem.split("-----BEGIN CERTIFICATE-----", -1)).hasSize(3);
        assertThat(Pem.parseCertificates(pem.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(pki.sealCa.chain());
        assertThatThrownBy(() -> Pem.parseCertificates("hello".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(PkiException.class);
    }

    @Test
    void writesCrlAsPem(@TempDir Path dir) throws Exception {
        TestPki.Issued pki = new TestPki.Issued(KeyAlgorithm.ECDSA_P256);
        var crl = new CrlIssuer(TestPki.Issued.CLOCK)
                .issue(pki.root, java.math.BigInteger.TEN, java.time.Duration.ofDays(1), List.of());
        String pem = Pem.crl(crl);
        assertThat(pem).startsWith("-----BEGIN X509 CRL-----");
        Files.writeString(dir.resolve("c.pem"), pem);
        assertThat(Pem.parseCrl(Files.readAllBytes(dir.resolve("c.pem")))).isEqualTo(crl);
    }
}
