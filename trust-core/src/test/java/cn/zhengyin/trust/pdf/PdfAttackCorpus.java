package cn.zhengyin.trust.pdf;

import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.testing.TestPdfs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.Deflater;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;

/**
 * Builds attack PDFs from genuinely signed ones: incremental saving, shadow attacks (hide, replace,
 * hide-and-replace), signature wrapping, universal signature forgery, certification abuse, and malformed input.
 * Later revisions are hand-written incremental sections (objects, a classic xref section and a trailer with
 * {@code /Prev}), so every byte of an attack is visible in this class.
 */
final class PdfAttackCorpus {

    static final String SIGNED_TEXT = "Pay 100 CNY to Zhang San";
    static final String FORGED_TEXT = "Pay 999 CNY to Li Si";

    private final CadesDigestSigner signer;
    private final SigningKey key;
    private final int reserved;
    private final Instant time;
    private final PadesPreparer preparer = new PadesPreparer(PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES);

    PdfAttackCorpus(CadesDigestSigner signer, SigningKey key, int reservedContentsBytes, Instant time) {
        this.signer = signer;
        this.key = key;
        this.reserved = reservedContentsBytes;
        this.time = time;
    }

    // ---------------------------------------------------------------- genuine signing

    byte[] signedOnePage() {
        return sign(TestPdfs.onePage(SIGNED_TEXT));
    }

    /** An approval signature (PAdES, invisible) as the product signs. */
    byte[] sign(byte[] pdf) {
        return sign(pdf, Optional.empty());
    }

    byte[] sign(byte[] pdf, Optional<VisibleAppearance> appearance) {
        PadesPreparation preparation = preparer.prepare(
                pdf, new SignatureRequest("Test Bureau", "Licence issued", "Beijing", time, appearance, reserved));
        return preparation.complete(signer.sign(preparation.digest(), key));
    }

