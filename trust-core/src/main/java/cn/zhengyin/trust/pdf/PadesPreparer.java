package cn.zhengyin.trust.pdf;

import cn.zhengyin.trust.crypto.Digests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.util.Matrix;

/**
 * First phase of PAdES signing (licence-service side): adds a signature dictionary ({@code /SubFilter
 * /ETSI.CAdES.detached}) and, optionally, a visible seal in an incremental update, with a zero-filled
 * {@code /Contents} placeholder. The result holds the prepared bytes and the digest to send for signing.
 * Thread-safe. The visible seal's appearance (a small PDF whose widget draws the seal as paths, or its image) is made
 * once per seal drawing, page size and rectangle and kept in a small bounded cache: encoding the PNG as a PDF image XObject costs far
 * more than the rest of the preparation, and the result does not depend on the document being signed.
 */
public final class PadesPreparer {

    /** PAdES SubFilter (ETSI EN 319 142-1 §5.1). */
    public static final COSName SUB_FILTER_CADES = COSName.getPDFName("ETSI.CAdES.detached");

    /** Appearance templates kept (distinct seal images × page sizes × rectangles in use). */
    static final int APPEARANCE_CACHE_ENTRIES = 32;

    private final long maxDocumentBytes;
    private final Map<AppearanceKey, byte[]> appearances = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AppearanceKey, byte[]> eldest) {
            return size() > APPEARANCE_CACHE_ENTRIES;
        }
    };

    /** @param maxDocumentBytes largest PDF accepted, also the bound on PDFBox's in-memory stream cache */
    public PadesPreparer(long maxDocumentBytes) {
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /** What an appearance template depends on: the page's media box, the widget rectangle and the image's SHA-256. */
    private record AppearanceKey(
            float llx, float lly, float urx, float ury, float x, float y, float width, float height, String drawing) {}

    /**
     * @param pdf     the PDF to sign (not modified)
     * @param request signature dictionary values, appearance and reserved size
     * @return the preparation: {@link PadesPreparation#digest()} to sign, then {@link PadesPreparation#complete}
     * @throws PdfSigningException if the input is not a PDF PDFBox can update, or the page index does not exist
     */
    public PadesPreparation prepare(byte[] pdf, SignatureRequest request) {
        return prepare(pdf, request, (document, signature) -> {});
    }

    /**
     * Something added to the document in the signature's own incremental update, after the signature field is in
     * place and before the update is written and signed — so the signature covers it (e.g. further widgets of the
     * signature field: the other strips of a cross-page seal). It must mark what it changes as updated
     * ({@code setNeedToBeUpdated}) for the incremental save to write it.
     */
    @FunctionalInterface
    public interface RevisionAddition {
        /** @param signature the signature dictionary just added (its field's {@code /V}) */
        void addTo(PDDocument document, PDSignature signature) throws IOException;
    }

    /**
     * As {@link #prepare(byte[], SignatureRequest)}, with {@code addition} applied once the signature field is added, in the same
     * revision as the signature.
     */
    public PadesPreparation prepare(byte[] pdf, SignatureRequest request, RevisionAddition addition) {
        if (pdf.length == 0 || pdf.length > maxDocumentBytes) {
            throw new PdfSigningException(
                    "The PDF to sign has " + pdf.length + " bytes; accepted are 1 to " + maxDocumentBytes + " bytes.");
        }
        try (PDDocument document = Loader.loadPDF(
                        new RandomAccessReadBuffer(pdf),
                        "",
                        MemoryUsageSetting.setupMainMemoryOnly(maxDocumentBytes).streamCache);
                SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(SUB_FILTER_CADES);
            signature.setName(request.signerName());
            signature.setReason(request.reason());
            signature.setLocation(request.location());
            Calendar signDate = GregorianCalendar.from(request.signingTime().atZone(ZoneOffset.UTC));
            signature.setSignDate(signDate);
            options.setPreferredSignatureSize(request.reservedContentsBytes());
            SealText text = SealText.NONE;
            if (request.appearance().isPresent()) {
                VisibleAppearance appearance = request.appearance().get();
                if (appearance.pageIndex() >= document.getNumberOfPages()) {
                    throw new PdfSigningException("The visible signature is on page index " + appearance.pageIndex()
                            + " but the PDF has " + document.getNumberOfPages() + " page(s) (indexes start at 0).");
                }
                text = SealText.of(document.getPage(appearance.pageIndex()), appearance.vector());
                options.setVisualSignature(
                        new ByteArrayInputStream(cachedAppearanceTemplate(document, appearance, text)));
                options.setPage(appearance.pageIndex());
            }
            document.addSignature(signature, options);
            text.addFontsTo(signatureAppearance(document, signature));
            addition.addTo(document, signature);
            ByteArrayOutputStream out =
                    new ByteArrayOutputStream(pdf.length + 2 * request.reservedContentsBytes() + 4096);
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            // Write the increment with the zero-filled placeholder; the CMS is patched in by complete().
            external.setSignature(new byte[0]);
            int[] byteRange = signature.getByteRange();
            return PadesPreparation.of(out.toByteArray(), byteRange);
        } catch (IOException e) {
            throw new PdfSigningException(
                    "Cannot prepare the PDF for signing: " + e.getMessage()
                            + ". The input must be a well-formed, unencrypted PDF.",
                    e);
        }
    }

    /** The normal appearance of the widget of the signature field just added for {@code signature}. */
    private static PDAppearanceStream signatureAppearance(PDDocument document, PDSignature signature)
            throws IOException {
        for (PDSignatureField field : document.getSignatureFields()) {
            if (field.getCOSObject().getDictionaryObject(COSName.V) == signature.getCOSObject()) {
                return field.getWidgets()
                        .getFirst()
                        .getAppearance()
                        .getNormalAppearance()
                        .getAppearanceStream();
            }
        }
        throw new PdfSigningException("The signature field just added is not in the document.");
    }

    private byte[] cachedAppearanceTemplate(PDDocument source, VisibleAppearance appearance, SealText text)
            throws IOException {
        PDRectangle mediaBox = source.getPage(appearance.pageIndex()).getMediaBox();
        byte[] png = appearance.png();
        String drawing = appearance.vector().isPresent()
                ? "vector:" + appearance.vector().get().fingerprint()
                : "png:" + sha256Hex(png);
        AppearanceKey key = new AppearanceKey(
                mediaBox.getLowerLeftX(),
                mediaBox.getLowerLeftY(),
                mediaBox.getUpperRightX(),
                mediaBox.getUpperRightY(),
                appearance.x(),
                appearance.y(),
                appearance.width(),
                appearance.height(),
                drawing + text.key());
        byte[] template;
        synchronized (appearances) {
            template = appearances.get(key);
        }
        if (template == null) {
            // Made outside the lock: two threads may both make the same template once; both results are equal.
            template = appearanceTemplate(mediaBox, appearance, png, text);
            synchronized (appearances) {
                appearances.put(key, template);
            }
        }
        return template; // only read (wrapped in a ByteArrayInputStream), never modified
    }

    private static String sha256Hex(byte[] bytes) {
        return Digests.sha256Hex(bytes);
    }

    /**
     * A one-page PDF whose AcroForm holds one signature widget with the seal image as its normal appearance;
     * PDFBox merges it into the signed document (the approach of PDFBox's CreateVisibleSignature2 example).
     */
    private static byte[] appearanceTemplate(
            PDRectangle mediaBox, VisibleAppearance appearance, byte[] png, SealText text) throws IOException {
        try (PDDocument template = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(
                    mediaBox.getLowerLeftX(), mediaBox.getLowerLeftY(), mediaBox.getWidth(), mediaBox.getHeight()));
            template.addPage(page);
            PDAcroForm acroForm = new PDAcroForm(template);
            template.getDocumentCatalog().setAcroForm(acroForm);
            PDSignatureField field = new PDSignatureField(acroForm);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            acroForm.setSignaturesExist(true);
            acroForm.setAppendOnly(true);
            acroForm.getCOSObject().setDirect(true);
            acroForm.getFields().add(field);
            PDRectangle rectangle =
                    new PDRectangle(appearance.x(), appearance.y(), appearance.width(), appearance.height());
            widget.setRectangle(rectangle);
            widget.setPage(page);
            page.getAnnotations().add(widget);

            PDFormXObject form = new PDFormXObject(new PDStream(template));
            form.setResources(new PDResources());
            form.setFormType(1);
            form.setBBox(new PDRectangle(appearance.width(), appearance.height()));
            PDAppearanceDictionary appearanceDictionary = new PDAppearanceDictionary();
            appearanceDictionary.getCOSObject().setDirect(true);
            PDAppearanceStream stream = new PDAppearanceStream(form.getCOSObject());
            appearanceDictionary.setNormalAppearance(stream);
            widget.setAppearance(appearanceDictionary);
            if (appearance.vector().isPresent()) {
                // the seal as paths, its characters as text in the page's fonts where they have them (the fonts
                // are added to the appearance's resources once it is in the document: SealText.addFontsTo)
                try (OutputStream content = form.getContentStream().createOutputStream(COSName.FLATE_DECODE)) {
                    content.write(
                            appearance.vector().get().pdfContent(appearance.width(), appearance.height(), text::glyph));
                }
            } else {
                PDImageXObject image = PDImageXObject.createFromByteArray(template, png, "seal.png");
                try (PDPageContentStream content = new PDPageContentStream(template, stream)) {
                    content.saveGraphicsState();
                    content.transform(Matrix.getScaleInstance(appearance.width(), appearance.height()));
                    content.drawImage(image, 0, 0, 1, 1);
                    content.restoreGraphicsState();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            template.save(out);
            return out.toByteArray();
        }
    }
}
