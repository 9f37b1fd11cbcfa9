package cn.zhengyin.trust.pdf;

import cn.zhengyin.trust.pdf.PdfRevisionAnalyser.Analysis;
import cn.zhengyin.trust.pdf.PdfRevisionAnalyser.Change;
import cn.zhengyin.trust.pdf.PdfRevisionAnalyser.ChangeKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * What each revision after the first signed one holds, compared with the revision before it
 * ({@link PdfRevisionAnalyser}), and whether bytes follow the last revision. Only a revision whose every change is
 * under {@code /DSS} or is a document time-stamp (its field, widget and {@code /SigFlags}) is validation data
 * (ETSI EN 319 142-1 §5.4); bytes between two {@code %%EOF} without a cross-reference section are not a revision;
 * non-blank bytes after the last {@code %%EOF} are trailing data, not part of any revision.
 */
final class PdfLaterRevisions {

    /** What one later revision holds. */
    enum Content {
        /** Only /DSS objects (certificates, CRLs, OCSP responses, VRI). */
        VALIDATION_DATA,
        /** A document time-stamp, possibly with /DSS objects. */
        DOCUMENT_TIMESTAMP,
        /** A new signature (or an empty signature field signed). */
        SIGNATURE,
        /** Form fields filled in. */
        FORM_FILL,
        /** Annotations added, changed or removed. */
        ANNOTATION,
        /** Other changes: page content, resources, catalogue, … */
        OTHER,
        /** A cross-reference section that changes nothing reachable. */
        NO_CHANGE,
        /** Bytes ending in %%EOF without a cross-reference section, or that cannot be read as a revision. */
        NOT_A_REVISION;

        boolean isValidationData() {
            return this == VALIDATION_DATA || this == DOCUMENT_TIMESTAMP;
        }
    }

    /**
     * @param start       first byte of the revision
     * @param end         end of the revision (after its %%EOF)
     * @param content     the most significant kind of change it makes
     * @param description what it holds, in English
     */
    record Revision(long start, long end, Content content, String description) {
        @Override
        public String toString() {
            return "bytes [" + start + ", " + end + "): " + description;
        }
    }

    /**
     * @param revisions     every revision after the first signed one, in file order
     * @param trailingBytes number of non-blank bytes after the last %%EOF (0: none)
     * @param trailingStart where those bytes start
     */
    record Inventory(List<Revision> revisions, long trailingBytes, long trailingStart) {

        /** The revisions that start at or after {@code end}. */
        List<Revision> after(long end) {
            return revisions.stream().filter(r -> r.start() >= end).toList();
        }

        /** Whether everything after {@code end} is validation data: /DSS updates and document time-stamps only. */
        boolean onlyValidationDataAfter(long end) {
            return trailingBytes == 0
                    && after(end).stream().allMatch(r -> r.content().isValidationData());
        }

        /** Whether everything after {@code end} is made of real revisions (no junk, no fake %%EOF sections). */
        boolean onlyRevisionsAfter(long end) {
            return trailingBytes == 0 && after(end).stream().noneMatch(r -> r.content() == Content.NOT_A_REVISION);
        }

        String describeAfter(long end) {
            List<Revision> later = after(end);
            String list = later.isEmpty()
                    ? "no later revision"
                    : later.size() + " later revision(s): "
                            + later.stream().map(Revision::toString).collect(Collectors.joining("; "));
            return list
                    + (trailingBytes == 0
                            ? ""
                            : "; then " + trailingBytes + " byte(s) at " + trailingStart
                                    + " after the last %%EOF that are not a revision");
        }
    }

    /** At most this many later revisions are compared (each comparison loads two revisions); the rest are OTHER. */
    static final int MAX_COMPARED_REVISIONS = 64;

    private PdfLaterRevisions() {}

