package cn.zhengyin.trust.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

/**
 * Extends signed PAdES documents to baseline B-LT (ETSI EN 319 142-1 §5.4, §6.4): appends one incremental update
 * that adds a Document Security Store to the catalogue — {@code /DSS << /Certs [...] /CRLs [...] /OCSPs [...]
 * /VRI << /<SHA-1 of /Contents, upper-case hex> << /Cert [...] /CRL [...] /OCSP [...] >> >> >>}, every item a
 * stream holding one DER structure — so the signatures can be validated later without network access. The update
 * writes only the catalogue and the new DSS objects (PDFBox's minimal incremental save): the original file is a
 * byte-for-byte prefix of the result and nothing a signature covers changes. An existing DSS is carried over (its
 * entries kept, the new ones appended). Thread-safe.
 */
public final class PadesLtvExtender {

    static final COSName DSS = COSName.getPDFName("DSS");
    static final COSName CERTS = COSName.getPDFName("Certs");
    static final COSName CRLS = COSName.getPDFName("CRLs");
    static final COSName OCSPS = COSName.getPDFName("OCSPs");
    static final COSName VRI = COSName.getPDFName("VRI");
    static final COSName VRI_CERT = COSName.getPDFName("Cert");
    static final COSName VRI_CRL = COSName.getPDFName("CRL");
    static final COSName VRI_OCSP = COSName.getPDFName("OCSP");

    private final long maxDocumentBytes;

    public PadesLtvExtender() {
        this(PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);
    }

    public PadesLtvExtender(long maxDocumentBytes) {
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /**
     * @param signedPdf a PDF with at least one signature
     * @param material  the validation material to embed, e.g. from {@link LtvCollector}
     * @return {@code signedPdf} followed by an incremental update adding the DSS; {@code signedPdf} itself when its
     *     DSS already holds every item of {@code material} (nothing is written twice)
     */
    public byte[] addDss(byte[] signedPdf, LtvMaterial material) {
        if (material.isEmpty()) {
            throw new PdfSigningException("No validation material to add: a DSS needs at least one certificate, "
                    + "CRL or OCSP response (ETSI EN 319 142-1 §5.4.2).");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(signedPdf.length + 16 * 1024);
        try (PDDocument document = Loader.loadPDF(
                new RandomAccessReadBuffer(signedPdf),
                "",
                MemoryUsageSetting.setupMainMemoryOnly(maxDocumentBytes).streamCache)) {
            List<PDSignature> signatures = document.getSignatureDictionaries();
            // Without signatures (material added before signing, to be covered by the signature) there is no VRI.
            COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
            COSDictionary existing = catalog.getCOSDictionary(DSS);
            // What the DSS already holds is not written again (a renewal re-collects the same certificates).
            Set<String> held = heldDigests(existing);
            List<byte[]> newCertificates = notHeld(material.certificates(), held);
            List<byte[]> newCrls = notHeld(material.crls(), held);
            List<byte[]> newOcsps = notHeld(material.ocspResponses(), held);
            if (newCertificates.isEmpty() && newCrls.isEmpty() && newOcsps.isEmpty()) {
                return signedPdf;
            }
            COSArray certs = streams(document, newCertificates);
            COSArray crls = streams(document, newCrls);
            COSArray ocsps = streams(document, newOcsps);

            COSDictionary dss = new COSDictionary();
            dss.setDirect(false);
            putArray(dss, CERTS, existing, certs);
            putArray(dss, CRLS, existing, crls);
            putArray(dss, OCSPS, existing, ocsps);
            COSDictionary vri = new COSDictionary();
            if (existing != null && existing.getCOSDictionary(VRI) != null) {
                vri.addAll(existing.getCOSDictionary(VRI));
            }
            // A signature that already has its VRI entry keeps it; a new signature's entry names what this update adds.
            for (PDSignature signature : signatures) {
                COSName key = COSName.getPDFName(vriKey(signature.getContents()));
                if (vri.containsKey(key)) {
                    continue;
                }
                COSDictionary entry = new COSDictionary();
                putIfNotEmpty(entry, VRI_CERT, certs);
                putIfNotEmpty(entry, VRI_CRL, crls);
                putIfNotEmpty(entry, VRI_OCSP, ocsps);
                vri.setItem(key, entry);
            }
            if (vri.size() > 0) {
                dss.setItem(VRI, vri);
            }
            catalog.setItem(DSS, dss);
            catalog.setNeedToBeUpdated(true);
            document.saveIncremental(out, Set.of(catalog));
        } catch (IOException e) {
            throw new PdfSigningException("Cannot add the DSS to the PDF: " + e.getMessage(), e);
        }
        byte[] extended = out.toByteArray();
        if (extended.length <= signedPdf.length
                || !Arrays.equals(extended, 0, signedPdf.length, signedPdf, 0, signedPdf.length)) {
            throw new PdfSigningException("The DSS update did not keep the signed file as its prefix; refusing it.");
        }
        return extended;
    }

    /**
     * The VRI key of a signature (ETSI EN 319 142-1 §5.4.2.2): upper-case hex SHA-1 of its {@code /Contents} string
     * as stored.
     */
    public static String vriKey(byte[] contents) {
        try {
            return HexFormat.of()
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(contents));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is mandatory in every JRE", e);
        }
    }

    /** SHA-256 (hex) of the decoded content of every certificate, CRL and OCSP stream of an existing DSS. */
    private static Set<String> heldDigests(COSDictionary existing) throws IOException {
        Set<String> held = new java.util.HashSet<>();
        if (existing == null) {
            return held;
        }
        for (COSName name : List.of(CERTS, CRLS, OCSPS)) {
            if (existing.getDictionaryObject(name) instanceof COSArray array) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.getObject(i) instanceof COSStream stream) {
                        try (var in = stream.createInputStream()) {
                            held.add(LtvMaterial.sha256Hex(in.readAllBytes()));
                        }
                    }
                }
            }
        }
        return held;
    }

    private static List<byte[]> notHeld(List<byte[]> items, Set<String> held) {
        return items.stream()
                .filter(der -> !held.contains(LtvMaterial.sha256Hex(der)))
                .toList();
    }

    private static COSArray streams(PDDocument document, List<byte[]> items) throws IOException {
        COSArray array = new COSArray();
        for (byte[] der : items) {
            COSStream stream = document.getDocument().createCOSStream();
            try (OutputStream os = stream.createOutputStream(COSName.FLATE_DECODE)) {
                os.write(der);
            }
            array.add(stream);
        }
        return array;
    }

    private static void putArray(COSDictionary dss, COSName name, COSDictionary existing, COSArray added) {
        COSArray array = new COSArray();
        if (existing != null && existing.getDictionaryObject(name) instanceof COSArray old) {
            for (int i = 0; i < old.size(); i++) {
                array.add(old.get(i));
            }
        }
        for (COSBase item : added) {
            array.add(item);
        }
        if (array.size() > 0) {
            dss.setItem(name, array);
        }
    }

    private static void putIfNotEmpty(COSDictionary dictionary, COSName name, COSArray array) {
        if (array.size() > 0) {
            dictionary.setItem(name, array);
        }
    }
}
