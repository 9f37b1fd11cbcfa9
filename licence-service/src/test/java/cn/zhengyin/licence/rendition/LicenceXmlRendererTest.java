package cn.zhengyin.licence.rendition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeFixture;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.xml.SecureXml;
import cn.zhengyin.trust.xml.XadesEnvelopedSigner;
import cn.zhengyin.trust.xml.XmlSignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class LicenceXmlRendererTest {
    private static final Path KEYS_DEV = Path.of("..", "keys-dev");
    private static final String NS = LicenceXmlRenderer.NAMESPACE;
    private static LicenceXmlRenderer renderer;
    private static LicenceType businessLicence;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        renderer = new LicenceXmlRenderer();
        businessLicence = LicenceTypeFixture.businessLicence();
    }

    private static Map<String, String> sampleValues() {
        return new HashMap<>(businessLicence.sample().fieldValuesAsText());
    }

    private static LicenceXmlMetadata metadata(Map<String, String> values) {
        LicenceIdentifier id = LicenceIdentifier.first(
                businessLicence.typeCode(),
                businessLicence.sample().issuerCode(),
                businessLicence.sample().serial());
        LocalDate issued = LocalDate.parse(values.get("issueDate"));
        Optional<LocalDate> until = Optional.ofNullable(values.get("operatingTo"))
                .filter(s -> !s.isBlank())
                .map(LocalDate::parse);
        return new LicenceXmlMetadata(
                id,
                values.get("registrationAuthority"),
                businessLicence.sample().issuerCode(),
                issued,
                LocalDate.parse(values.get("operatingFrom")),
                until);
    }

    private static String text(Document doc, String name) {
        return doc.getElementsByTagNameNS(NS, name).item(0).getTextContent();
    }

    @Test
    void theSampleRendersToASchemaValidDocumentWithTheGbt36903Metadata() {
        Map<String, String> values = sampleValues();
        LicenceXmlMetadata md = metadata(values);

        Document doc = renderer.render(businessLicence, values, md);

        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("LicenceDocument");
        assertThat(root.getAttribute("Id")).isEqualTo("licence-" + md.identifier());
        assertThat(text(doc, "CertificateIdentifier")).isEqualTo(md.identifier().toString());
        assertThat(text(doc, "CertificateTypeCode")).isEqualTo(businessLicence.typeCode());
        assertThat(text(doc, "CertificateTypeName")).isEqualTo("营业执照");
        assertThat(text(doc, "CertificateNumber")).isEqualTo(values.get("licenceNumber"));
        assertThat(text(doc, "CertificateHolderName")).isEqualTo(values.get("name"));
        assertThat(text(doc, "CertificateHolderCode")).isEqualTo(values.get("uscc"));
        assertThat(text(doc, "CertificateHolderTypeCode")).isEqualTo("001");
        assertThat(text(doc, "CertificateIssuingAuthorityCode"))
                .isEqualTo(businessLicence.sample().issuerCode());
        assertThat(text(doc, "Version")).isEqualTo("001");
        assertThat(doc.getElementsByTagNameNS(NS, "Field").getLength())
                .isEqualTo(businessLicence.fields().size());
        Element capital = (Element) doc.getElementsByTagNameNS(NS, "Field").item(6);
        assertThat(capital.getAttribute("key")).isEqualTo("registeredCapital");
        assertThat(capital.getAttribute("label")).isEqualTo("注册资本（万元）");
        assertThat(capital.getAttribute("type")).isEqualTo("NUMBER");
        assertThat(capital.getTextContent()).isEqualTo(values.get("registeredCapital"));
    }

    @Test
    void aLicenceWithoutEndDateHasNoExpiringDate() {
        Map<String, String> values = sampleValues();
        values.remove("operatingTo");

        Document doc = renderer.render(businessLicence, values, metadata(values));

        assertThat(doc.getElementsByTagNameNS(NS, "CertificateExpiringDate").getLength())
                .isZero();
        Element operatingTo = (Element) doc.getElementsByTagNameNS(NS, "Field").item(9);
        assertThat(operatingTo.getAttribute("key")).isEqualTo("operatingTo");
        assertThat(operatingTo.getTextContent()).isEmpty();
    }

    @Test
    void metadataThatViolatesTheSchemaIsRefused() {
        Map<String, String> values = sampleValues();
        LicenceXmlMetadata md = metadata(values);
        LicenceXmlMetadata badIssuer = new LicenceXmlMetadata(
                md.identifier(),
                md.issuingAuthorityName(),
                "not-a-uscc",
                md.issuedOn(),
                md.validFrom(),
                md.validUntil());

        assertThatThrownBy(() -> renderer.render(businessLicence, values, badIssuer))
                .isInstanceOf(LicenceRenderingException.class)
                .hasMessageContaining("licence-document.xsd");
    }

    @Test
    void aDocumentWithADoctypeIsRefusedByValidation() {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE LicenceDocument [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<LicenceDocument xmlns=\"" + NS + "\" Id=\"a\">&x;</LicenceDocument>")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> renderer.validate(xxe))
                .isInstanceOf(LicenceRenderingException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void theDevSealSignedLicenceValidatesAgainstTheSchemaAndVerifiesWithOurVerifierAndXmlsec1() throws Exception {
        Map<String, String> values = sampleValues();
        LicenceXmlMetadata md = metadata(values);
        Document unsigned = renderer.render(businessLicence, values, md);
        SigningKey seal = SoftwareKeyCustody.loadPkcs12(
                "dev-seal", KEYS_DEV.resolve("dev-seal.p12"), "zhengyin-dev".toCharArray(), "dev-seal");
        Instant now = Instant.now();
        byte[] signed =
                new XadesEnvelopedSigner().sign(unsigned, LicenceXmlRenderer.documentId(md.identifier()), seal, now);

        renderer.validate(signed);
        Path root = KEYS_DEV.resolve("root-ca.crt.pem");
        DocumentVerificationReport report = new XmlSignatureVerifier(
                        Set.copyOf(Pem.parseCertificates(Files.readAllBytes(root))), Clock.fixed(now, ZoneOffset.UTC))
                .verify(signed);
        assertThat(report.isPassed()).as(report.toString()).isTrue();
        assertThat(SecureXml.parse(signed).getDocumentElement().getLastChild().getLocalName())
                .isEqualTo("Signature");

        Path xmlsec1 = Path.of("/usr/bin/xmlsec1");
        assumeTrue(Files.isExecutable(xmlsec1), "xmlsec1 is not installed");
        Path file = dir.resolve("licence.xml");
        Files.write(file, signed);
        Process process = new ProcessBuilder(List.of(
                        xmlsec1.toString(),
                        "--verify",
                        "--trusted-pem",
                        root.toString(),
                        "--id-attr:Id",
                        NS + ":LicenceDocument",
                        "--id-attr:Id",
                        "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
                        file.toString()))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
