package cn.zhengyin.trust.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.testing.TestPdfs;
import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import cn.zhengyin.trust.timestamp.TimestampAuthority;
import cn.zhengyin.trust.timestamp.TimestampVerifier;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.SignatureReport;
import cn.zhengyin.trust.validation.SubIndication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PAdES document time-stamps (ETSI EN 319 142-1 §5.4.3): a {@code /Type /DocTimeStamp} with SubFilter
 * {@code ETSI.RFC3161} added by PDFBox after the seal signature, its token issued by the test TSA.
 */
class PdfDocumentTimestampTest {

    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Clock LATER = Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC);
    static TestPki pki;
    static TimestampAuthority tsa;
    static byte[] sealed;

    @BeforeAll
    static void sealOnce() {
        pki = TestPki.create(NOW);
        tsa = pki.timestampAuthority(LATER);
        CadesDigestSigner signer = new CadesDigestSigner(new InProcessTimestampSource(pki.timestampAuthority(CLOCK)));
        PadesPreparer preparer = new PadesPreparer(PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);
        int reserved = SignatureRequest.estimateContentsBytes(
                pki.signerKey().certificateChain(), pki.tsaKey().certificateChain());
        PadesPreparation preparation = preparer.prepare(
                TestPdfs.onePage("Business licence 456"),
                new SignatureRequest("Test Bureau", "Licence issued", "Beijing", NOW, Optional.empty(), reserved));
        sealed = preparation.complete(signer.sign(preparation.digest(), pki.signerKey()));
    }

    /** Appends a document time-stamp revision; {@code imprint} maps the SHA-256 of the covered bytes to the imprint. */
    static byte[] withDocumentTimestamp(byte[] pdf, TimestampAuthority authority, UnaryOperator<byte[]> imprint) {
        try (PDDocument document = Loader.loadPDF(pdf);
                SignatureOptions options = new SignatureOptions()) {
            PDSignature timestamp = new PDSignature();
            timestamp.setType(COSName.DOC_TIME_STAMP);
            timestamp.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            timestamp.setSubFilter(COSName.getPDFName(PdfSignatureVerifier.SUB_FILTER_RFC3161));
            options.setPreferredSignatureSize(8192);
            document.addSignature(timestamp, options);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(external.getContent().readAllBytes());
            external.setSignature(authority.timestamp(imprint.apply(digest)).getEncoded());
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    PdfSignatureVerifier verifier() {
        return new PdfSignatureVerifier(Set.of(pki.root()), List.of(pki.issuingCaCrl(Map.of()), pki.rootCrl()), LATER);
    }

    /**
     * PAdES-BASELINE-LTA as the producer now writes it: the signature, then an incremental update with only a /DSS,
     * then a document time-stamp, then /DSS for the time-stamp. Both later revisions are validation data under
     * both policies, and the report says exactly what each holds.
     */
    @Test
    void signatureThenDssUpdateThenDocumentTimestampIsValidationDataUnderBothPolicies() {
        List<java.security.cert.X509CRL> crls = List.of(pki.issuingCaCrl(Map.of()), pki.rootCrl());
        byte[] withDss = cn.zhengyin.trust.testing.OtherProducer.addDss(
                sealed, List.of(pki.signerCertificate(), pki.issuingCa(), pki.tsaCertificate()), crls);
        byte[] lta = withDocumentTimestamp(withDss, tsa, UnaryOperator.identity());
        byte[] ltaPlusDss = cn.zhengyin.trust.testing.OtherProducer.addDss(lta, List.of(pki.tsaCertificate()), crls);
        PdfSignatureVerifier verifier = new PdfSignatureVerifier(
                cn.zhengyin.trust.validation.TrustAnchors.of(List.of(pki.root())),
                cn.zhengyin.trust.validation.RevocationSources.none(),
                LATER,
                PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);
        for (byte[] file : List.of(lta, ltaPlusDss)) {
            for (var policy : List.of(
                    cn.zhengyin.trust.validation.ValidationPolicy.LICENCE,
                    cn.zhengyin.trust.validation.ValidationPolicy.BASELINE)) {
                DocumentVerificationReport report = verifier.verify(file, policy);
                assertThat(report.indication()).as(policy.name() + " " + report).isEqualTo(Indication.TOTAL_PASSED);
                SignatureReport seal = report.signatures().get(0);
                assertThat(seal.coversWholeDocument()).isTrue();
                assertThat(seal.check(PdfSignatureVerifier.BYTE_RANGE)
                                .orElseThrow()
                                .message())
                        .contains("validation data (/DSS only)")
                        .contains("a document time-stamp");
                // revocation of the signer was decided from the embedded CRLs alone (none configured)
                assertThat(seal.check(PdfSignatureVerifier.REVOCATION_EMBEDDED)
                                .orElseThrow()
                                .outcome())
                        .isEqualTo(Outcome.PASSED);
            }
        }
    }

    /** Time matters: revoked after the signature time-stamp's genTime, the signature stays valid; before it, not. */
    @Test
    void aSignatureTimestampedBeforeTheRevocationStaysValidAndOneAfterItIsRevoked() {
        java.math.BigInteger serial = pki.signerCertificate().getSerialNumber();
        for (var policy : List.of(
                cn.zhengyin.trust.validation.ValidationPolicy.LICENCE,
                cn.zhengyin.trust.validation.ValidationPolicy.BASELINE)) {
            DocumentVerificationReport after = verifierWith(Map.of(serial, NOW.plus(Duration.ofMinutes(30))))
                    .verify(sealed, policy);
            assertThat(after.indication()).as(after.toString()).isEqualTo(Indication.TOTAL_PASSED);
            assertThat(after.signatures()
                            .get(0)
                            .check(PdfSignatureVerifier.REVOCATION)
                            .orElseThrow())
                    .satisfies(c -> assertThat(c.outcome()).isEqualTo(Outcome.WARNING))
                    .satisfies(c ->
                            assertThat(c.message()).contains("after " + NOW + ", the time the signature is judged at"));
            DocumentVerificationReport before =
                    verifierWith(Map.of(serial, NOW.minusSeconds(60))).verify(sealed, policy);
            assertThat(before.indication()).isEqualTo(Indication.TOTAL_FAILED);
            assertThat(before.subIndication()).isEqualTo(cn.zhengyin.trust.validation.SubIndication.REVOKED);
        }
    }

    static PdfSignatureVerifier verifierWith(Map<java.math.BigInteger, Instant> revoked) {
        return new PdfSignatureVerifier(
                cn.zhengyin.trust.validation.TrustAnchors.of(List.of(pki.root())),
                cn.zhengyin.trust.validation.RevocationSources.offline(
                        List.of(pki.issuingCaCrl(revoked), pki.rootCrl())),
                LATER,
                PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);
    }

    @Test
    void aDocumentTimestampAddedAfterTheSealIsAnAllowedRevisionAndItsTokenIsVerified() {
        byte[] stamped = withDocumentTimestamp(sealed, tsa, UnaryOperator.identity());

        DocumentVerificationReport report = verifier().verify(stamped);

        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(report.signatures()).hasSize(2);
        SignatureReport seal = report.signatures().get(0);
        assertThat(seal.isPassed()).isTrue();
        // only validation data (a document time-stamp revision) follows the seal: it still covers the document
        assertThat(seal.coversWholeDocument()).isTrue();
        assertThat(seal.check(PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE)).hasValueSatisfying(c -> {
            assertThat(c.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(c.message()).contains("DOC_TIMESTAMP");
        });
        SignatureReport docTimestamp = report.signatures().get(1);
        assertThat(docTimestamp.coversWholeDocument()).isTrue();
        assertThat(docTimestamp.timestampTime()).contains(NOW.plus(Duration.ofHours(2)));
        assertThat(docTimestamp.signerSubject())
                .hasValueSatisfying(s -> assertThat(s).contains("CN=Test TSA"));
        assertThat(docTimestamp.checks())
                .extracting(CheckResult::id)
                .containsExactly(
                        PdfSignatureVerifier.BYTE_RANGE,
                        PdfSignatureVerifier.CERTIFICATION,
                        PdfSignatureVerifier.CHANGES_AFTER_SIGNATURE,
                        PdfSignatureVerifier.SUB_FILTER,
                        PdfSignatureVerifier.DOC_TIMESTAMP_TOKEN,
                        TimestampVerifier.TSA_CERTIFICATE,
                        TimestampVerifier.TSA_KEY_USAGE,
                        TimestampVerifier.SIGNING_CERTIFICATE,
                        TimestampVerifier.SIGNATURE,
                        TimestampVerifier.IMPRINT,
                        TimestampVerifier.CHAIN,
                        TimestampVerifier.REVOCATION);
        assertThat(docTimestamp.checks())
                .allSatisfy(c -> assertThat(c.outcome()).as(c.toString()).isEqualTo(Outcome.PASSED));
        assertThat(report.documentChecks()).anySatisfy(c -> {
            assertThat(c.id()).isEqualTo(PdfSignatureVerifier.DOCUMENT_SIGNATURES);
            assertThat(c.message()).contains("1 signature(s) and 1 document time-stamp(s)");
        });
    }

    @Test
    void aDocumentTimestampWhoseImprintIsForOtherBytesIsAHashFailure() {
        byte[] stamped = withDocumentTimestamp(sealed, tsa, digest -> {
            byte[] other = digest.clone();
            other[0] ^= 1;
            return other;
        });

        DocumentVerificationReport report = verifier().verify(stamped);

        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).isEqualTo(SubIndication.HASH_FAILURE);
        SignatureReport docTimestamp = report.signatures().get(1);
        assertThat(docTimestamp.check(TimestampVerifier.IMPRINT))
                .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(Outcome.FAILED));
        assertThat(docTimestamp.timestampTime()).isEmpty();
        assertThat(report.signatures().get(0).isPassed()).isTrue();
    }

    @Test
    void aByteChangedInsideTheTimestampedRangeAfterStampingIsAHashFailure() {
        byte[] stamped = withDocumentTimestamp(sealed, tsa, UnaryOperator.identity());
        // The time-stamp field's name is written in clear in the last revision, inside the time-stamped range
        String text = new String(stamped, StandardCharsets.ISO_8859_1);
        int field = text.lastIndexOf("(Signature2)");
        assertThat(field).isGreaterThan(sealed.length);
        byte[] tampered = stamped.clone();
        tampered[field + "(Signature".length()] = '7';

        DocumentVerificationReport report = verifier().verify(tampered);

        assertThat(report.isPassed()).isFalse();
        assertThat(report.signatures())
                .anySatisfy(s -> assertThat(s.check(TimestampVerifier.IMPRINT))
                        .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(Outcome.FAILED)));
    }

    @Test
    void aDocumentTimestampFromAnUntrustedTsaIsIndeterminate() {
        TestPki other = TestPki.create(NOW, "Untrusted");
        byte[] stamped = withDocumentTimestamp(sealed, other.timestampAuthority(LATER), UnaryOperator.identity());

        DocumentVerificationReport report = verifier().verify(stamped);

        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        assertThat(report.signatures().get(1).check(TimestampVerifier.CHAIN))
                .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(Outcome.FAILED));
    }

    @Test
    void aDocumentTimestampAloneIsNotASealedDocument() {
        byte[] stamped = withDocumentTimestamp(TestPdfs.onePage("Unsealed"), tsa, UnaryOperator.identity());

        DocumentVerificationReport report = verifier().verify(stamped);

        assertThat(report.signatures())
                .singleElement()
                .satisfies(s -> assertThat(s.isPassed()).isTrue());
        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).isEqualTo(SubIndication.SIGNED_DATA_NOT_FOUND);
    }
}
