package cn.zhengyin.trust.sealing;

import cn.zhengyin.trust.pdf.ContentsReservation;
import cn.zhengyin.trust.pdf.PadesLtaExtender;
import cn.zhengyin.trust.pdf.PadesPreparer;
import cn.zhengyin.trust.pdf.PdfSigningException;
import cn.zhengyin.trust.pdf.SignatureRequest;
import cn.zhengyin.trust.pdf.VisibleAppearance;
import cn.zhengyin.trust.sealing.PlacedSeal.Region;
import cn.zhengyin.trust.sealing.SealingRefusedException.Reason;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;

/**
 * Seals an arbitrary PDF (用印): checks it, resolves every placement on the original, then adds one PAdES signature
 * per {@link SealUse}, in order, each in its own incremental revision with a visible appearance
 * ({@link PadesPreparer}, {@link VisibleAppearance}), and finally makes the file PAdES-BASELINE-LTA with the same
 * {@link PadesLtaExtender} licences use (one DSS update and one document time-stamp for all the seals).
 *
 * <p>A cross-page seal (骑缝章) is one signature whose field has one widget per page ({@code /Kids}): the widget on
 * page 1 shows the first strip, the widgets on pages 2…N (printable, locked) the others, each with its strip as the
 * appearance XObject, all added in the signature's own incremental update — so the ByteRange covers every strip,
 * removing or moving one is a change after signing that verifiers report, and a later seal's strips are new
 * signature widgets, which an earlier seal allows (unlike plain annotations).
 *
 * <p>Refused, before any signing ({@link SealingRefusedException}): encrypted PDFs; certified PDFs whose DocMDP
 * permission is P=1 (no change at all); JavaScript, embedded files (and file attachments) and XFA forms — refused
 * rather than flattened, since flattening would change the document the approval system decided on; files or page
 * counts over the {@link SealingLimits}; a keyword not found; a seal not wholly on its page. Page coordinates use the
 * media box; pages with a /Rotate are measured unrotated.
 */
public final class PdfDocumentSealer {
    static final float POINTS_PER_MM = 72f / 25.4f;

    private final SealingLimits limits;
    private final PadesPreparer preparer;
    private final ContentsReservation reservation = new ContentsReservation();
    private final PadesLtaExtender lta;