    /**
     * @param pdf        the whole file
     * @param firstEnd   the end of the first signed revision; revisions ending after it are examined
     * @param cache      PDFBox stream cache (bounded)
     * @param maxNodes   node budget per comparison
     */
    static Inventory of(byte[] pdf, long firstEnd, StreamCacheCreateFunction cache, int maxNodes) {
        List<Long> ends = PdfRevisionChecks.revisionEnds(pdf);
        long lastEnd = ends.isEmpty() ? 0 : ends.get(ends.size() - 1);
        long trailingStart = -1;
        long trailing = 0;
        for (long i = lastEnd; i < pdf.length; i++) {
            byte b = pdf[(int) i];
            if (b != ' ' && b != '\r' && b != '\n' && b != '\t' && b != '\f' && b != 0) {
                trailing++;
                if (trailingStart < 0) {
                    trailingStart = i;
                }
            }
        }
        if (trailing > 0) {
            trailing = pdf.length - trailingStart;
        }
        List<Revision> revisions = new ArrayList<>();
        long previous = firstEnd;
        PDDocument before = null;
        try {
            for (long end : ends) {
                if (end <= firstEnd) {
                    continue;
                }
                String segment = new String(pdf, (int) previous, (int) (end - previous), StandardCharsets.ISO_8859_1);
                if (!segment.contains("startxref")) {
                    revisions.add(new Revision(
                            previous,
                            end,
                            Content.NOT_A_REVISION,
                            (end - previous) + " byte(s) ending in %%EOF without a cross-reference section "
                                    + "(startxref): not a revision"));
                    previous = end;
                    continue;
                }
                if (revisions.size() >= MAX_COMPARED_REVISIONS) {
                    revisions.add(new Revision(
                            previous,
                            end,
                            Content.OTHER,
                            "not compared: more than " + MAX_COMPARED_REVISIONS + " revisions follow the first "
                                    + "signature"));
                    previous = end;
                    continue;
                }
                PDDocument after;
                try {
                    if (before == null) {
                        before = load(pdf, previous, cache);
                    }
                    after = load(pdf, end, cache);
                } catch (IOException | RuntimeException | StackOverflowError e) {
                    revisions.add(new Revision(
                            previous, end, Content.NOT_A_REVISION, "cannot be read as a revision: " + e.getMessage()));
                    previous = end;
                    continue;
                }
                Analysis analysis = PdfRevisionAnalyser.compare(before, after, maxNodes);
                revisions.add(classify(previous, end, analysis));
                before.close();
                before = after;
                previous = end;
            }
        } catch (IOException e) {
            // closing a document read from memory; nothing to release
        } finally {
            if (before != null) {
                try {
                    before.close();
                } catch (IOException e) {
                    // memory only
                }
            }
        }
        return new Inventory(List.copyOf(revisions), trailing, trailingStart);
    }

    private static PDDocument load(byte[] pdf, long end, StreamCacheCreateFunction cache) throws IOException {
        return Loader.loadPDF(new RandomAccessReadBuffer(Arrays.copyOf(pdf, (int) end)), "", cache);
    }

    private static Revision classify(long start, long end, Analysis analysis) {
        List<Change> changes = analysis.changes();
        Set<ChangeKind> kinds = EnumSet.noneOf(ChangeKind.class);
        boolean timestamp = changes.stream().anyMatch(c -> c.kind() == ChangeKind.DOC_TIMESTAMP);
        for (Change c : changes) {
            // a document time-stamp may set /SigFlags (or create the AcroForm holding only its field)
            boolean sigFlags = c.kind() == ChangeKind.SIGNATURE && c.path().endsWith("/SigFlags");
            kinds.add(timestamp && sigFlags ? ChangeKind.DOC_TIMESTAMP : c.kind());
        }
        Content content;
        if (!analysis.complete()) {
            content = Content.OTHER;
        } else if (kinds.isEmpty()) {
            content = Content.NO_CHANGE;
        } else if (kinds.contains(ChangeKind.OTHER)) {
            content = Content.OTHER;
        } else if (kinds.contains(ChangeKind.ANNOTATION)) {
            content = Content.ANNOTATION;
        } else if (kinds.contains(ChangeKind.FORM_FILL)) {
            content = Content.FORM_FILL;
        } else if (kinds.contains(ChangeKind.SIGNATURE)) {
            content = Content.SIGNATURE;
        } else if (kinds.contains(ChangeKind.DOC_TIMESTAMP)) {
            content = Content.DOCUMENT_TIMESTAMP;
        } else {
            content = Content.VALIDATION_DATA;
        }
        String what = switch (content) {
            case VALIDATION_DATA -> "validation data (/DSS only)";
            case DOCUMENT_TIMESTAMP -> "a document time-stamp" + (kinds.contains(ChangeKind.DSS) ? " and /DSS" : "");
            case SIGNATURE -> "a signature";
            case FORM_FILL -> "form field values";
            case ANNOTATION -> "annotation changes";
            case OTHER -> analysis.complete() ? "changes to the document" : "too many objects to compare";
            case NO_CHANGE -> "a cross-reference section that changes nothing";
            case NOT_A_REVISION -> "not a revision";
        };
        Optional<String> sample =
                changes.stream().limit(3).map(Change::toString).reduce((a, b) -> a + "; " + b);
        return new Revision(
                start,
                end,
                content,
                what
                        + sample.map(s -> " (" + changes.size() + " change(s): " + s + (changes.size() > 3 ? "; …" : "")
                                        + ")")
                                .orElse(""));
    }
}
