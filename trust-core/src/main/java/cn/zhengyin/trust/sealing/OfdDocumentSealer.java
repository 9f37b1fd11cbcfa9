package cn.zhengyin.trust.sealing;

import cn.zhengyin.trust.ofd.OfdFormatException;
import cn.zhengyin.trust.ofd.OfdPages;
import cn.zhengyin.trust.ofd.OfdSealPreparer;
import cn.zhengyin.trust.ofd.OfdSignaturePreparation;
import cn.zhengyin.trust.sealing.PlacedSeal.Region;
import cn.zhengyin.trust.sealing.SealingRefusedException.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Seals an arbitrary OFD (用印) with a GB/T 38540 electronic seal signature, laid out by the same
 * {@link OfdSealPreparer} licences use: the SES signature protects every part of the package (Signatures.xml
 * included), so an OFD takes <b>one</b> seal here — a second seal (co-sealing) or sealing an OFD that is signed
 * already is refused, since it would break the first signature's coverage. The seal shows as {@code StampAnnot}s: one
 * at the position asked, or, for a cross-page seal (骑缝章), one per page whose {@code Boundary} is the whole seal
 * shifted so that strip {@code i} lies on page {@code i}'s right edge, with a {@code Clip} showing only that strip (the
 * layout ofdrw's {@code RidingStampPos} writes). An OFD listing attachments is refused, as embedded files in a PDF
 * are. Only the SM3 hash of Signature.xml reaches the key.
 */
public final class OfdDocumentSealer {
    private final SealingLimits limits;
    private final OfdSealPreparer preparer;

    public OfdDocumentSealer(SealingLimits limits, String providerName, String providerVersion) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.preparer = new OfdSealPreparer(providerName, providerVersion);
    }

    /** An OFD ready for sealing: its checks passed and the placement resolved. */
    public record Plan(byte[] ofd, List<PlacedSeal> placed, List<OfdPages.Page> pages) {}

    /** @throws SealingRefusedException if the document or the placement is refused */
    public Plan plan(byte[] ofd, List<SealUse> uses) {
        if (uses.isEmpty()) {
            throw new IllegalArgumentException("at least one seal is needed");
        }
        if (ofd.length > limits.maxBytes()) {
            throw new SealingRefusedException(
                    Reason.TOO_LARGE,
                    "The document has " + ofd.length + " bytes; at most " + limits.maxBytes() + " are accepted.");
        }
        if (uses.size() > 1) {
            throw new SealingRefusedException(
                    Reason.UNSUPPORTED_PLACEMENT,
                    "An OFD takes one seal here: its GB/T 38540 signature protects the whole package, Signatures.xml"
                            + " included, so a second seal would break the first. Co-seal a PDF, or seal the OFD"
                            + " once.");
        }
        OfdPages.Layout layout;
        try {
            layout = OfdPages.read(ofd);
        } catch (OfdFormatException e) {
            throw new SealingRefusedException(Reason.NOT_A_DOCUMENT, "The OFD cannot be read: " + e.getMessage());
        }
        if (layout.signed()) {
            throw new SealingRefusedException(
                    Reason.UNSUPPORTED_PLACEMENT,
                    "The OFD is sealed already; its signature protects the whole package, so no further seal can be"
                            + " added without breaking it.");
        }
        if (layout.attachments()) {
            throw new SealingRefusedException(
                    Reason.ACTIVE_CONTENT,
                    "The OFD lists attachments (附件): documents with embedded files are refused, not flattened;"
                            + " export the document without them.");
        }
        if (layout.pages().size() > limits.maxPages()) {
            throw new SealingRefusedException(
                    Reason.TOO_MANY_PAGES,
                    "The OFD has " + layout.pages().size() + " pages; at most " + limits.maxPages() + " are accepted.");
        }
        List<Placements.PageSize> sizes = layout.pages().stream()
                .map(p -> new Placements.PageSize(p.widthMm(), p.heightMm()))
                .toList();
        SealUse use = uses.get(0);
        List<Region> regions = Placements.resolve(use, sizes, keyword -> find(layout, keyword), "OFD");
        return new Plan(ofd, List.of(new PlacedSeal(use, regions)), layout.pages());
    }

    private static List<Placements.Hit> find(OfdPages.Layout layout, String keyword) {
        List<Placements.Hit> hits = new ArrayList<>();
        for (OfdPages.Page page : layout.pages()) {
            StringBuilder text = new StringBuilder();
            List<OfdPages.Glyph> glyphs = new ArrayList<>();
            for (OfdPages.Glyph g : page.glyphs()) {
                if (!Character.isWhitespace(g.codePoint())) {
                    for (char c : Character.toChars(g.codePoint())) {
                        text.append(c);
                        glyphs.add(g);
                    }
                }
            }
            for (int[] range : Placements.occurrences(text.toString(), keyword)) {
                double left = Double.MAX_VALUE,
                        right = -Double.MAX_VALUE,
                        top = Double.MAX_VALUE,
                        bottom = -Double.MAX_VALUE;
                for (int i = range[0]; i < range[1]; i++) {
                    OfdPages.Glyph g = glyphs.get(i);
                    left = Math.min(left, g.xMm());
                    right = Math.max(right, g.xMm() + g.advanceMm());
                    top = Math.min(top, g.baselineMm() - 0.85 * g.sizeMm());
                    bottom = Math.max(bottom, g.baselineMm() + 0.15 * g.sizeMm());
                }
                hits.add(new Placements.Hit(page.index() + 1, left, top, right, bottom));
            }
        }
        return hits;
    }

    /** Seals as planned: the seal's SESeal from the key holder, the SES signature over Signature.xml's SM3 hash. */
    public SealedDocument seal(Plan plan, SealKeyHolder keys, Instant signingTime) {
        PlacedSeal placed = plan.placed().get(0);
        String sealId = placed.use().sealId();
        double size = placed.use().sizeMm();
        List<Region> regions = placed.regions();
        List<OfdSealPreparer.Stamp> stamps = new ArrayList<>();
        if (regions.size() == 1) {
            Region r = regions.get(0);
            stamps.add(new OfdSealPreparer.Stamp(r.page() - 1, r.xMm(), r.yMm(), r.widthMm(), r.heightMm()));
        } else {
            for (int i = 0; i < regions.size(); i++) {
                Region r = regions.get(i);
                double strip = r.widthMm();
                stamps.add(new OfdSealPreparer.Stamp(
                        r.page() - 1,
                        r.xMm() - i * strip,
                        r.yMm(),
                        size,
                        size,
                        Optional.of(new OfdSealPreparer.Clip(i * strip, 0, strip, size))));
            }
        }
        OfdSignaturePreparation prepared;
        try {
            prepared = preparer.prepare(plan.ofd(), keys.seseal(sealId), stamps, signingTime);
        } catch (OfdFormatException e) {
            throw new SealingRefusedException(
                    Reason.NOT_A_DOCUMENT, "The OFD cannot be prepared for sealing: " + e.getMessage());
        }
        byte[] sealed = prepared.complete(keys.signSes(sealId, prepared.dataHash(), prepared.propertyInfo()));
        return new SealedDocument(sealed, plan.placed());
    }
}
