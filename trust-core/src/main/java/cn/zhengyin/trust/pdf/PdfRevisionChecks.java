package cn.zhengyin.trust.pdf;

import cn.zhengyin.trust.pdf.PdfRevisionAnalyser.Analysis;
import cn.zhengyin.trust.pdf.PdfRevisionAnalyser.Change;
import cn.zhengyin.trust.pdf.PdfRevisionAnalyser.ChangeKind;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.SubIndication;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The revision checks of each signature: {@value #CERTIFICATION} (DocMDP, ISO 32000-2 §12.8.2.2 and §12.8.4) and
 * {@value #CHANGES_AFTER_SIGNATURE} (what later revisions changed, see {@link PdfRevisionAnalyser}).
 *
 * <p>Allowed after a signature, by the certification level of the document (the DocMDP {@code /P} of a certification
 * signature that is the document's first signature):
 * <ul>
 * <li>no certification (Zhengyin policy): later signatures, document time-stamps, validation data (DSS);
 * <li>P=1: document time-stamps and DSS only (ISO 32000-2 §12.8.2.2.2 keeps those allowed); even a signature fails;
 * <li>P=2: as without certification, plus filling in existing form fields;
 * <li>P=3: as P=2, plus creating, changing and deleting annotations.
 * </ul>
 */
final class PdfRevisionChecks {

    static final String CERTIFICATION = "revisions.certification";
    static final String CHANGES_AFTER_SIGNATURE = "revisions.changes-after-signature";

    private static final int MAX_LISTED_CHANGES = 20;

    /** A signature as found in the final document, with the end of its ByteRange (its signed revision). */
    record Signed(String fieldName, COSDictionary dictionary, long end) {}

    /** A check with the indication it gives when it fails. */
    record Finding(CheckResult check, Indication indication, SubIndication subIndication) {}

    private final byte[] pdf;
    private final PDDocument current;
    private final List<Signed> signatures;
    private final StreamCacheCreateFunction cache;
    private final int maxNodes;
    private final Optional<Signed> certification;
    private final int permission;

    /**
     * @param signatures every signature of the document, ordered by the end of their ByteRange
     */
    PdfRevisionChecks(
            byte[] pdf, PDDocument current, List<Signed> signatures, StreamCacheCreateFunction cache, int maxNodes) {
        this.pdf = pdf;
        this.current = current;
        this.signatures = List.copyOf(signatures);
        this.cache = cache;
        this.maxNodes = maxNodes;
        Optional<Signed> first = signatures.stream().findFirst();
        this.certification = first.filter(s -> isCertification(s.dictionary()));
        this.permission = certification
                .map(s -> docMdpPermission(s.dictionary()).orElse(0))
                .orElse(0);
    }

    /** @return the findings for one signature: certification, then changes after it */
    List<Finding> findings(Signed signature) {
        return List.of(certification(signature), changes(signature));
    }

    private Finding certification(Signed signature) {
        boolean certifies = isCertification(signature.dictionary());
        long certifications =
                signatures.stream().filter(s -> isCertification(s.dictionary())).count();
        if (!certifies) {
            return pass(
                    CERTIFICATION,
                    certification
                            .map(c -> "Approval signature; the document is certified by '" + c.fieldName()
                                    + "' with DocMDP P=" + permission + ".")
                            .orElse("Approval signature; the document is not certified."));
        }
        if (signatures.indexOf(signature) != 0) {
            return new Finding(
                    CheckResult.failed(
                            CERTIFICATION,
                            "A certification (DocMDP) signature is signature "
                                    + (signatures.indexOf(signature) + 1) + " of " + signatures.size() + " ("
                                    + certifications
                                    + " certification signature(s) in all); only the first signature of a document may certify it "
                                    + "(ISO 32000-2 §12.8.2.2.1): a certification added later grants permissions the earlier "
                                    + "signers did not."),
                    Indication.TOTAL_FAILED,
                    SubIndication.DISALLOWED_CHANGES);
        }
        Optional<Integer> p = docMdpPermission(signature.dictionary());
        if (p.isEmpty() || p.get() < 1 || p.get() > 3) {
            return new Finding(
                    CheckResult.failed(
                            CERTIFICATION,
                            "The DocMDP /TransformParams /P is "
                                    + p.map(String::valueOf).orElse("not an integer")
                                    + "; it must be 1, 2 or 3 (ISO 32000-2 "
                                    + "Table 257)."),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
        }
        return pass(CERTIFICATION, "Certification signature with DocMDP P=" + p.get() + ": " + describe(p.get()) + ".");
    }

    private Finding changes(Signed signature) {
        if (signature.end() >= pdf.length) {
            return pass(CHANGES_AFTER_SIGNATURE, "No later revision: the signature covers the whole file.");
        }
        Set<ChangeKind> allowed = allowed();
        Analysis analysis;
        try (PDDocument signed =
                Loader.loadPDF(new RandomAccessReadBuffer(Arrays.copyOf(pdf, (int) signature.end())), "", cache)) {
            analysis = PdfRevisionAnalyser.compare(signed, current, maxNodes);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return new Finding(
                    CheckResult.failed(
                            CHANGES_AFTER_SIGNATURE,
                            "The revision this signature signed (the "
                                    + "first " + signature.end() + " bytes) cannot be read as a PDF on its own: "
                                    + e.getMessage()
                                    + ". What was added after the signature cannot be analysed."),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
        }
        List<Change> disallowed = analysis.changes().stream()
                .filter(c -> !allowed.contains(c.kind()))
                .toList();
        String policy = certification
                .map(c -> "DocMDP P=" + permission + " of '" + c.fieldName() + "' allows " + describe(permission))
                .orElse("without certification Zhengyin allows later signatures, document "
                        + "time-stamps and validation data (DSS)");
        long added = pdf.length - signature.end();
        if (!disallowed.isEmpty()) {
            String list = disallowed.stream()
                    .limit(MAX_LISTED_CHANGES)
                    .map(Change::toString)
                    .collect(Collectors.joining("; "));
            return new Finding(
                    CheckResult.failed(
                            CHANGES_AFTER_SIGNATURE,
                            disallowed.size() + " change(s) made in "
                                    + "the " + added + " bytes after this signature are not allowed (" + policy + "): "
                                    + list
                                    + (disallowed.size() > MAX_LISTED_CHANGES ? "; …" : "")
                                    + ". The file no longer shows what was "
                                    + "signed (incremental-saving / shadow attack)."),
                    Indication.TOTAL_FAILED,
                    SubIndication.DISALLOWED_CHANGES);
        }
        if (!analysis.complete()) {
            return new Finding(
                    CheckResult.failed(
                            CHANGES_AFTER_SIGNATURE,
                            "The document is too large to compare "
                                    + "with the revision this signature signed (more than " + maxNodes
                                    + " objects); no disallowed "
                                    + "change found so far."),
                    Indication.INDETERMINATE,
                    SubIndication.SIG_CONSTRAINTS_FAILURE);
        }
        Map<ChangeKind, Long> counts =
                analysis.changes().stream().collect(Collectors.groupingBy(Change::kind, Collectors.counting()));
        return pass(
                CHANGES_AFTER_SIGNATURE,
                added + " bytes were added after this signature; every change is " + "allowed (" + policy + "): "
                        + (counts.isEmpty() ? "no object changed" : counts) + ".");
    }

    private Set<ChangeKind> allowed() {
        Set<ChangeKind> allowed = EnumSet.of(ChangeKind.DOC_TIMESTAMP, ChangeKind.DSS);
        if (permission != 1) {
            allowed.add(ChangeKind.SIGNATURE);
        }
        if (permission >= 2) {
            allowed.add(ChangeKind.FORM_FILL);
        }
        if (permission == 3) {
            allowed.add(ChangeKind.ANNOTATION);
        }
        return allowed;
    }

    private static String describe(int permission) {
        return switch (permission) {
            case 1 -> "no changes but document time-stamps and DSS";
            case 2 -> "filling in forms, signing, document time-stamps and DSS";
            case 3 -> "filling in forms, annotations, signing, document time-stamps and DSS";
            default -> "unknown";
        };
    }

    /** A signature with a DocMDP transform in its {@code /Reference} (ISO 32000-2 Table 255). */
    static boolean isCertification(COSDictionary signature) {
        return docMdpReference(signature).isPresent();
    }

    private static Optional<COSDictionary> docMdpReference(COSDictionary signature) {
        if (signature.getDictionaryObject(COSName.REFERENCE) instanceof COSArray references) {
            for (int i = 0; i < references.size() && i < 16; i++) {
                if (references.getObject(i) instanceof COSDictionary reference
                        && COSName.DOCMDP.equals(reference.getCOSName(COSName.TRANSFORM_METHOD))) {
                    return Optional.of(reference);
                }
            }
        }
        return Optional.empty();
    }

    /** @return the DocMDP {@code /P} (default 2), empty if it is not an integer */
    static Optional<Integer> docMdpPermission(COSDictionary signature) {
        Optional<COSDictionary> reference = docMdpReference(signature);
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        COSBase params = reference.get().getDictionaryObject(COSName.TRANSFORM_PARAMS);
        if (!(params instanceof COSDictionary p)) {
            return Optional.of(2);
        }
        COSBase value = p.getDictionaryObject(COSName.P);
        if (value == null) {
            return Optional.of(2);
        }
        return value instanceof COSInteger i && i.longValue() >= Integer.MIN_VALUE && i.longValue() <= Integer.MAX_VALUE
                ? Optional.of((int) i.longValue())
                : Optional.empty();
    }

    /** @return the end offsets of the file's revisions: after each {@code %%EOF} and its end-of-line */
    static List<Long> revisionEnds(byte[] pdf) {
        List<Long> ends = new ArrayList<>();
        for (int i = 0; i + 5 <= pdf.length; i++) {
            if (pdf[i] == '%' && pdf[i + 1] == '%' && pdf[i + 2] == 'E' && pdf[i + 3] == 'O' && pdf[i + 4] == 'F') {
                int end = i + 5;
                if (end < pdf.length && pdf[end] == '\r') {
                    end++;
                }
                if (end < pdf.length && pdf[end] == '\n') {
                    end++;
                }
                ends.add((long) end);
                i = end - 1;
            }
        }
        return ends;
    }

    /** Whether a signed range ends at the end of a revision ({@code %%EOF} plus at most one end-of-line). */
    static boolean endsARevision(byte[] pdf, long end) {
        for (int eol = 0; eol <= 2; eol++) {
            long start = end - eol - 5;
            if (start >= 0
                    && pdf[(int) start] == '%'
                    && pdf[(int) start + 1] == '%'
                    && pdf[(int) start + 2] == 'E'
                    && pdf[(int) start + 3] == 'O'
                    && pdf[(int) start + 4] == 'F') {
                for (long i = start + 5; i < end; i++) {
                    if (pdf[(int) i] != '\r' && pdf[(int) i] != '\n') {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static Finding pass(String id, String message) {
        return new Finding(CheckResult.passed(id, message), null, null);
    }
}
