package cn.zhengyin.trust.pdf;

import cn.zhengyin.trust.testing.OtherProducer;
import cn.zhengyin.trust.testing.TestPdfs;
import cn.zhengyin.trust.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PDF verification corpus as generated fixtures, for trust-core's tests and {@code ca-tools verify}'s: the
 * positives another producer makes ({@link OtherProducer}, its own CA) and one file per attack class of
 * {@link PdfAttackCorpus}, made from those positives. Every positive passes policy {@code baseline} given that CA's
 * root and CRLs; every attack fails under both policies.
 */
public final class PdfCorpus {

    private PdfCorpus() {}

    /** File name → PDF: legitimately signed documents from another producer. */
    public static Map<String, byte[]> positives(OtherProducer producer, TestPki ca) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] signed = producer.approve(TestPdfs.onePage("Contract 7: pay 100 CNY"));
        files.put("pades-b-b.pdf", signed);
        files.put("second-approval-signature.pdf", producer.approve(signed));
        files.put(
                "validation-data-after-signing.pdf",
                OtherProducer.addDss(
                        signed,
                        List.of(ca.issuingCa(), ca.signerCertificate()),
                        List.of(ca.issuingCaCrl(Map.of()), ca.rootCrl())));
        files.put("certified-p1.pdf", producer.certify(TestPdfs.onePage("Certified, no changes"), 1));
        byte[] p2 = producer.certify(OtherProducer.formWithOneField("Application"), 2);
        files.put("certified-p2-filled-and-signed.pdf", producer.approve(OtherProducer.fillIn(p2, "Li Si")));
        byte[] p3 = producer.certify(OtherProducer.formWithOneField("Review copy"), 3);
        files.put("certified-p3-annotated.pdf", OtherProducer.annotate(p3, "approved by legal"));
        return files;
    }

    /** File name → PDF: one file per attack class, each made from a document {@code producer} signed. */
    public static Map<String, byte[]> attacks(OtherProducer producer, TestPki ca) {
        byte[] signed = producer.approve(TestPdfs.onePage(PdfAttackCorpus.SIGNED_TEXT));
        int[] r = PdfAttackCorpus.byteRange(signed);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("incremental-saving.pdf", PdfAttackCorpus.incrementalSavingAttack(signed));
        files.put("shadow-hide.pdf", PdfAttackCorpus.shadowHide(signed));
        files.put("shadow-replace-font.pdf", PdfAttackCorpus.shadowReplaceFont(signed));
        files.put("shadow-hide-and-replace.pdf", PdfAttackCorpus.shadowHideAndReplace(signed));
        files.put("annotation-after-approval.pdf", PdfAttackCorpus.annotationAdded(signed));
        files.put("open-action-added.pdf", PdfAttackCorpus.openActionAdded(signed));
        files.put("signature-wrapping.pdf", PdfAttackCorpus.signatureWrapping(signed));
        files.put("usf-no-byte-range.pdf", PdfAttackCorpus.withoutByteRange(signed));
        files.put("usf-byte-range-zeros.pdf", PdfAttackCorpus.withByteRange(signed, "[0 0 0 0]"));
        files.put(
                "usf-byte-range-short.pdf",
                PdfAttackCorpus.withByteRange(signed, "[0 " + r[1] + " " + r[2] + " " + (r[3] - 40) + "]"));
        files.put("usf-contents-empty.pdf", PdfAttackCorpus.withEmptyContents(signed));
        files.put("usf-contents-zeroed.pdf", PdfAttackCorpus.withContentsHex(signed, i -> '0'));
        byte[] p1 = producer.certify(TestPdfs.onePage(PdfAttackCorpus.SIGNED_TEXT), 1);
        files.put("certification-p1-then-signature.pdf", producer.approve(p1));
        files.put("certification-not-first.pdf", producer.certify(signed, 3));
        byte[] p2 = producer.certify(TestPdfs.onePage(PdfAttackCorpus.SIGNED_TEXT), 2);
        files.put("certification-p2-annotation.pdf", PdfAttackCorpus.annotationAdded(p2));
        files.put("certification-twice.pdf", producer.certify(p2, 2));
        files.put(
                "trailing-data.pdf",
                PdfAttackCorpus.concat(
                        signed, "% appended after signing, 41 bytes long\r\n".getBytes(StandardCharsets.US_ASCII)));
        files.put(
                "trailing-fake-revision.pdf",
                PdfAttackCorpus.concat(signed, "% not a revision\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)));
        try {
            files.put(
                    "dss-with-content-change.pdf",
                    PdfAttackCorpus.incrementalSavingAttack(PdfAttackCorpus.dssAdded(
                            signed, ca.signerCertificate().getEncoded())));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }
}
