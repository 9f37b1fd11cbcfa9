package cn.zhengyin.trust.pki.devpki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.pki.CrlDistributionPoints;
import cn.zhengyin.trust.pki.PkiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevPkiGeneratorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final String DECLARATION = """
            crl.next-update = P30D
            entities = root, ca, seal, sm2-root
            root.profile = root-ca
            root.algorithm = ECDSA_P256
            root.validity = P20Y
            root.common-name = Root
            root.organisation = Test
            ca.profile = issuing-ca
            ca.algorithm = ECDSA_P256
            ca.issuer = root
            ca.validity = P10Y
            ca.common-name = CA
            ca.organisation = Test
            seal.profile = seal
            seal.algorithm = ECDSA_P256
            seal.issuer = ca
            seal.validity = P5Y
            seal.seal-name = 测试专用章
            seal.organisation = 测试局
            seal.uscc = 11110100000000019Q
            seal.seal-id = S-1
            sm2-root.profile = root-ca
            sm2-root.algorithm = SM2
            sm2-root.validity = P20Y
            sm2-root.common-name = SM2 Root
            sm2-root.organisation = Test
            """;

    private final DevPkiGenerator generator =
            new DevPkiGenerator(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom(), CrlDistributionPoints.defaults());

    @Test
    void generatesEveryDeclaredEntityWithChainsInitialCrlsAndTrustAnchors() {
        DevPki pki = generator.generate(DevPkiDeclaration.parse(DECLARATION));
        assertThat(pki.credentials()).extracting(c -> c.name()).containsExactly("root", "ca", "seal", "sm2-root");
        assertThat(pki.credential("seal").chain()).hasSize(3);
        assertThat(pki.trustAnchors())
                .containsExactly(
                        pki.credential("root").certificate(),
                        pki.credential("sm2-root").certificate());
        assertThat(pki.crls()).containsOnlyKeys("root", "ca", "sm2-root");
        assertThat(pki.crls().get("ca").getNextUpdate().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(pki.crls().get("ca").getRevokedCertificates()).isNull();
        assertThat(pki.files(DevPki.DEV_PASSWORD.toCharArray()).keySet())
                .containsExactly(
                        "root.p12",
                        "root.crt.pem",
                        "root.crl",
                        "ca.p12",
                        "ca.crt.pem",
                        "ca.crl",
                        "seal.p12",
                        "seal.crt.pem",
                        "sm2-root.p12",
                        "sm2-root.crt.pem",
                        "sm2-root.crl",
                        "trust-anchors.pem");
    }

    @Test
    void rejectsUnknownKeysSoTyposDoNotPassSilently() {
        assertThatThrownBy(() -> DevPkiDeclaration.parse(DECLARATION + "seal.sealid = x\n"))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("unknown or unused keys [seal.sealid]");
    }

    @Test
    void sealDeclaredWithAnOcspUrlGetsAuthorityInfoAccess() {
        DevPki pki = generator.generate(
                DevPkiDeclaration.parse(DECLARATION + "seal.ocsp-url = http://pki.other-province.example/ocsp\n"));
        byte[] aia = pki.credential("seal")
                .certificate()
                .getExtensionValue(org.bouncycastle.asn1.x509.Extension.authorityInfoAccess.getId());
        assertThat(aia).isNotNull();
        assertThat(new String(aia, java.nio.charset.StandardCharsets.US_ASCII))
                .contains("http://pki.other-province.example/ocsp");
        assertThat(pki.credential("ca")
                        .certificate()
                        .getExtensionValue(org.bouncycastle.asn1.x509.Extension.authorityInfoAccess.getId()))
                .isNull();
    }

    @Test
    void rejectsAnOcspUrlThatIsNotHttp() {
        assertThatThrownBy(() -> DevPkiDeclaration.parse(DECLARATION + "seal.ocsp-url = ftp://x.example/ocsp\n"))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("seal.ocsp-url/ca-issuers-url")
                .hasMessageContaining("must be an absolute http or https URL");
    }

    @Test
    void rejectsIssuerDeclaredAfterWhatItIssues() {
        assertThatThrownBy(() -> DevPkiDeclaration.parse(
                        DECLARATION.replace("entities = root, ca, seal", "entities = root, seal, ca")))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("issuer 'ca' must be a root-ca or issuing-ca declared before it");
    }

    @Test
    void rejectsChainMixingAlgorithms() {
        assertThatThrownBy(() -> DevPkiDeclaration.parse(
                        DECLARATION.replace("seal.algorithm = ECDSA_P256", "seal.algorithm = SM2")))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("a chain uses one algorithm");
    }

    @Test
    void outputDirectoryRefusesToOverwriteUnlessForced(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "old");
        Map<String, byte[]> files = Map.of("a.txt", "new".getBytes(), "b.txt", "b".getBytes());
        assertThatThrownBy(() -> OutputDirectory.writeAll(dir, files, false))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("refusing to overwrite, use --force");
        assertThat(dir.resolve("b.txt")).doesNotExist();
        OutputDirectory.writeAll(dir, files, true);
        assertThat(dir.resolve("a.txt")).hasContent("new");
    }
}
