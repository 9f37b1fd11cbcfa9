package cn.zhengyin.trust.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.ofd.OfdPackage;
import cn.zhengyin.trust.ofd.OfdSignatureVerifier;
import cn.zhengyin.trust.sealing.SealPlacement.AtKeyword;
import cn.zhengyin.trust.sealing.SealPlacement.AtPosition;
import cn.zhengyin.trust.sealing.SealPlacement.CrossPage;
import cn.zhengyin.trust.sealing.SealingRefusedException.Reason;
import cn.zhengyin.trust.ses.ElectronicSeal;
import cn.zhengyin.trust.ses.SesFixture;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.RevocationPolicy;
import cn.zhengyin.trust.validation.ValidationPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sealing an approval system's own three-page OFD with the dev SM2 seal: by keyword, by coordinates and as a
 * cross-page seal (骑缝章, StampAnnots with a Clip per page); each sealed file passes our GB/T 38540 verifier; what an
 * OFD cannot take (a second seal) and bad input are refused before the key is asked. (ofdrw's own validator checks
 * the same files in interop-tests.)
 */
class OfdDocumentSealerTest {
    static final SesFixture F = new SesFixture();
    static final Instant AT = F.now.plusSeconds(60);
    static final ElectronicSeal.V4 SEAL = F.seal();
    /** The baseline policy, with revocation checked where available (the fixture's PKI publishes no CRLs). */
    static final ValidationPolicy POLICY = new ValidationPolicy(
            ValidationPolicy.BASELINE.name(),
            ValidationPolicy.BASELINE.signatureTimestampRequired(),
            RevocationPolicy.CHECK_IF_AVAILABLE,
            ValidationPolicy.BASELINE.xmlShape(),
            ValidationPolicy.BASELINE.unsignedRevisions(),
            false);

    static final OfdDocumentSealer SEALER = new OfdDocumentSealer(SealingLimits.DEFAULT, "Zhengyin sealing test", "1");
    static final List<byte[]> HASHES = new ArrayList<>();
    static byte[] sample;

    /** The dev SM2 seal: only the SM3 hash of Signature.xml comes in. */
    static final SealKeyHolder KEYS = new SealKeyHolder() {
        @Override
        public byte[] impressionPng(String sealId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<X509Certificate> ecdsaChain(String sealId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] signPadesDigest(String sealId, byte[] sha256) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] seseal(String sealId) {
            return SEAL.encoded();
        }

        @Override
        public byte[] signSes(String sealId, byte[] sm3DataHash, String propertyInfo) {
            HASHES.add(sm3DataHash);
            return F.signerWithTimestamps(AT)
                    .sign(SEAL, F.signer, sm3DataHash, propertyInfo, AT)
                    .encoded();
        }
    };

    @BeforeAll
    static void sample() {
        sample = SampleDecisions.ofd();
    }

    static SealedDocument seal(SealPlacement placement) {
        return SEALER.seal(
                SEALER.plan(sample, List.of(new SealUse("ZYDEV-SEAL-0001", "市场监督管理局", placement, 42))), KEYS, AT);
    }

    static DocumentVerificationReport verify(byte[] ofd) {
        return new OfdSignatureVerifier(F.verifier()).verify(ofd, AT.plusSeconds(3600), POLICY);
    }

    static String signatureXml(byte[] ofd) {
        return new String(
                OfdPackage.read(ofd).part("Doc_0/Signs/Sign_0/Signature.xml").orElseThrow(), StandardCharsets.UTF_8);
    }

