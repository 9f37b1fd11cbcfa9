package cn.zhengyin.trust.pdf;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Decides whether everything a PDF has after a signed revision is an allowed long-term-validation update
 * (ETSI EN 319 142-1 §5.4: adding or replacing the Document Security Store), so that the signature still covers
 * the document as displayed. Allowed, comparing the signed revision (the bytes {@code [0, signedEnd)}) with the
 * latest one, object by object through their cross-reference tables:
 * <ul>
 *   <li>the catalogue (same object) may change only its {@code /DSS} entry; every other entry stays identical;</li>
 *   <li>new objects must not be reachable from the document except through {@code /DSS} (so an old dangling
 *       reference cannot be filled in), cross-reference and object streams excepted;</li>
 *   <li>no other object of the signed revision may be changed or removed; /Root, /Info and /Encrypt of the
 *       trailer stay the same objects.</li>
 * </ul>
 * Deliberately narrow: anything else is "not allowed" and the caller reports the file as changed after signing.
 * Kept separate from {@link PdfSignatureVerifier} so that a general revision analysis can absorb it.
 */
public final class DssOnlyUpdate {

    private static final COSName OBJ_STM = COSName.getPDFName("ObjStm");

    private DssOnlyUpdate() {}

    /**
     * @param allowed     whether the bytes after the signed revision only add validation data
     * @param explanation what was found, in English
     */
    public record Assessment(boolean allowed, String explanation) {}

    /**
     * @param pdf       the whole file
     * @param signedEnd where the signed revision ends (the end of the signature's ByteRange)
     * @param latest    the whole file, already loaded
     * @param maxBytes  memory limit for loading the signed revision
     */
    public static Assessment assess(byte[] pdf, long signedEnd, PDDocument latest, long maxBytes) {
        if (signedEnd <= 0 || signedEnd >= pdf.length) {
            return new Assessment(false, "No bytes follow the signed revision.");
        }
        try (PDDocument signed = Loader.loadPDF(
                new RandomAccessReadBuffer(Arrays.copyOf(pdf, (int) signedEnd)),
                "",
                MemoryUsageSetting.setupMainMemoryOnly(maxBytes).streamCache)) {
            return assess(signed, latest);
        } catch (IOException | RuntimeException e) {
            return new Assessment(false, "The signed revision cannot be read on its own: " + e.getMessage() + ".");
        }
    }

    private static Assessment assess(PDDocument signed, PDDocument latest) {
        COSDictionary oldTrailer = signed.getDocument().getTrailer();
        COSDictionary newTrailer = latest.getDocument().getTrailer();
        for (COSName name : List.of(COSName.ROOT, COSName.INFO, COSName.ENCRYPT)) {
            if (!sameReference(oldTrailer.getItem(name), newTrailer.getItem(name))) {
                return new Assessment(false, "The trailer's /" + name.getName() + " changed after the signature.");
            }
        }
        COSObjectKey rootKey = oldTrailer.getItem(COSName.ROOT) instanceof COSObject root ? root.getKey() : null;
        if (rootKey == null) {
            return new Assessment(false, "The signed revision's /Root is not an indirect object.");
        }
        Map<COSObjectKey, Long> oldXref = signed.getDocument().getXrefTable();
        Map<COSObjectKey, Long> newXref = latest.getDocument().getXrefTable();
        for (COSObjectKey key : oldXref.keySet()) {
            if (!newXref.containsKey(key)) {
                return new Assessment(false, "Object " + key + " of the signed revision was removed.");
            }
        }
        Set<COSObjectKey> added = new HashSet<>();
        boolean catalogueChanged = false;
        for (Map.Entry<COSObjectKey, Long> entry : newXref.entrySet()) {
            COSObjectKey key = entry.getKey();
            if (Objects.equals(oldXref.get(key), entry.getValue())) {
                continue;
            }
            if (key.equals(rootKey)) {
                catalogueChanged = true;
            } else if (oldXref.containsKey(key)) {
                return new Assessment(
                        false,
                        "Object " + key + " of the signed revision was changed after the "
                                + "signature; only the catalogue's /DSS may change.");
            } else {
                added.add(key);
            }
        }
        if (catalogueChanged) {
            COSDictionary oldCatalogue = signed.getDocumentCatalog().getCOSObject();
            COSDictionary newCatalogue = latest.getDocumentCatalog().getCOSObject();
            Set<COSName> names = new HashSet<>(oldCatalogue.keySet());
            names.addAll(newCatalogue.keySet());
            names.remove(PadesLtvExtender.DSS);
            for (COSName name : names) {
                if (!same(oldCatalogue.getItem(name), newCatalogue.getItem(name))) {
                    return new Assessment(
                            false,
                            "The catalogue's /" + name.getName() + " changed after the "
                                    + "signature; only /DSS may be added or replaced.");
                }
            }
        }
        Set<COSObjectKey> reachable = reachableOutsideDss(latest, rootKey);
        for (COSObjectKey key : added) {
            if (reachable.contains(key)) {
                return new Assessment(false, "New object " + key + " is used by the document outside the DSS.");
            }
        }
        return new Assessment(
                true,
                "Only the Document Security Store was "
                        + (added.isEmpty() && !catalogueChanged ? "left unchanged" : "added or replaced")
                        + " after the signature (" + added.size()
                        + " new object(s)).");
    }

