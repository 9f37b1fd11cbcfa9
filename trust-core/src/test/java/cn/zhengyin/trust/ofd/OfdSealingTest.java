package cn.zhengyin.trust.ofd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.ses.ElectronicSeal;
import cn.zhengyin.trust.ses.SesFixture;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.RevocationPolicy;
import cn.zhengyin.trust.validation.SignatureReport;
import cn.zhengyin.trust.validation.SubIndication;
import cn.zhengyin.trust.validation.ValidationPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sealing an OFD package with a GB/T 38540 signature and verifying it: the layout of the signature parts, and that
 * changing any byte of any part, adding a part, removing a reference or adding an unsigned page fails.
 */
class OfdSealingTest {

    static final SesFixture F = new SesFixture();
    /** The dev PKI has no CRLs here; revocation is looked at where available. */
    static final ValidationPolicy POLICY = new ValidationPolicy(
            ValidationPolicy.Name.LICENCE,
            true,
            RevocationPolicy.CHECK_IF_AVAILABLE,
            ValidationPolicy.XmlShape.ZHENGYIN_XADES,
            ValidationPolicy.UnsignedRevisions.VALIDATION_DATA_ONLY,
            true);

    static final Instant AT = F.now.plusSeconds(60);
    static final ElectronicSeal.V4 SEAL = F.seal();
    static final byte[] SEALED = seal(unsigned());

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] unsigned() {
        return TestOfds.unsigned();
    }

    static byte[] seal(byte[] ofd) {
        return TestOfds.seal(F, SEAL, ofd, AT);
    }

    static DocumentVerificationReport verify(byte[] ofd) {
        return new OfdSignatureVerifier(F.verifier()).verify(ofd, AT.plusSeconds(3600), POLICY);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void aSealedPackageHasTheGbt33190SignaturePartsAndPasses() {
        OfdPackage pkg = OfdPackage.read(SEALED);
        assertThat(pkg.names())
                .contains(
                        "Doc_0/Signs/Signatures.xml",
                        "Doc_0/Signs/Sign_0/Signature.xml",
                        "Doc_0/Signs/Sign_0/Seal.esl",
                        "Doc_0/Signs/Sign_0/SignedValue.dat");
        assertThat(text(pkg.part("OFD.xml").orElseThrow()))
                .contains("<ofd:Signatures>/Doc_0/Signs/Signatures.xml</ofd:Signatures>");
        assertThat(text(pkg.part("Doc_0/Signs/Signatures.xml").orElseThrow()))
                .contains("Type=\"Seal\"", "BaseLoc=\"/Doc_0/Signs/Sign_0/Signature.xml\"");
        String signature = text(pkg.part("Doc_0/Signs/Sign_0/Signature.xml").orElseThrow());
        assertThat(signature)
                .contains(
                        "CheckMethod=\"SM3\"",
                        "FileRef=\"/OFD.xml\"",
                        "FileRef=\"/Doc_0/Document.xml\"",
                        "FileRef=\"/Doc_0/Pages/Page_0/Content.xml\"",
                        "FileRef=\"/Doc_0/Res/font.ttf\"",
                        "FileRef=\"/Doc_0/Signs/Signatures.xml\"",
                        "FileRef=\"/Doc_0/Signs/Sign_0/Seal.esl\"",
                        "PageRef=\"1\"",
                        "Boundary=\"150 240 42 42\"",
                        "<ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod>",
                        "<ofd:SignedValue>/Doc_0/Signs/Sign_0/SignedValue.dat</ofd:SignedValue>")
                .doesNotContain("FileRef=\"/Doc_0/Signs/Sign_0/Signature.xml\"", "SignedValue.dat\"");
        assertThat(pkg.part("Doc_0/Signs/Sign_0/Seal.esl").orElseThrow()).isEqualTo(SEAL.encoded());

        DocumentVerificationReport report = verify(SEALED);
        assertThat(report.indication())
                .as(
                        report.signatures().isEmpty()
                                ? report.documentChecks().toString()
                                : report.signatures().get(0).checks().toString())
                .isEqualTo(Indication.TOTAL_PASSED);
        SignatureReport sig = report.signatures().get(0);
        assertThat(sig.coversWholeDocument()).isTrue();
        assertThat(sig.checks().stream().map(CheckResult::id))
                .contains(
                        OfdSignatureVerifier.DIGESTS,
                        OfdSignatureVerifier.COVERAGE,
                        OfdSignatureVerifier.SEAL_MATCH,
                        OfdSignatureVerifier.PROPERTY_INFO,
                        "ses.signature.value",
                        "ses.signature.timestamp",
                        "ses.signature.data-hash",
                        "ses.seal.signature");
        assertThat(sig.timestampTime()).isPresent();
    }

    /** Which part each case changes, and how. */
    static Stream<Arguments> tampered() {
        return Stream.of(
                Arguments.of("page content", flip("Doc_0/Pages/Page_0/Content.xml")),
                Arguments.of("a resource (the font file)", flip("Doc_0/Res/font.ttf")),
                Arguments.of("DocumentRes.xml", flip("Doc_0/DocumentRes.xml")),
                Arguments.of("Document.xml", flip("Doc_0/Document.xml")),
                Arguments.of("Signatures.xml", flip("Doc_0/Signs/Signatures.xml")),
                Arguments.of("Signature.xml", flip("Doc_0/Signs/Sign_0/Signature.xml")),
                Arguments.of("Seal.esl", flip("Doc_0/Signs/Sign_0/Seal.esl")),
                Arguments.of("SignedValue.dat", flip("Doc_0/Signs/Sign_0/SignedValue.dat")),
                Arguments.of("OFD.xml", flip("OFD.xml")),
                Arguments.of(
                        "DocInfo metadata (证照标识 in OFD.xml)",
                        replace("OFD.xml", "1.2.156.3005.2.x", "1.2.156.3005.2.y")),
                Arguments.of("a part added after signing", (UnaryOperator<OfdPackage>)
                        p -> p.with("Doc_0/Res/extra.png", new byte[] {1, 2, 3})),
                Arguments.of("a reference removed from Signature.xml", (UnaryOperator<OfdPackage>) p -> {
                    String sig = text(p.part("Doc_0/Signs/Sign_0/Signature.xml").orElseThrow());
                    String removed =
                            sig.replaceFirst("<ofd:Reference FileRef=\"/Doc_0/Res/font.ttf\">.*?</ofd:Reference>", "");
                    assertThat(removed).isNotEqualTo(sig);
                    return p.with("Doc_0/Signs/Sign_0/Signature.xml", utf8(removed));
                }),
                Arguments.of("a second, unsigned page", (UnaryOperator<OfdPackage>) OfdSealingTest::secondPage),
                Arguments.of(
                        "a second page without touching Document.xml (an unreferenced part)",
                        (UnaryOperator<OfdPackage>) p -> p.with(
                                "Doc_0/Pages/Page_1/Content.xml",
                                p.part("Doc_0/Pages/Page_0/Content.xml").orElseThrow())));
    }

    static UnaryOperator<OfdPackage> flip(String part) {
        return p -> {
            byte[] bytes = p.part(part).orElseThrow();
            bytes[bytes.length / 2] ^= 0x01;
            return p.with(part, bytes);
        };
    }

    static UnaryOperator<OfdPackage> replace(String part, String from, String to) {
        return p -> {
            String s = text(p.part(part).orElseThrow());
            assertThat(s).contains(from);
            return p.with(part, utf8(s.replace(from, to)));
        };
    }

    static OfdPackage secondPage(OfdPackage p) {
        String doc = text(p.part("Doc_0/Document.xml").orElseThrow());
        return p.with(
                        "Doc_0/Document.xml",
                        utf8(doc.replace(
                                "</ofd:Pages>",
                                "<ofd:Page ID=\"9\" BaseLoc=\"Pages/Page_1/Content.xml\"/></ofd:Pages>")))
                .with(
                        "Doc_0/Pages/Page_1/Content.xml",
                        p.part("Doc_0/Pages/Page_0/Content.xml").orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tampered")
    void anyChangeFailsVerification(String part, UnaryOperator<OfdPackage> change) {
        byte[] changed = change.apply(OfdPackage.read(SEALED)).write();
        DocumentVerificationReport report = verify(changed);
        assertThat(report.indication()).as(part).isNotEqualTo(Indication.TOTAL_PASSED);
        assertThat(report.indication()).as(part).isEqualTo(Indication.TOTAL_FAILED);
    }

    @Test
    void everyByteOfEveryPartIsProtected() {
        OfdPackage pkg = OfdPackage.read(SEALED);
        for (String part : pkg.names()) {
            byte[] bytes = pkg.part(part).orElseThrow();
            for (int i : new int[] {0, bytes.length / 3, bytes.length - 1}) {
                byte[] copy = bytes.clone();
                copy[i] ^= 0x20;
                DocumentVerificationReport report = verify(pkg.with(part, copy).write());
                assertThat(report.indication()).as("byte %d of %s", i, part).isNotEqualTo(Indication.TOTAL_PASSED);
            }
        }
    }

    @Test
    void anAddedPartIsNamedInTheCoverageCheck() {
        DocumentVerificationReport report = verify(OfdPackage.read(SEALED)
                .with("Doc_0/Res/extra.png", new byte[] {1})
                .write());
        assertThat(report.subIndication()).isEqualTo(SubIndication.DISALLOWED_CHANGES);
        assertThat(report.signatures()
                        .get(0)
                        .check(OfdSignatureVerifier.COVERAGE)
                        .orElseThrow()
                        .message())
                .contains("/Doc_0/Res/extra.png");
    }

    @Test
    void aChangedPageIsNamedInTheDigestCheck() {
        DocumentVerificationReport report = verify(flip("Doc_0/Pages/Page_0/Content.xml")
                .apply(OfdPackage.read(SEALED))
                .write());
        assertThat(report.subIndication()).isEqualTo(SubIndication.HASH_FAILURE);
        assertThat(report.signatures()
                        .get(0)
                        .check(OfdSignatureVerifier.DIGESTS)
                        .orElseThrow()
                        .message())
                .contains("/Doc_0/Pages/Page_0/Content.xml");
    }

    @Test
    void anUnsignedOfdIsIndeterminateAndNotAnOfdIsAFormatFailure() {
        assertThat(verify(unsigned()).subIndication()).isEqualTo(SubIndication.SIGNED_DATA_NOT_FOUND);
        assertThat(verify(utf8("%PDF-1.7")).subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
        assertThat(OfdPackage.looksLikeOfd(SEALED)).isTrue();
        assertThat(OfdPackage.looksLikeOfd(utf8("PK\3\4 not really"))).isFalse();
    }

    @Test
    void aSignedPackageCannotBeSealedAgainAndACompletionForAnotherDocumentIsRefused() {
        assertThatThrownBy(() -> seal(SEALED))
                .isInstanceOf(OfdFormatException.class)
                .hasMessageContaining("signed already");
        ElectronicSeal.V4 seal = F.seal();
        OfdSignaturePreparation prepared =
                new OfdSealPreparer("Zhengyin", "test").prepare(unsigned(), seal.encoded(), List.of(), AT);
        byte[] other = F.signerWithTimestamps(AT)
                .sign(seal, F.signer, new byte[32], prepared.propertyInfo(), AT)
                .encoded();
        assertThatThrownBy(() -> prepared.complete(other)).hasMessageContaining("dataHash");
    }

    @Test
    void zipTricksAreRefused() {
        byte[] zip = SEALED.clone();
        // a second entry with the same name as the first (central directory and local headers renamed alike)
        String first = OfdPackage.read(SEALED).names().get(0);
        String second = OfdPackage.read(SEALED).names().get(1);
        assertThat(first.length()).isLessThanOrEqualTo(second.length());
        assertThatThrownBy(() -> OfdPackage.of(Map.of("../evil", new byte[0]))).isInstanceOf(OfdFormatException.class);
        assertThatThrownBy(() ->
                        OfdPackage.of(new LinkedHashMap<>(Map.of("a/B.xml", new byte[0], "a/b.xml", new byte[0]))))
                .isInstanceOf(OfdFormatException.class);
        zip[zip.length - 22 + 16] ^= 0x7f; // corrupt the central directory offset
        assertThatThrownBy(() -> OfdPackage.read(zip)).isInstanceOf(OfdFormatException.class);
    }
}