    static List<String> stampAnnots(byte[] ofd) {
        Matcher m = Pattern.compile("<ofd:StampAnnot [^>]*>").matcher(signatureXml(ofd));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static void write(String name, byte[] ofd) throws Exception {
        Files.createDirectories(Path.of("target/sealing"));
        Files.write(Path.of("target/sealing", name), ofd);
    }

    @Test
    void byKeywordTheSealIsCentredOnTheLastOccurrenceAndVerifies() throws Exception {
        SealedDocument sealed = seal(new AtKeyword(SampleDecisions.AUTHORITY, AtKeyword.LAST));
        write("keyword.ofd", sealed.document());
        // page 3: 12 characters of 5 mm from x 120 mm, baseline 65 mm: centre (150, 63.25)
        assertThat(sealed.seals().get(0).regions()).containsExactly(new PlacedSeal.Region(3, 129, 42.25, 42, 42));
        assertThat(stampAnnots(sealed.document()))
                .singleElement()
                .asString()
                .contains("PageRef=\"12\"")
                .contains("Boundary=\"129 42.25 42 42\"");
        DocumentVerificationReport report = verify(sealed.document());
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(HASHES).allSatisfy(h -> assertThat(h).hasSize(32));
    }

    @Test
    void byCoordinatesTheSealIsWhereItWasAsked() throws Exception {
        SealedDocument sealed = seal(new AtPosition(2, 105, 148.5));
        write("coordinates.ofd", sealed.document());
        assertThat(stampAnnots(sealed.document()))
                .singleElement()
                .asString()
                .contains("PageRef=\"11\"")
                .contains("Boundary=\"84 127.5 42 42\"");
        assertThat(verify(sealed.document()).indication()).isEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void aCrossPageSealIsOneSignatureWithAClippedStampOnEveryPage() throws Exception {
        SealedDocument sealed = seal(new CrossPage(150));
        write("cross-page.ofd", sealed.document());
        List<String> stamps = stampAnnots(sealed.document());
        assertThat(stamps).hasSize(3);
        // strip i of 14 mm on page i's right edge: the whole seal shifted left by 14 mm per page, clipped to strip i
        assertThat(stamps.get(0))
                .contains("PageRef=\"10\"")
                .contains("Boundary=\"196 129 42 42\"")
                .contains("Clip=\"0 0 14 42\"");
        assertThat(stamps.get(1))
                .contains("PageRef=\"11\"")
                .contains("Boundary=\"182 129 42 42\"")
                .contains("Clip=\"14 0 14 42\"");
        assertThat(stamps.get(2))
                .contains("PageRef=\"12\"")
                .contains("Boundary=\"168 129 42 42\"")
                .contains("Clip=\"28 0 14 42\"");
        assertThat(OfdPackage.read(sealed.document()).names())
                .filteredOn(n -> n.endsWith("SignedValue.dat"))
                .hasSize(1);
        assertThat(verify(sealed.document()).indication()).isEqualTo(Indication.TOTAL_PASSED);
    }

    static void assertRefused(byte[] ofd, List<SealUse> uses, Reason reason, String message) {
        int before = HASHES.size();
        assertThatThrownBy(() -> SEALER.plan(ofd, uses))
                .isInstanceOfSatisfying(
                        SealingRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
        assertThat(HASHES).hasSize(before);
    }

    static List<SealUse> one(SealPlacement placement) {
        return List.of(new SealUse("ZYDEV-SEAL-0001", "m", placement, 42));
    }

    @Test
    void whatAnOfdCannotTakeIsRefusedBeforeSigning() {
        SealPlacement centre = new AtPosition(1, 105, 148);
        assertRefused(
                sample, List.of(one(centre).get(0), one(centre).get(0)), Reason.UNSUPPORTED_PLACEMENT, "one seal");
        assertRefused(seal(centre).document(), one(centre), Reason.UNSUPPORTED_PLACEMENT, "sealed already");
        assertRefused(
                sample, one(new AtKeyword("不存在", 1)), Reason.KEYWORD_NOT_FOUND, "occurs 0 time(s) in the OFD's text");
        assertRefused(
                sample, one(new AtKeyword(SampleDecisions.AUTHORITY, 4)), Reason.KEYWORD_NOT_FOUND, "occurs 3 time(s)");
        assertRefused(sample, one(new AtPosition(1, 5, 148)), Reason.OFF_PAGE, "would not lie wholly on page 1");
        assertRefused(sample, one(new AtPosition(9, 105, 148)), Reason.OFF_PAGE, "Page 9 does not exist");
        assertRefused(
                "PK not an ofd".getBytes(StandardCharsets.US_ASCII),
                one(centre),
                Reason.NOT_A_DOCUMENT,
                "cannot be read");
        OfdPackage pkg = OfdPackage.read(sample);
        byte[] withAttachments = pkg.with(
                        "Doc_0/Document.xml",
                        new String(pkg.part("Doc_0/Document.xml").orElseThrow(), StandardCharsets.UTF_8)
                                .replace(
                                        "</ofd:Pages>",
                                        "</ofd:Pages><ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>")
                                .getBytes(StandardCharsets.UTF_8))
                .write();
        assertRefused(withAttachments, one(centre), Reason.ACTIVE_CONTENT, "attachments");
        assertThatThrownBy(
                        () -> new OfdDocumentSealer(new SealingLimits(1 << 20, 2), "t", "1").plan(sample, one(centre)))
                .hasMessageContaining("The OFD has 3 pages; at most 2");
        assertThatThrownBy(() -> new OfdDocumentSealer(new SealingLimits(100, 200), "t", "1").plan(sample, one(centre)))
                .hasMessageContaining("at most 100 are accepted");
    }
}