    /** A certification signature: {@code /Reference} with a DocMDP transform and {@code /Perms /DocMDP}. */
    byte[] certify(byte[] pdf, int permission) {
        try (PDDocument document = Loader.loadPDF(pdf);
                SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PadesPreparer.SUB_FILTER_CADES);
            signature.setName("Certifier");
            signature.setSignDate(GregorianCalendar.from(time.atZone(ZoneOffset.UTC)));
            COSDictionary params = new COSDictionary();
            params.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
            params.setInt(COSName.P, permission);
            params.setName(COSName.V, "1.2");
            COSDictionary reference = new COSDictionary();
            reference.setItem(COSName.TYPE, COSName.getPDFName("SigRef"));
            reference.setItem(COSName.TRANSFORM_METHOD, COSName.DOCMDP);
            reference.setItem(COSName.TRANSFORM_PARAMS, params);
            COSArray references = new COSArray();
            references.add(reference);
            signature.getCOSObject().setItem(COSName.REFERENCE, references);
            COSDictionary perms = new COSDictionary();
            perms.setItem(COSName.DOCMDP, signature);
            document.getDocumentCatalog().getCOSObject().setItem(COSName.PERMS, perms);
            options.setPreferredSignatureSize(reserved);
            document.addSignature(signature, options);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(external.getContent().readAllBytes());
            external.setSignature(signer.sign(digest, key));
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- later revisions

    /** Incremental saving attack: a new content stream showing other text, and the page re-pointed at it. */
    static byte[] incrementalSavingAttack(byte[] signed) {
        Facts f = Facts.of(signed);
        long stream = f.size;
        String page = f.pageDictionary.replace(f.contentsEntry, "/Contents " + stream + " 0 R");
        return append(signed, f, Map.of(f.page, page, stream, textStream(FORGED_TEXT, f.fontName)));
    }

    /** Shadow hide: the page's content becomes an array ending with a white box drawn over the signed text. */
    static byte[] shadowHide(byte[] signed) {
        Facts f = Facts.of(signed);
        long overlay = f.size;
        String page =
                f.pageDictionary.replace(f.contentsEntry, "/Contents [" + f.contents + " 0 R " + overlay + " 0 R]");
        return append(signed, f, Map.of(f.page, page, overlay, stream("1 1 1 rg 0 0 595 842 re f")));
    }

    /** Shadow replace: the font object the signed content uses is redefined (Helvetica becomes ZapfDingbats). */
    static byte[] shadowReplaceFont(byte[] signed) {
        Facts f = Facts.of(signed);
        return append(signed, f, Map.of(f.font, "<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>"));
    }

    /**
     * Shadow hide-and-replace: the later xref points the signed content stream's own object number at new content,
     * nothing else changes.
     */
    static byte[] shadowHideAndReplace(byte[] signed) {
        Facts f = Facts.of(signed);
        return append(signed, f, Map.of(f.contents, textStream(FORGED_TEXT, f.fontName)));
    }

    /** A Square annotation (an overlay a viewer draws over the page) added after signing. */
    static byte[] annotationAdded(byte[] signed) {
        Facts f = Facts.of(signed);
        long annotation = f.size;
        Map<Long, String> objects = new LinkedHashMap<>();
        objects.put(
                annotation,
                "<< /Type /Annot /Subtype /Square /Rect [60 740 400 790] /C [1 1 1] /IC [1 1 1] " + "/F 4 >>");
        try (PDDocument document = Loader.loadPDF(signed)) {
            COSBase annots = document.getPage(0).getCOSObject().getItem(COSName.ANNOTS);
            if (annots instanceof COSObject o) {
                String array = serialise(o.getObject());
                objects.put(o.getObjectNumber(), array.substring(0, array.lastIndexOf(']')) + annotation + " 0 R ]");
            } else {
                String array = annots == null ? "[ ]" : serialise(annots);
                String entry = "/Annots " + array.substring(0, array.lastIndexOf(']')) + annotation + " 0 R ]";
                String page = annots == null
                        ? f.pageDictionary.substring(0, f.pageDictionary.lastIndexOf(">>")) + " " + entry + " >>"
                        : f.pageDictionary.replace("/Annots " + array, entry);
                objects.put(f.page, page);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return append(signed, f, objects);
    }

    /** An /OpenAction JavaScript added to the catalogue. */
    static byte[] openActionAdded(byte[] signed) {
        Facts f = Facts.of(signed);
        String catalog = f.catalogDictionary.substring(0, f.catalogDictionary.lastIndexOf(">>"))
                + " /OpenAction << /S /JavaScript /JS (app.alert\\('paid'\\)) >> >>";
        return append(signed, f, Map.of(f.catalog, catalog));
    }

    /** A /DSS dictionary (certificates of the signer) added to the catalogue, as PAdES B-LT does. */
    static byte[] dssAdded(byte[] signed, byte[] certificateDer) {
        Facts f = Facts.of(signed);
        long dss = f.size;
        long cert = f.size + 1;
        String catalog =
                f.catalogDictionary.substring(0, f.catalogDictionary.lastIndexOf(">>")) + " /DSS " + dss + " 0 R >>";
        Map<Long, String> objects = new LinkedHashMap<>();
        objects.put(f.catalog, catalog);
        objects.put(dss, "<< /Type /DSS /Certs [" + cert + " 0 R] >>");
        objects.put(
                cert,
                "<< /Length " + certificateDer.length + " >>\nstream\n"
                        + new String(certificateDer, StandardCharsets.ISO_8859_1) + "\nendstream");
        return append(signed, f, objects);
    }

    /**
     * Signature wrapping: a later revision redefines the signature dictionary with the same ByteRange and a copy of
     * the CMS in a second {@code /Contents} (and a forged {@code /Reason}); the ByteRange gap is no longer this
     * dictionary's {@code /Contents}.
     */
    static byte[] signatureWrapping(byte[] signed) {
        Facts f = Facts.of(signed);
        String dictionary = f.signatureDictionary.replace("/Reason (Licence issued)", "/Reason (Refund approved)");
        return append(signed, f, Map.of(f.signature, dictionary));
    }

    // ---------------------------------------------------------------- universal signature forgery (raw edits)

    /** Overwrites the ByteRange array's digits in place (length kept) with {@code replacement}, padded. */
    static byte[] withByteRange(byte[] signed, String replacement) {
        String text = latin1(signed);
        int start = text.lastIndexOf("/ByteRange");
        int open = text.indexOf('[', start);
        int close = text.indexOf(']', open);
        while (text.charAt(close + 1) == ' ') {
            close++;
        }
        String padded = String.format("%-" + (close - open + 1) + "s", replacement);
        if (padded.length() != close - open + 1) {
            throw new IllegalArgumentException("replacement too long");
        }
        return replaceAt(signed, open, padded);
    }

    /** Renames /ByteRange so the signature dictionary has none. */
    static byte[] withoutByteRange(byte[] signed) {
        String text = latin1(signed);
        return replaceAt(signed, text.lastIndexOf("/ByteRange"), "/ByteRangX");
    }

    /** Replaces the /Contents hex digits (length kept) with the given digit pattern. */
    static byte[] withContentsHex(byte[] signed, java.util.function.IntFunction<Character> digit) {
        int[] range = byteRange(signed);
        byte[] copy = signed.clone();
        for (int i = range[1] + 1; i < range[2] - 1; i++) {
            copy[i] = (byte) (char) digit.apply(i - range[1] - 1);
        }
        return copy;
    }

    /** Writes non-zero bytes into the zero padding after the CMS inside /Contents. */
    static byte[] withContentsTrailingGarbage(byte[] signed, int cmsLength) {
        int[] range = byteRange(signed);
        byte[] copy = signed.clone();
        int from = range[1] + 1 + 2 * cmsLength;
        for (int i = from; i < from + 16 && i < range[2] - 1; i++) {
            copy[i] = 'A';
        }
        return copy;
    }

    /** /Contents rewritten as an empty hex string, padded with spaces inside the gap. */
    static byte[] withEmptyContents(byte[] signed) {
        int[] range = byteRange(signed);
        byte[] copy = signed.clone();
        copy[range[1] + 1] = '>';
        for (int i = range[1] + 2; i < range[2]; i++) {
            copy[i] = ' ';
        }
        return copy;
    }

    static int[] byteRange(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getLastSignatureDictionary().getByteRange();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- malformed input

    /** {@code depth} nested arrays in a page entry. */
    static byte[] deeplyNested(int depth) {
        StringBuilder sb = new StringBuilder();
        sb.append("[".repeat(depth)).append("]".repeat(depth));
        String body = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Nest " + sb + " >>\nendobj\n"
                + "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
                + "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>\nendobj\n";
        return withXref(body, 3, "/Root 1 0 R");
    }

    /** A page whose content stream is a Flate stream of {@code inflatedBytes} zeros. */
    static byte[] compressionBomb(long inflatedBytes) {
        byte[] deflated = deflateZeros(inflatedBytes);
        String head = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                + "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
                + "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 4 0 R >>\nendobj\n"
                + "4 0 obj\n<< /Length " + deflated.length + " /Filter /FlateDecode >>\nstream\n";
        String body = head + latin1(deflated) + "\nendstream\nendobj\n";
        return withXref(body, 4, "/Root 1 0 R");
    }

    static byte[] deflateZeros(long inflatedBytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] zeros = new byte[1 << 20];
        byte[] buffer = new byte[1 << 16];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long fed = 0; fed < inflatedBytes; fed += zeros.length) {
            deflater.setInput(zeros, 0, (int) Math.min(zeros.length, inflatedBytes - fed));
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** An unsigned PDF with {@code pages} tiny empty pages. */
    static byte[] manyPages(int pages) {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                document.addPage(new PDPage(new PDRectangle(10, 10)));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code %PDF-1.7}, random bytes, {@code %%EOF}. */
    static byte[] randomBytes(long seed, int length) {
        byte[] random = new byte[length];
        new Random(seed).nextBytes(random);
        return concat(
                "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII),
                random,
                "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** The startxref offset replaced by a wrong one (pointing into the middle of an object). */
    static byte[] brokenXref(byte[] pdf) {
        String text = latin1(pdf);
        int at = text.lastIndexOf("startxref");
        int digits = at + "startxref".length() + 1;
        int end = digits;
        while (Character.isDigit(text.charAt(end))) {
            end++;
        }
        String wrong = String.format("%-" + (end - digits) + "s", "17");
        return replaceAt(pdf, digits, wrong);
    }

    // ---------------------------------------------------------------- incremental-section writer

    /** What the attacks need to know about the last revision, read with PDFBox. */
    record Facts(
            long size,
            long prevStartxref,
            long catalog,
            String catalogDictionary,
            long page,
            String pageDictionary,
            long contents,
            String contentsEntry,
            long font,
            String fontName,
            long signature,
            String signatureDictionary) {

        static Facts of(byte[] pdf) {
            try (PDDocument document = Loader.loadPDF(pdf)) {
                COSDictionary trailer = document.getDocument().getTrailer();
                long size = trailer.getLong(COSName.SIZE);
                COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
                PDPage page = document.getPage(0);
                COSBase contentsRaw = page.getCOSObject().getItem(COSName.CONTENTS);
                long contents = contentsRaw instanceof COSObject o ? o.getObjectNumber() : -1;
                var resources = page.getResources();
                COSName fontName = resources.getFontNames().iterator().next();
                COSBase fontRaw = ((COSDictionary) page.getCOSObject()
                                .getCOSDictionary(COSName.RESOURCES)
                                .getDictionaryObject(COSName.FONT))
                        .getItem(fontName);
                long font = fontRaw instanceof COSObject o ? o.getObjectNumber() : -1;
                PDSignature signature = document.getLastSignatureDictionary();
                long sig =
                        signature == null ? -1 : key(signature.getCOSObject()).getNumber();
                return new Facts(
                        size,
                        startxref(pdf),
                        key(catalog).getNumber(),
                        serialise(catalog),
                        key(page.getCOSObject()).getNumber(),
                        serialise(page.getCOSObject()),
                        contents,
                        "/Contents " + contents + " 0 R",
                        font,
                        fontName.getName(),
                        sig,
                        signature == null ? "" : rawObject(pdf, document, signature.getCOSObject()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static COSObjectKey key(COSBase object) {
            if (object.getKey() == null) {
                throw new IllegalStateException("not an indirect object: " + object);
            }
            return object.getKey();
        }
    }

    /** The raw text of an indirect object's dictionary, from the file (for signature dictionaries: exact bytes). */
    private static String rawObject(byte[] pdf, PDDocument document, COSDictionary object) {
        long offset = document.getDocument().getXrefTable().get(object.getKey());
        String text = latin1(pdf);
        int start = text.indexOf("<<", (int) offset);
        int end = text.indexOf("endobj", start);
        return text.substring(start, end).strip();
    }

    /** A dictionary written back as PDF syntax (references kept as references). */
    static String serialise(COSBase base) {
        if (base instanceof COSObject o) {
            return o.getObjectNumber() + " " + o.getGenerationNumber() + " R";
        }
        if (base instanceof COSDictionary d) {
            StringBuilder sb = new StringBuilder("<<");
            for (Map.Entry<COSName, COSBase> e : d.entrySet()) {
                sb.append(" /").append(e.getKey().getName()).append(' ').append(serialise(e.getValue()));
            }
            return sb.append(" >>").toString();
        }
        if (base instanceof COSArray a) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < a.size(); i++) {
                sb.append(' ').append(serialise(a.get(i)));
            }
            return sb.append(" ]").toString();
        }
        if (base instanceof COSName n) {
            return "/" + n.getName();
        }
        if (base instanceof org.apache.pdfbox.cos.COSString s) {
            return "<" + HexFormat.of().formatHex(s.getBytes()) + ">";
        }
        if (base instanceof org.apache.pdfbox.cos.COSInteger i) {
            return Long.toString(i.longValue());
        }
        if (base instanceof org.apache.pdfbox.cos.COSFloat f) {
            return Float.toString(f.floatValue());
        }
        if (base instanceof org.apache.pdfbox.cos.COSBoolean b) {
            return Boolean.toString(b.getValue());
        }
        return "null";
    }

    /** Appends an incremental section: the objects, a classic xref section and a trailer with /Prev. */
    static byte[] append(byte[] pdf, Facts facts, Map<Long, String> objects) {
        StringBuilder sb = new StringBuilder("\n");
        Map<Long, Long> offsets = new java.util.TreeMap<>();
        long max = facts.size - 1;
        for (Map.Entry<Long, String> e : objects.entrySet()) {
            offsets.put(e.getKey(), (long) pdf.length + sb.length());
            sb.append(e.getKey()).append(" 0 obj\n").append(e.getValue()).append("\nendobj\n");
            max = Math.max(max, e.getKey());
        }
        long xref = pdf.length + sb.length();
        sb.append("xref\n");
        for (Map.Entry<Long, Long> e : offsets.entrySet()) {
            sb.append(e.getKey()).append(" 1\n").append(String.format("%010d 00000 n \n", e.getValue()));
        }
        sb.append("trailer\n<< /Size ")
                .append(max + 1)
                .append(" /Root ")
                .append(facts.catalog)
                .append(" 0 R /Prev ")
                .append(facts.prevStartxref)
                .append(" >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return concat(pdf, sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String textStream(String text, String fontName) {
        return stream("BT /" + fontName + " 14 Tf 72 760 Td (" + text + ") Tj ET");
    }

    private static String stream(String content) {
        return "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream";
    }

    /** A one-revision file with a classic xref for objects 1..n (each must start with "k 0 obj"). */
    private static byte[] withXref(String body, int objects, String trailerEntries) {
        StringBuilder sb = new StringBuilder(body);
        long xref = sb.length();
        sb.append("xref\n0 ").append(objects + 1).append("\n0000000000 65535 f \n");
        for (int i = 1; i <= objects; i++) {
            sb.append(String.format("%010d 00000 n \n", body.indexOf("\n" + i + " 0 obj") + 1));
        }
        sb.append("trailer\n<< /Size ")
                .append(objects + 1)
                .append(' ')
                .append(trailerEntries)
                .append(" >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static long startxref(byte[] pdf) {
        String text = latin1(pdf);
        int at = text.lastIndexOf("startxref");
        return Long.parseLong(text.substring(at + "startxref".length()).strip().split("\\s+")[0]);
    }

    static byte[] replaceAt(byte[] pdf, int offset, String replacement) {
        byte[] copy = pdf.clone();
        byte[] bytes = replacement.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, copy, offset, bytes.length);
        return copy;
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] result = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, result, at, p.length);
            at += p.length;
        }
        return result;
    }

    static byte[] read(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