    public PdfDocumentSealer(SealingLimits limits, PadesLtaExtender lta) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.lta = Objects.requireNonNull(lta, "lta");
        // room for the seals' revisions and the LTA revisions after the largest accepted input
        this.preparer = new PadesPreparer(limits.maxBytes() + 16L * 1024 * 1024);
    }

    /** A PDF ready for sealing: its checks passed and every placement resolved. */
    public record Plan(byte[] pdf, List<PlacedSeal> placed) {}

    /**
     * Checks the PDF and resolves where each seal goes, without signing anything.
     *
     * @throws SealingRefusedException if the document or a placement is refused
     */
    public Plan plan(byte[] pdf, List<SealUse> uses) {
        if (uses.isEmpty()) {
            throw new IllegalArgumentException("at least one seal is needed");
        }
        if (pdf.length > limits.maxBytes()) {
            throw new SealingRefusedException(
                    Reason.TOO_LARGE,
                    "The document has " + pdf.length + " bytes; at most " + limits.maxBytes() + " are accepted.");
        }
        try (PDDocument document = load(pdf)) {
            check(document);
            List<PlacedSeal> placed = new ArrayList<>();
            for (SealUse use : uses) {
                placed.add(new PlacedSeal(use, regions(document, use)));
            }
            return new Plan(pdf, placed);
        } catch (IOException e) {
            throw new SealingRefusedException(Reason.NOT_A_DOCUMENT, "The PDF cannot be read: " + e.getMessage());
        }
    }

    /**
     * Seals as planned: one signature per seal, in order, then the LTA revisions.
     *
     * @param reason written as each signature's {@code /Reason} (e.g. the case number)
     */
    public SealedDocument seal(Plan plan, SealKeyHolder keys, String reason, Instant signingTime) {
        byte[] current = plan.pdf();
        for (PlacedSeal placed : plan.placed()) {
            current = signOnce(current, placed, keys, reason, signingTime);
        }
        return new SealedDocument(lta.extend(current), plan.placed());
    }

    private byte[] signOnce(byte[] pdf, PlacedSeal placed, SealKeyHolder keys, String reason, Instant signingTime) {
        String sealId = placed.use().sealId();
        List<X509Certificate> chain = keys.ecdsaChain(sealId);
        byte[] png = keys.impressionPng(sealId);
        List<Region> regions = placed.regions();
        List<byte[]> images = regions.size() == 1 ? List.of(png) : SealStrips.cut(png, regions.size());
        Region first = regions.get(0);
        VisibleAppearance appearance;
        try {
            appearance = appearance(first, pageHeight(pdf, first.page() - 1), images.get(0));
        } catch (IOException e) {
            throw new PdfSigningException("Cannot prepare the seal: " + e.getMessage(), e);
        }
        return reservation.sign(
                sealId,
                chain,
                reserve -> preparer.prepare(
                        pdf,
                        new SignatureRequest(
                                placed.use().signerName(), reason, "", signingTime, Optional.of(appearance), reserve),
                        (document, signature) -> {
                            if (regions.size() > 1) {
                                addStripWidgets(document, signature, regions, images);
                            }
                        }),
                digest -> keys.signPadesDigest(sealId, digest));
    }

    private float pageHeight(byte[] pdf, int pageIndex) throws IOException {
        try (PDDocument document = load(pdf)) {
            return document.getPage(pageIndex).getMediaBox().getHeight();
        }
    }

    private static VisibleAppearance appearance(Region r, float pageHeight, byte[] png) {
        float width = (float) r.widthMm() * POINTS_PER_MM;
        float height = (float) r.heightMm() * POINTS_PER_MM;
        float x = (float) r.xMm() * POINTS_PER_MM;
        float y = pageHeight - (float) r.yMm() * POINTS_PER_MM - height;
        return new VisibleAppearance(r.page() - 1, x, y, width, height, png);
    }

    /**
     * Makes the new signature field a field with one widget per page: the widget PDFBox made (strip 1, page 1) and
     * a widget for each further strip, all children ({@code /Kids}) of one new field that holds {@code /FT /Sig},
     * {@code /T} and {@code /V}.
     */
    private static void addStripWidgets(
            PDDocument document, PDSignature signature, List<Region> regions, List<byte[]> images) throws IOException {
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null); // no fix-ups: they would add /DA and /DR
        COSArray fields = form.getCOSObject().getCOSArray(COSName.FIELDS);
        COSDictionary merged = null;
        int index = -1;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.getObject(i) instanceof COSDictionary d
                    && d.getDictionaryObject(COSName.V) == signature.getCOSObject()) {
                merged = d;
                index = i;
            }
        }
        if (merged == null) {
            throw new PdfSigningException("The new signature field was not found in the AcroForm.");
        }
        COSDictionary field = new COSDictionary();
        for (COSName key : List.of(COSName.FT, COSName.T, COSName.V, COSName.FF)) {
            if (merged.containsKey(key)) {
                field.setItem(key, merged.getItem(key));
                merged.removeItem(key);
            }
        }
        merged.setItem(COSName.PARENT, field);
        merged.setNeedToBeUpdated(true);
        COSArray kids = new COSArray();
        kids.add(merged);
        for (int i = 1; i < regions.size(); i++) {
            kids.add(stripWidget(document, regions.get(i), images.get(i), field));
        }
        field.setItem(COSName.KIDS, kids);
        // poppler (pdfsig 22.12) reads a signature widget's own /V and reports widgets without one as unsigned; the
        // same signature dictionary on every widget is what it needs (other readers inherit /V from the field).
        for (COSBase kid : kids) {
            ((COSDictionary) kid).setItem(COSName.V, signature.getCOSObject());
        }
        fields.set(index, field);
        fields.setNeedToBeUpdated(true);
        form.getCOSObject().setNeedToBeUpdated(true);
    }

    /** A widget showing one strip, on its page's right edge. */
    private static COSDictionary stripWidget(PDDocument document, Region r, byte[] png, COSDictionary field)
            throws IOException {
        PDPage page = document.getPage(r.page() - 1);
        PDRectangle media = page.getMediaBox();
        float width = (float) r.widthMm() * POINTS_PER_MM;
        float height = (float) r.heightMm() * POINTS_PER_MM;
        float x = media.getLowerLeftX() + (float) r.xMm() * POINTS_PER_MM;
        float y = media.getUpperRightY() - (float) r.yMm() * POINTS_PER_MM - height;

        PDFormXObject form = new PDFormXObject(document);
        form.setResources(new PDResources());
        form.setBBox(new PDRectangle(width, height));
        PDAppearanceStream stream = new PDAppearanceStream(form.getCOSObject());
        PDImageXObject image = PDImageXObject.createFromByteArray(document, png, "strip.png");
        try (PDPageContentStream content = new PDPageContentStream(document, stream)) {
            content.drawImage(image, 0, 0, width, height);
        }
        PDAppearanceDictionary appearance = new PDAppearanceDictionary();
        appearance.setNormalAppearance(stream);

        PDAnnotationWidget widget = new PDAnnotationWidget();
        widget.setRectangle(new PDRectangle(x, y, width, height));
        widget.setAppearance(appearance);
        widget.setPrinted(true);
        widget.setLocked(true);
        widget.setPage(page);
        widget.getCOSObject().setItem(COSName.PARENT, field);
        List<PDAnnotation> annotations = new ArrayList<>(page.getAnnotations());
        annotations.add(widget);
        page.setAnnotations(annotations);
        page.getCOSObject().setNeedToBeUpdated(true);
        COSArray annots = page.getCOSObject().getCOSArray(COSName.ANNOTS);
        if (annots != null) {
            annots.setNeedToBeUpdated(true);
        }
        return widget.getCOSObject();
    }

    private PDDocument load(byte[] pdf) throws IOException {
        try {
            return Loader.loadPDF(
                    new RandomAccessReadBuffer(pdf),
                    "",
                    MemoryUsageSetting.setupMainMemoryOnly(limits.maxBytes() + 16L * 1024 * 1024).streamCache);
        } catch (InvalidPasswordException e) {
            throw new SealingRefusedException(
                    Reason.ENCRYPTED, "The PDF is encrypted (it needs a password): send it unencrypted.");
        }
    }

    private void check(PDDocument document) {
        if (document.isEncrypted()) {
            throw new SealingRefusedException(
                    Reason.ENCRYPTED,
                    "The PDF is encrypted: a sealed document must be readable by every verifier; send it unencrypted.");
        }
        int pages = document.getNumberOfPages();
        if (pages < 1) {
            throw new SealingRefusedException(Reason.NOT_A_DOCUMENT, "The PDF has no pages.");
        }
        if (pages > limits.maxPages()) {
            throw new SealingRefusedException(
                    Reason.TOO_MANY_PAGES,
                    "The PDF has " + pages + " pages; at most " + limits.maxPages() + " are accepted.");
        }
        COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
        COSDictionary perms = catalog.getCOSDictionary(COSName.PERMS);
        if (perms != null && docMdpP(perms.getCOSDictionary(COSName.DOCMDP)) == 1) {
            throw new SealingRefusedException(
                    Reason.NO_CHANGES_ALLOWED,
                    "The PDF is certified with DocMDP permission P=1: its author forbade any change, so no seal can be"
                            + " added without invalidating the certification.");
        }
        List<String> found = new ArrayList<>();
        Set<COSBase> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<COSObjectKey, Long> entry :
                document.getDocument().getXrefTable().entrySet()) {
            COSObject object = document.getDocument().getObjectFromPool(entry.getKey());
            scan(object.getObject(), found, seen, 0);
        }
        scan(catalog, found, seen, 0);
        if (!found.isEmpty()) {
            throw new SealingRefusedException(
                    Reason.ACTIVE_CONTENT,
                    "The PDF contains "
                            + String.join(", ", found.stream().distinct().toList())
                            + ": documents with JavaScript, embedded files or XFA forms are refused, not flattened"
                            + " (flattening would change what was decided); export the document without them.");
        }
    }

    private static int docMdpP(COSDictionary signature) {
        if (signature == null) {
            return 0;
        }
        COSArray references = signature.getCOSArray(COSName.getPDFName("Reference"));
        if (references == null) {
            return 0;
        }
        for (COSBase base : references) {
            COSBase ref = base instanceof COSObject o ? o.getObject() : base;
            if (ref instanceof COSDictionary d
                    && COSName.DOCMDP.equals(d.getCOSName(COSName.getPDFName("TransformMethod")))) {
                COSDictionary params = d.getCOSDictionary(COSName.getPDFName("TransformParams"));
                return params == null ? 2 : params.getInt(COSName.P, 2);
            }
        }
        return 0;
    }

    private static final COSName JS = COSName.getPDFName("JS");
    private static final COSName JAVASCRIPT = COSName.getPDFName("JavaScript");
    private static final COSName EMBEDDED_FILES = COSName.getPDFName("EmbeddedFiles");
    private static final COSName EMBEDDED_FILE = COSName.getPDFName("EmbeddedFile");
    private static final COSName FILE_ATTACHMENT = COSName.getPDFName("FileAttachment");

    /** Looks through an object and the direct objects inside it (indirect ones are scanned from the xref table). */
    private static void scan(COSBase base, List<String> found, Set<COSBase> seen, int depth) {
        if (base == null || depth > 64 || base instanceof COSObject || !seen.add(base)) {
            return;
        }
        if (base instanceof COSDictionary d) {
            if (d.containsKey(JS) || JAVASCRIPT.equals(d.getCOSName(COSName.S)) || d.containsKey(JAVASCRIPT)) {
                found.add("JavaScript");
            }
            if (d.containsKey(EMBEDDED_FILES)
                    || EMBEDDED_FILE.equals(d.getCOSName(COSName.TYPE))
                    || FILE_ATTACHMENT.equals(d.getCOSName(COSName.SUBTYPE))
                    || d.containsKey(COSName.EF)) {
                found.add("embedded files");
            }
            if (d.containsKey(COSName.XFA)) {
                found.add("an XFA form");
            }
            for (COSBase value : d.getValues()) {
                scan(value, found, seen, depth + 1);
            }
        } else if (base instanceof COSArray a) {
            for (COSBase value : a) {
                scan(value, found, seen, depth + 1);
            }
        }
    }

    private static List<Region> regions(PDDocument document, SealUse use) throws IOException {
        List<Placements.PageSize> sizes = new ArrayList<>();
        for (PDPage page : document.getPages()) {
            PDRectangle media = page.getMediaBox();
            sizes.add(new Placements.PageSize(media.getWidth() / POINTS_PER_MM, media.getHeight() / POINTS_PER_MM));
        }
        return Placements.resolve(
                use,
                sizes,
                keyword -> {
                    try {
                        return PdfKeywords.find(document, keyword).stream()
                                .map(h -> new Placements.Hit(
                                        h.pageIndex() + 1,
                                        h.left() / POINTS_PER_MM,
                                        h.top() / POINTS_PER_MM,
                                        h.right() / POINTS_PER_MM,
                                        h.bottom() / POINTS_PER_MM))
                                .toList();
                    } catch (IOException e) {
                        throw new SealingRefusedException(
                                Reason.NOT_A_DOCUMENT, "The PDF's text cannot be read: " + e.getMessage());
                    }
                },
                "PDF");
    }
}