    /** Keys of every object reachable from the trailer without entering the catalogue's /DSS. */
    private static Set<COSObjectKey> reachableOutsideDss(PDDocument latest, COSObjectKey rootKey) {
        Set<COSObjectKey> seen = new HashSet<>();
        Deque<COSBase> todo = new ArrayDeque<>();
        todo.push(latest.getDocument().getTrailer());
        Set<COSBase> directSeen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            COSBase item = todo.pop();
            if (item instanceof COSObject reference) {
                COSObjectKey key = reference.getKey();
                if (key == null || !seen.add(key)) {
                    continue;
                }
                COSBase target = reference.getObject();
                if (target == null) {
                    continue;
                }
                if (key.equals(rootKey) && target instanceof COSDictionary catalogue) {
                    for (Map.Entry<COSName, COSBase> e : catalogue.entrySet()) {
                        if (!e.getKey().equals(PadesLtvExtender.DSS)) {
                            todo.push(e.getValue());
                        }
                    }
                    continue;
                }
                todo.push(target);
            } else if (item instanceof COSDictionary dictionary) {
                if (!directSeen.add(dictionary)) {
                    continue;
                }
                if (dictionary instanceof COSStream stream
                        && (COSName.XREF.equals(stream.getCOSName(COSName.TYPE))
                                || OBJ_STM.equals(stream.getCOSName(COSName.TYPE)))) {
                    continue;
                }
                dictionary.getValues().forEach(todo::push);
            } else if (item instanceof COSArray array) {
                if (!directSeen.add(array)) {
                    continue;
                }
                for (int i = 0; i < array.size(); i++) {
                    todo.push(array.get(i));
                }
            }
        }
        return seen;
    }

    private static boolean sameReference(COSBase a, COSBase b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        return same(a, b);
    }

    /** Structural equality of two values as stored: references by object key, direct values by content. */
    private static boolean same(COSBase a, COSBase b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof COSObject x && b instanceof COSObject y) {
            return x.getKey() != null && x.getKey().equals(y.getKey());
        }
        if (a instanceof COSObject || b instanceof COSObject || a instanceof COSStream || b instanceof COSStream) {
            return false;
        }
        if (a instanceof COSDictionary x && b instanceof COSDictionary y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (COSName name : x.keySet()) {
                if (!same(x.getItem(name), y.getItem(name))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof COSArray x && b instanceof COSArray y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof COSString x && b instanceof COSString y) {
            return Arrays.equals(x.getBytes(), y.getBytes());
        }
        return a.equals(b);
    }
}
