package cn.zhengyin.trust.pdf;

import cn.zhengyin.trust.timestamp.TimestampSource;
import cn.zhengyin.trust.validation.RevocationSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Long-term validation of PAdES documents: extends a signed PDF (PAdES-BASELINE-T: a signature with its signature
 * time-stamp) to PAdES-BASELINE-LTA as ETSI EN 319 142-1 §6.5 defines it, and renews the archive time-stamp of an
 * LTA document later. The revision layout it writes after the signature:
 * <ol>
 *   <li>an incremental update adding a Document Security Store (§5.4.2) with the certificates of the signature's
 *       chain and of its time-stamp's TSA chain and, for each certificate that is not a trust anchor, the revocation
 *       data of its issuer ({@link LtvCollector}, {@link PadesLtvExtender});</li>
 *   <li>a document time-stamp (§5.4.3: {@code /Type /DocTimeStamp}, {@code /SubFilter /ETSI.RFC3161}, an RFC 3161
 *       token over the whole file so far) from the {@link TimestampSource};</li>
 *   <li>only if the document time-stamp's TSA chain needs anything the DSS does not hold yet: a last DSS-only update
 *       with it (ETSI EN 319 142-1 allows nothing else after the last document time-stamp).</li>
 * </ol>
 * {@link #renew} appends a DSS update with fresh revocation data for everything signed so far (including the last
 * document time-stamp) and a new document time-stamp: the archive chain ETSI EN 319 102-1 §5.6.2.4 validates, so
 * the file stays verifiable after a TSA certificate expires or its algorithm weakens.
 *
 * <p>Every step is an incremental update: the input is a byte-for-byte prefix of the output. The document
 * time-stamp's {@code /Contents} is sized from the size of the last real token of the same source (a probe token the
 * first time) plus {@value #TOKEN_MARGIN_BYTES} bytes, not from a generous default; a token that does not fit (a
 * renewed TSA certificate) is requested again for a placeholder of its size. Ports: {@link RevocationSource} for
 * CRLs and OCSP responses (wrap it in a {@link cn.zhengyin.trust.validation.CachingRevocationSource} to reuse CRLs),
 * {@link TimestampSource} for the tokens ({@link cn.zhengyin.trust.timestamp.Rfc3161Client} over HTTP). Failures are
 * {@link PdfSigningException}s (or the ports' own {@link cn.zhengyin.trust.TrustException}s); nothing half-done is returned.
 * Thread-safe if the ports are.
 */
public final class PadesLtaExtender {

    /** Added to the size of the last token for the next placeholder: serial, nonce, genTime and ECDSA vary. */
    static final int TOKEN_MARGIN_BYTES = 32;

    private final LtvCollector collector;
    private final PadesLtvExtender dss;
    private final TimestampSource timestamps;
    private final long maxDocumentBytes;
    /** DER size of the last token the source gave (0: not known yet). */
    private final AtomicInteger lastTokenBytes = new AtomicInteger();

    /**
     * @param revocation       CRLs (and OCSP responses) for the certificates of the signatures and time-stamps
     * @param timestamps       the TSA that time-stamps the document
     * @param maxDocumentBytes largest PDF accepted, also the bound of PDFBox's in-memory stream cache
     */
    public PadesLtaExtender(RevocationSource revocation, TimestampSource timestamps, long maxDocumentBytes) {
        this.collector = new LtvCollector(Objects.requireNonNull(revocation, "revocation"), maxDocumentBytes);
        this.dss = new PadesLtvExtender(maxDocumentBytes);
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /**
     * @param signedPdf a PDF whose signatures (with their signature time-stamps) are complete
     * @return PAdES-BASELINE-LTA: {@code signedPdf}, a DSS update, a document time-stamp (and possibly a DSS update
     *     for the document time-stamp's TSA)
     */
    public byte[] extend(byte[] signedPdf) {
        return archive(signedPdf);
    }

    /**
     * Archive time-stamp renewal: validation data for everything signed and time-stamped so far, the previous document
     * time-stamp included, then a fresh document time-stamp over all of it. Stored hashes of the input stay valid as
     * what was handed out before; the output is a new file.
     *
     * @param ltaPdf a PDF with at least one signature or document time-stamp (typically from {@link #extend})
     */
    public byte[] renew(byte[] ltaPdf) {
        return archive(ltaPdf);
    }

    private byte[] archive(byte[] pdf) {
        if (pdf.length == 0 || pdf.length > maxDocumentBytes) {
            throw new PdfSigningException(
                    "The PDF has " + pdf.length + " bytes; accepted are 1 to " + maxDocumentBytes + " bytes.");
        }
        LtvMaterial material = collector.collect(pdf);
        byte[] withDss = dss.addDss(pdf, material);
        Stamped stamped = documentTimestamp(withDss);
        LtvMaterial forTimestamp = collector.collectFor(stamped.tsaCertificates());
        LtvMaterial missing = notIn(forTimestamp, material);
        // Nothing but validation data for the time-stamp may follow it; when the DSS already covers its TSA, nothing.
        return missing.isEmpty() ? stamped.pdf() : dss.addDss(stamped.pdf(), missing);
    }

    private record Stamped(byte[] pdf, List<X509Certificate> tsaCertificates) {}

    /**
     * Appends a document time-stamp (ETSI EN 319 142-1 §5.4.3) over the whole of {@code pdf}.
     *
     * @return the time-stamped PDF and the certificates the token carries
     */
    Stamped documentTimestamp(byte[] pdf) {
        int reserve = expectedTokenBytes() + TOKEN_MARGIN_BYTES;
        for (int attempt = 0; attempt < 2; attempt++) {
            try (PDDocument document = Loader.loadPDF(
                            new RandomAccessReadBuffer(pdf),
                            "",
                            MemoryUsageSetting.setupMainMemoryOnly(maxDocumentBytes).streamCache);
                    SignatureOptions options = new SignatureOptions()) {
                PDSignature timestamp = new PDSignature();
                timestamp.setType(COSName.DOC_TIME_STAMP);
                timestamp.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
                timestamp.setSubFilter(COSName.getPDFName(PdfSignatureVerifier.SUB_FILTER_RFC3161));
                options.setPreferredSignatureSize(reserve);
                document.addSignature(timestamp, options);
                ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * reserve + 2048);
                ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
                byte[] imprint;
                try (InputStream content = external.getContent()) {
                    imprint = sha256(content);
                }
                TimeStampToken token = timestamps.timestamp(imprint);
                byte[] der = token.getEncoded();
                lastTokenBytes.set(der.length);
                if (der.length > reserve) {
                    reserve = der.length + TOKEN_MARGIN_BYTES; // e.g. a renewed TSA certificate: prepare again
                    continue;
                }
                external.setSignature(der);
                byte[] stamped = out.toByteArray();
                if (!Arrays.equals(stamped, 0, pdf.length, pdf, 0, pdf.length)) {
                    throw new PdfSigningException(
                            "The document time-stamp update did not keep the file as its prefix.");
                }
                return new Stamped(stamped, certificates(token));
            } catch (IOException e) {
                throw new PdfSigningException("Cannot add a document time-stamp to the PDF: " + e.getMessage(), e);
            }
        }
        throw new PdfSigningException("The time-stamp token did not fit in a placeholder of its own size twice; "
                + "the TSA's tokens change size from one request to the next.");
    }

    /** The size of the last token, asking the source once for a token over a fixed imprint the first time. */
    private int expectedTokenBytes() {
        int last = lastTokenBytes.get();
        if (last > 0) {
            return last;
        }
        try {
            int probed = timestamps.timestamp(new byte[32]).getEncoded().length;
            lastTokenBytes.compareAndSet(0, probed);
            return probed;
        } catch (IOException e) {
            throw new PdfSigningException("The time-stamp token cannot be encoded: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(TimeStampToken token) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
            try {
                certificates.add(converter.getCertificate(holder));
            } catch (CertificateException e) {
                throw new PdfSigningException(
                        "A certificate in the time-stamp token cannot be read: " + e.getMessage(), e);
            }
        }
        if (certificates.isEmpty()) {
            throw new PdfSigningException("The time-stamp token carries no certificate (the request asks for it with "
                    + "certReq); its TSA chain cannot be embedded.");
        }
        return certificates;
    }

    /** The items of {@code material} that {@code already} does not hold. */
    private static LtvMaterial notIn(LtvMaterial material, LtvMaterial already) {
        return new LtvMaterial(
                without(material.certificates(), already.certificates()),
                without(material.crls(), already.crls()),
                without(material.ocspResponses(), already.ocspResponses()));
    }

    private static List<byte[]> without(List<byte[]> items, List<byte[]> held) {
        Set<String> digests = new HashSet<>();
        held.forEach(h -> digests.add(LtvMaterial.sha256Hex(h)));
        return items.stream()
                .filter(i -> !digests.contains(LtvMaterial.sha256Hex(i)))
                .toList();
    }

    private static byte[] sha256(InputStream content) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = content.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }
}
