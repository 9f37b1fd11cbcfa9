package cn.zhengyin.trust.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import cn.zhengyin.trust.pki.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Independent check: a signature made with the dev seal (keys-dev) verifies with xmlsec1 (libxmlsec1 + OpenSSL), given
 * only the dev root as trusted; KeyInfo supplies the rest of the chain. Skipped when xmlsec1 is not installed.
 */
class XmlsecInteropTest {
    private static final Path XMLSEC1 = Path.of("/usr/bin/xmlsec1");
    private static final Path KEYS_DEV = Path.of("..", "keys-dev");

    @TempDir
    Path dir;

    @Test
    void xmlsec1VerifiesTheDevSealSignatureAgainstTheDevRoot() throws Exception {
        assumeTrue(Files.isExecutable(XMLSEC1), "xmlsec1 is not installed");
        SigningKey seal = SoftwareKeyCustody.loadPkcs12(
                "dev-seal", KEYS_DEV.resolve("dev-seal.p12"), "zhengyin-dev".toCharArray(), "dev-seal");
        Instant now = Instant.now();
        byte[] signed = new XadesEnvelopedSigner().sign(XmlFixtures.unsignedLicence(), XmlFixtures.ROOT_ID, seal, now);
        Path file = dir.resolve("signed-licence.xml");
        Files.write(file, signed);
        assertThat(new XmlSignatureVerifier(
                                Set.copyOf(
                                        Pem.parseCertificates(Files.readAllBytes(KEYS_DEV.resolve("root-ca.crt.pem")))),
                                Clock.fixed(now, ZoneOffset.UTC))
                        .verify(signed)
                        .isPassed())
                .isTrue();

        Result ok = xmlsec1(file);
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("OK");

        Document doc = SecureXml.parse(signed);
        XmlFixtures.firstLicence(doc, "Field").setTextContent("篡改");
        Path tampered = dir.resolve("tampered.xml");
        Files.write(tampered, SecureXml.serialize(doc));
        assertThat(xmlsec1(tampered).exit()).isNotZero();
    }

    private record Result(int exit, String output) {}

    private Result xmlsec1(Path file) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                XMLSEC1.toString(),
                "--verify",
                "--trusted-pem",
                KEYS_DEV.resolve("root-ca.crt.pem").toString(),
                "--id-attr:Id",
                "urn:zhengyin:licence:1:LicenceDocument",
                "--id-attr:Id",
                SignedInfoPolicy.XADES_NS + ":SignedProperties",
                file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
