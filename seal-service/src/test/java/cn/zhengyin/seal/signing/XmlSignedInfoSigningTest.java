package cn.zhengyin.seal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.seal.registry.Seal;
import cn.zhengyin.seal.registry.SealDirectory;
import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import cn.zhengyin.trust.xml.SecureXml;
import cn.zhengyin.trust.xml.XadesEnvelopedSigner;
import cn.zhengyin.trust.xml.XmlSignaturePreparation;
import cn.zhengyin.trust.xml.XmlSignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seal service signs only canonical SignedInfo of the allowed shape, and records every request. */
class XmlSignedInfoSigningTest {
    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
    private static final String DOC = """
            <LicenceDocument xmlns="urn:zhengyin:licence:1" Id="licence-1"><Metadata/><Fields/></LicenceDocument>""";
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TestPki pki = TestPki.create(NOW);
    private final List<SealUsage> usages = new ArrayList<>();
    private final SealSigningService service = new SealSigningService(new SealDirectory(List.of(
            new Seal("SEAL-1", "示范专用章", "示范局", "11110100000000019Q", "01", "电子证照", pki.signerKey(),
                    Set.of("licence-service")))), new CadesDigestSigner(new InProcessTimestampSource(
            pki.timestampAuthority(clock))), usages::add, clock);
    private final XadesEnvelopedSigner signer = new XadesEnvelopedSigner();

    private XmlSignaturePreparation prepare() {
        return signer.prepare(SecureXml.parse(DOC), "licence-1", pki.signerKey().certificateChain(), NOW);
    }

    @Test
    void aPreparedSignedInfoIsSignedAndTheDocumentVerifies() {
        XmlSignaturePreparation preparation = prepare();

        SealSigningService.XmlSignatureValue value = service.signXmlSignedInfo("licence-service", "SEAL-1",
                preparation.canonicalSignedInfo(), "1.2.156.3005.2.X");
        byte[] signed = preparation.complete(value.derSignature());

        assertThat(new XmlSignatureVerifier(Set.of(pki.root()), clock).verify(signed).isPassed()).isTrue();
        assertThat(value.certificateChain()).isEqualTo(pki.signerKey().certificateChain());
        assertThat(usages).singleElement().satisfies(u -> {
            assertThat(u.format()).isEqualTo("XAdES");
            assertThat(u.result()).isEqualTo("SIGNED");
            assertThat(u.licenceIdentifier()).isEqualTo("1.2.156.3005.2.X");
        });
    }

    @Test
    void arbitraryBytesAreRefusedSoTheSealIsNoSigningOracle() {
        byte[] notSignedInfo = "<a>transfer 1,000,000</a>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> service.signXmlSignedInfo("licence-service", "SEAL-1", notSignedInfo, null))
                .isInstanceOf(SignedInfoRejectedException.class).hasMessageContaining("ds:SignedInfo");
        assertThat(usages).singleElement().extracting(SealUsage::result).isEqualTo("REFUSED");
    }

    @Test
    void aSignedInfoThatIsNotInCanonicalFormIsRefused() {
        String canonical = new String(prepare().canonicalSignedInfo(), StandardCharsets.UTF_8);
        byte[] reformatted = canonical.replace("<ds:SignatureMethod", "<ds:SignatureMethod ")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> service.signXmlSignedInfo("licence-service", "SEAL-1", reformatted, null))
                .isInstanceOf(SignedInfoRejectedException.class).hasMessageContaining("canonical");
    }

    @Test
    void aSignedInfoWithAForbiddenAlgorithmIsRefused() {
        String canonical = new String(prepare().canonicalSignedInfo(), StandardCharsets.UTF_8);
        byte[] sha1 = canonical.replace("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
                "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> service.signXmlSignedInfo("licence-service", "SEAL-1", sha1, null))
                .isInstanceOf(SignedInfoRejectedException.class).hasMessageContaining("SignatureMethod");
    }

    @Test
    void aDoctypeInTheSignedInfoIsRefused() {
        byte[] xxe = ("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + new String(prepare().canonicalSignedInfo(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> service.signXmlSignedInfo("licence-service", "SEAL-1", xxe, null))
                .isInstanceOf(RuntimeException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void aCallerWithoutTheSealIsRefused() {
        assertThatThrownBy(() -> service.signXmlSignedInfo("someone-else", "SEAL-1", prepare().canonicalSignedInfo(),
                null)).isInstanceOf(SigningRefusedException.class);
    }
}
