package cn.zhengyin.trust.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Compares the revision a signature signed with the final document, object by object, and classifies every
 * difference by what it can change (ISO 32000-2 §12.8.2.2, DocMDP; the attack classes of Mladenov et al., "1 Trillion
 * Dollar Refund", and Mainka et al., "Shadow Attacks", 2019-2021).
 *
 * <p>Both object graphs are walked from the catalogue at the same time, following references on both sides, so a
 * later revision that re-points an object number at new content (hide-and-replace), swaps an object the signed page
 * uses (replace) or adds an overlay (hide) shows up as a difference wherever it is reachable. Streams are compared by
 * a SHA-256 of their raw, still encoded bytes: nothing is decompressed, so a compression bomb costs no more than its
 * size in the file. The walk is iterative (no recursion, deep nesting is safe) and stops after a node budget.
 *
 * <p>A difference is classified by the context it is reached in; an object reachable in several contexts is compared
 * in each, so a change is only allowed if every place that shows it allows it:
 * <ul>
 * <li>{@link ChangeKind#SIGNATURE}: a new signature field (with its widget and signature dictionary) appended to
 * {@code /AcroForm /Fields} and to a page's {@code /Annots}, the {@code /SigFlags} entry, an AcroForm created with
 * only signature fields, or {@code /V} (and its widget's appearance) set on a signature field that was empty;
 * <li>{@link ChangeKind#DSS}: anything under the catalogue's {@code /DSS} or {@code /Extensions};
 * <li>{@link ChangeKind#FORM_FILL}: {@code /V}, {@code /AS}, {@code /AP} of an existing non-signature field, and the
 * AcroForm's default resources {@code /DR} (fonts a form filler adds to draw field appearances);
 * <li>{@link ChangeKind#ANNOTATION}: added, removed or changed annotations other than widgets;
 * <li>{@link ChangeKind#OTHER}: everything else: page content, resources, fonts, XObjects, the page tree, the
 * catalogue, actions, names, {@code /NeedAppearances}, new non-signature fields, encryption.
 * </ul>
 * The document information dictionary and cross-reference bookkeeping (trailer {@code /Size}, {@code /Prev},
 * {@code /ID}, xref streams, object streams as containers) are not compared: they do not change what is shown.
 */
final class PdfRevisionAnalyser {

    /** What a difference can change; which kinds are allowed depends on the certification level. */
    enum ChangeKind {
        /** A new signature (field, widget, signature dictionary), or an empty signature field signed. */
        SIGNATURE,
        /** As SIGNATURE, but the signature dictionary is a document time-stamp ({@code /Type /DocTimeStamp}). */
        DOC_TIMESTAMP,
        /** The document security store ({@code /DSS}, its VRI) or {@code /Extensions}. */
        DSS,
        /** A value of an existing non-signature form field. */
        FORM_FILL,
        /** An annotation other than a widget. */
        ANNOTATION,
        /** Anything else: this changes what the signed revision shows or does. */
        OTHER
    }

    /** One difference between the signed revision and the final document. */
    record Change(ChangeKind kind, String path, String description) {
        @Override
        public String toString() {
            return path + ": " + description + " [" + kind + "]";
        }
    }

    /**
     * @param changes  every difference found, in walk order
     * @param complete false when the node budget ran out before the walk finished
     */
    record Analysis(List<Change> changes, boolean complete) {}

    /** Default bound on compared node pairs (a 10,000-page PDF needs about 10^5). */
    static final int DEFAULT_MAX_NODES = 2_000_000;

    private enum Context {
        STRICT,
        SIGNATURE,
        DOC_TIMESTAMP,
        FORM_FILL,
        ANNOTATION,
        DSS;

        ChangeKind kind() {
            return switch (this) {
                case STRICT -> ChangeKind.OTHER;
                case SIGNATURE -> ChangeKind.SIGNATURE;
                case DOC_TIMESTAMP -> ChangeKind.DOC_TIMESTAMP;
                case FORM_FILL -> ChangeKind.FORM_FILL;
                case ANNOTATION -> ChangeKind.ANNOTATION;
                case DSS -> ChangeKind.DSS;
            };
        }
    }

    private static final COSName FT = COSName.FT;
    private static final COSName SIG = COSName.SIG;
    private static final Set<COSName> BACK_REFERENCES = Set.of(COSName.P, COSName.PARENT);

    /** A linked path, rendered only when a change is recorded (paths in deep graphs would cost quadratic memory). */
    private record Path(Path parent, String segment, int depth) {
        Path child(String s) {
            return new Path(this, s, depth + 1);
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            Path p = this;
            while (p != null && parts.size() < 12) {
                parts.add(p.segment);
                p = p.parent;
            }
            StringBuilder sb = new StringBuilder(p != null ? "…" : "");
            for (int i = parts.size() - 1; i >= 0; i--) {
                sb.append(parts.get(i));
            }
            return sb.toString();
        }
    }

    private record Task(COSBase signed, COSBase current, Path path, Context context) {}

    private final Deque<Task> queue = new ArrayDeque<>();
    private final Set<String> visited = new HashSet<>();
    private final Set<Change> changes = new LinkedHashSet<>();
    private final MessageDigest sha256 = sha256();
    private final int maxNodes;
    private int nodes;

    private PdfRevisionAnalyser(int maxNodes) {
        this.maxNodes = maxNodes;
    }

    /**
     * @param signed   the revision the signature covers (the file up to the end of its ByteRange)
     * @param current  the whole file
     * @param maxNodes bound on compared node pairs
     */
    static Analysis compare(PDDocument signed, PDDocument current, int maxNodes) {
        return new PdfRevisionAnalyser(maxNodes).run(signed, current);
    }

    private Analysis run(PDDocument signed, PDDocument current) {
        COSDictionary signedTrailer = signed.getDocument().getTrailer();
        COSDictionary currentTrailer = current.getDocument().getTrailer();
        Path trailer = new Path(null, "trailer", 0);
        if (!same(signedTrailer.getItem(COSName.ENCRYPT), currentTrailer.getItem(COSName.ENCRYPT))) {
            record(Context.STRICT, trailer.child("/Encrypt"), "the encryption dictionary was changed");
        }
        COSDictionary signedRoot = signed.getDocumentCatalog().getCOSObject();
        COSDictionary currentRoot = current.getDocumentCatalog().getCOSObject();
        Path root = new Path(null, "/Root", 0);
        // The page tree first, then the rest of the catalogue, the AcroForm last: every object is compared in
        // every context it is reachable in, but the order keeps the paths in the report natural.
        List<COSName> keys = new ArrayList<>();
        keys.add(COSName.PAGES);
        union(signedRoot, currentRoot).stream()
                .filter(k -> !k.equals(COSName.PAGES) && !k.equals(COSName.ACRO_FORM))
                .forEach(keys::add);
        keys.add(COSName.ACRO_FORM);
        for (COSName key : keys) {
            COSBase s = signedRoot.getItem(key);
            COSBase c = currentRoot.getItem(key);
            Path path = root.child("/" + key.getName());
            if (key.equals(COSName.getPDFName("DSS")) || key.equals(COSName.getPDFName("Extensions"))) {
                compareEntry(s, c, path, Context.DSS);
            } else if (key.equals(COSName.ACRO_FORM)) {
                compareAcroForm(s, c, path);
            } else {
                compareEntry(s, c, path, Context.STRICT);
            }
            if (!drain()) {
                return new Analysis(List.copyOf(changes), false);
            }
        }
        return new Analysis(List.copyOf(changes), true);
    }

    private boolean drain() {
        while (!queue.isEmpty()) {
            if (++nodes > maxNodes) {
                return false;
            }
            Task t = queue.poll();
            compareNode(t.signed(), t.current(), t.path(), t.context());
        }
        return true;
    }

    /** One dictionary entry or array element: absent on either side is an addition or removal. */
    private void compareEntry(COSBase s, COSBase c, Path path, Context context) {
        boolean sAbsent = s == null || resolve(s) == null;
        boolean cAbsent = c == null || resolve(c) == null;
        if (sAbsent && cAbsent) {
            return;
        }
        if (sAbsent) {
            record(context, path, "added " + describe(c));
        } else if (cAbsent) {
            record(context, path, "removed " + describe(s));
        } else {
            queue.add(new Task(s, c, path, context));
        }
    }

    private void compareNode(COSBase sRaw, COSBase cRaw, Path path, Context context) {
        if (sRaw instanceof COSObject so && cRaw instanceof COSObject co) {
            if (!visited.add(so.getObjectNumber() + "." + so.getGenerationNumber() + ">" + co.getObjectNumber() + "."
                    + co.getGenerationNumber() + "@" + context)) {
                return;
            }
        }
        COSBase s = resolve(sRaw);
        COSBase c = resolve(cRaw);
        if (s instanceof COSStream ss && c instanceof COSStream cs) {
            if (!Arrays.equals(rawDigest(ss), rawDigest(cs))) {
                record(context, path, "the stream data changed (" + describe(sRaw) + " → " + describe(cRaw) + ")");
            }
            compareDictionaries(ss, cs, path, context);
        } else if (s instanceof COSStream || c instanceof COSStream) {
            record(context, path, "changed from " + describe(sRaw) + " to " + describe(cRaw));
        } else if (s instanceof COSDictionary sd && c instanceof COSDictionary cd) {
            compareDictionaries(sd, cd, path, context);
        } else if (s instanceof COSArray sa && c instanceof COSArray ca) {
            if (sa.size() != ca.size()) {
                record(context, path, "array of " + sa.size() + " element(s) now has " + ca.size());
            }
            for (int i = 0; i < Math.min(sa.size(), ca.size()); i++) {
                compareEntry(sa.get(i), ca.get(i), path.child("[" + i + "]"), context);
            }
        } else if (!same(s, c)) {
            record(context, path, "changed from " + describe(s) + " to " + describe(c));
        }
    }

    private void compareDictionaries(COSDictionary s, COSDictionary c, Path path, Context context) {
        boolean page =
                COSName.PAGE.equals(c.getCOSName(COSName.TYPE)) && COSName.PAGE.equals(s.getCOSName(COSName.TYPE));
        for (COSName key : union(s, c)) {
            Path child = path.child("/" + key.getName());
            COSBase sv = s.getItem(key);
            COSBase cv = c.getItem(key);
            if (BACK_REFERENCES.contains(key)) {
                // Back-pointers are compared by identity only; following them would reach the page tree or the
                // field tree from inside an annotation.
                if (!sameReference(sv, cv)) {
                    record(context, child, "now points to " + describe(cv) + " instead of " + describe(sv));
                }
            } else if (page && key.equals(COSName.ANNOTS)) {
                compareAnnotations(sv, cv, child, context);
            } else {
                compareEntry(sv, cv, child, context);
            }
        }
    }

    /** {@code /AcroForm}: signature fields may be added; existing fields may be filled under FORM_FILL. */
    private void compareAcroForm(COSBase sRaw, COSBase cRaw, Path path) {
        COSDictionary s = resolve(sRaw) instanceof COSDictionary d ? d : null;
        COSDictionary c = resolve(cRaw) instanceof COSDictionary d ? d : null;
        if (s == null && c == null) {
            return;
        }
        if (c == null) {
            record(Context.STRICT, path, "the AcroForm was removed");
            return;
        }
        COSDictionary base = s != null ? s : new COSDictionary();
        for (COSName key : union(base, c)) {
            Path child = path.child("/" + key.getName());
            if (key.equals(COSName.FIELDS)) {
                compareFieldArray(base.getItem(key), c.getItem(key), child);
            } else if (key.equals(COSName.SIG_FLAGS)) {
                compareEntry(base.getItem(key), c.getItem(key), child, Context.SIGNATURE);
            } else if (key.equals(COSName.DR)) {
                // default resources only serve to regenerate field appearances (form fillers add fonts here); the
                // appearances themselves are compared where the fields are
                compareEntry(base.getItem(key), c.getItem(key), child, Context.FORM_FILL);
            } else {
                compareEntry(base.getItem(key), c.getItem(key), child, Context.STRICT);
            }
        }
    }

    private void compareFieldArray(COSBase sRaw, COSBase cRaw, Path path) {
        List<COSBase> s = elements(sRaw);
        List<COSBase> c = elements(cRaw);
        for (int i = 0; i < c.size(); i++) {
            COSBase element = c.get(i);
            Optional<COSBase> counterpart = counterpart(element, s, i);
            Path child = path.child("[" + i + "]");
            if (counterpart.isEmpty()) {
                if (isSignatureField(element)) {
                    recordSignature(element, child, "new signature field " + fieldName(element));
                } else {
                    record(Context.STRICT, child, "new form field " + fieldName(element) + " (not a signature)");
                }
            } else {
                compareField(counterpart.get(), element, child);
            }
        }
        for (COSBase element : s) {
            if (counterpart(element, c, -1).isEmpty()) {
                record(Context.STRICT, path, "form field " + fieldName(element) + " was removed");
            }
        }
    }

    /** An existing field (and, through {@code /Kids}, its descendants and widgets). */
    private void compareField(COSBase sRaw, COSBase cRaw, Path path) {
        if (path.depth() > 64) {
            record(Context.STRICT, path, "the field tree is deeper than 64 levels; not compared");
            return;
        }
        if (!(resolve(sRaw) instanceof COSDictionary s) || !(resolve(cRaw) instanceof COSDictionary c)) {
            compareEntry(sRaw, cRaw, path, Context.STRICT);
            return;
        }
        boolean signature = isSignatureField(cRaw) && isSignatureField(sRaw);
        boolean wasEmptySignature = signature && inherited(s, COSName.V) == null;
        for (COSName key : union(s, c)) {
            Path child = path.child("/" + key.getName());
            COSBase sv = s.getItem(key);
            COSBase cv = c.getItem(key);
            boolean value = key.equals(COSName.V) || key.equals(COSName.AS) || key.equals(COSName.AP);
            if (BACK_REFERENCES.contains(key)) {
                if (!sameReference(sv, cv)) {
                    record(Context.STRICT, child, "now points to " + describe(cv) + " instead of " + describe(sv));
                }
            } else if (key.equals(COSName.KIDS)) {
                List<COSBase> sk = elements(sv);
                List<COSBase> ck = elements(cv);
                if (sk.size() != ck.size()) {
                    record(Context.STRICT, child, "the field's kids changed from " + sk.size() + " to " + ck.size());
                }
                for (int i = 0; i < Math.min(sk.size(), ck.size()); i++) {
                    compareField(sk.get(i), ck.get(i), child.child("[" + i + "]"));
                }
            } else if (value && wasEmptySignature) {
                if (isDocTimeStamp(cRaw)) {
                    compareEntry(sv, cv, child, Context.DOC_TIMESTAMP);
                } else {
                    compareEntry(sv, cv, child, Context.SIGNATURE);
                }
            } else if (value && !signature) {
                compareEntry(sv, cv, child, Context.FORM_FILL);
            } else {
                compareEntry(sv, cv, child, Context.STRICT);
            }
        }
    }

    /** A page's {@code /Annots}: new signature widgets, annotations (ANNOTATION), widgets of existing fields. */
    private void compareAnnotations(COSBase sRaw, COSBase cRaw, Path path, Context context) {
        List<COSBase> s = elements(sRaw);
        List<COSBase> c = elements(cRaw);
        for (int i = 0; i < c.size(); i++) {
            COSBase element = c.get(i);
            Optional<COSBase> counterpart = counterpart(element, s, i);
            Path child = path.child("[" + i + "]");
            boolean widget =
                    resolve(element) instanceof COSDictionary d && COSName.WIDGET.equals(d.getCOSName(COSName.SUBTYPE));
            if (counterpart.isEmpty()) {
                if (widget && isSignatureField(element)) {
                    recordSignature(element, child, "new signature widget " + fieldName(element));
                } else if (widget) {
                    record(context, child, "new widget of form field " + fieldName(element) + " (not a signature)");
                } else {
                    record(max(context, Context.ANNOTATION), child, "new " + describe(element) + " annotation");
                }
            } else if (widget) {
                compareField(counterpart.get(), element, child);
                // The widget is also shown: its appearance must not change except as its field allows.
            } else {
                compareEntry(counterpart.get(), element, child, max(context, Context.ANNOTATION));
            }
        }
        for (COSBase element : s) {
            if (counterpart(element, c, -1).isEmpty()) {
                boolean widget = resolve(element) instanceof COSDictionary d
                        && COSName.WIDGET.equals(d.getCOSName(COSName.SUBTYPE));
                record(
                        widget ? context : max(context, Context.ANNOTATION),
                        path,
                        "annotation " + describe(element) + " was removed");
            }
        }
    }

    /** A context only widens the strict one; a permissive context never narrows another permissive one. */
    private static Context max(Context outer, Context inner) {
        return outer == Context.STRICT ? inner : outer;
    }

    /** The element of {@code candidates} that is the same indirect object, or at the same index if direct. */
    private static Optional<COSBase> counterpart(COSBase element, List<COSBase> candidates, int index) {
        if (element instanceof COSObject o) {
            for (COSBase candidate : candidates) {
                if (candidate instanceof COSObject co
                        && co.getObjectNumber() == o.getObjectNumber()
                        && co.getGenerationNumber() == o.getGenerationNumber()) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }
        return index >= 0 && index < candidates.size() && !(candidates.get(index) instanceof COSObject)
                ? Optional.of(candidates.get(index))
                : Optional.empty();
    }

    private static boolean isSignatureField(COSBase raw) {
        return resolve(raw) instanceof COSDictionary d && SIG.equals(inherited(d, FT));
    }

    /** An inheritable field attribute, following {@code /Parent} at most 32 levels. */
    private static COSBase inherited(COSDictionary field, COSName key) {
        COSDictionary d = field;
        for (int i = 0; i < 32 && d != null; i++) {
            COSBase value = d.getDictionaryObject(key);
            if (value != null) {
                return value;
            }
            d = d.getDictionaryObject(COSName.PARENT) instanceof COSDictionary p ? p : null;
        }
        return null;
    }

    private static String fieldName(COSBase raw) {
        return resolve(raw) instanceof COSDictionary d && d.getString(COSName.T) != null
                ? "'" + d.getString(COSName.T) + "' (" + describe(raw) + ")"
                : describe(raw);
    }

    private void recordSignature(COSBase field, Path path, String description) {
        if (isDocTimeStamp(field)) {
            record(Context.DOC_TIMESTAMP, path, description.replace("signature", "document time-stamp"));
        } else {
            record(Context.SIGNATURE, path, description);
        }
    }

    /** Whether the field's signature value is a document time-stamp (ISO 32000-2 §12.8.5). */
    private static boolean isDocTimeStamp(COSBase field) {
        return resolve(field) instanceof COSDictionary d
                && inherited(d, COSName.V) instanceof COSDictionary v
                && COSName.DOC_TIME_STAMP.equals(v.getCOSName(COSName.TYPE));
    }

    private void record(Context context, Path path, String description) {
        changes.add(new Change(context.kind(), path.toString(), description));
    }

    private byte[] rawDigest(COSStream stream) {
        sha256.reset();
        byte[] buffer = new byte[8192];
        try (InputStream in = stream.createRawInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha256.update(buffer, 0, n);
            }
            return sha256.digest();
        } catch (IOException | RuntimeException e) {
            // Unreadable raw data compares unequal to anything.
            return ("unreadable:" + System.identityHashCode(stream)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static List<COSBase> elements(COSBase raw) {
        List<COSBase> list = new ArrayList<>();
        if (resolve(raw) instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                list.add(array.get(i));
            }
        }
        return list;
    }

    private static Set<COSName> union(COSDictionary s, COSDictionary c) {
        Set<COSName> keys = new LinkedHashSet<>(s.keySet());
        keys.addAll(c.keySet());
        return keys;
    }

    private static COSBase resolve(COSBase base) {
        return base instanceof COSObject o ? o.getObject() : base;
    }

    private static boolean same(COSBase a, COSBase b) {
        COSBase x = resolve(a);
        COSBase y = resolve(b);
        if (x == null || y == null) {
            return x == y;
        }
        if (x instanceof COSDictionary || x instanceof COSArray) {
            return x.getClass() == y.getClass() && sameReference(a, b);
        }
        return x.equals(y);
    }

    private static boolean sameReference(COSBase a, COSBase b) {
        if (a instanceof COSObject x && b instanceof COSObject y) {
            return x.getObjectNumber() == y.getObjectNumber() && x.getGenerationNumber() == y.getGenerationNumber();
        }
        return (a == null) == (b == null) && !(a instanceof COSObject) && !(b instanceof COSObject);
    }

    private static String describe(COSBase raw) {
        if (raw == null) {
            return "nothing";
        }
        String ref = raw instanceof COSObject o
                ? "object " + o.getObjectNumber() + " " + o.getGenerationNumber()
                : raw.getKey() != null ? "object " + key(raw.getKey()) : null;
        COSBase value = resolve(raw);
        String what;
        if (value instanceof COSStream stream) {
            what = "stream" + typeOf(stream);
        } else if (value instanceof COSDictionary d) {
            what = "dictionary" + typeOf(d);
        } else if (value instanceof COSArray a) {
            what = "array of " + a.size();
        } else {
            String text = String.valueOf(value);
            what = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        }
        return ref == null ? what : what + " (" + ref + ")";
    }

    private static String key(COSObjectKey key) {
        return key.getNumber() + " " + key.getGeneration();
    }

    private static String typeOf(COSDictionary d) {
        COSName type = d.getCOSName(COSName.TYPE);
        COSName subtype = d.getCOSName(COSName.SUBTYPE);
        return (type != null ? " /" + type.getName() : "") + (subtype != null ? " /" + subtype.getName() : "");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }
}
