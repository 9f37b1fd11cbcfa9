package cn.zhengyin.seal.sealing;

import cn.zhengyin.seal.authorisation.Grantee;
import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.signing.SealSigningService;
import cn.zhengyin.seal.signing.SealSigningService.DocumentSealing;
import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.ofd.OfdPackage;
import cn.zhengyin.trust.sealing.OfdDocumentSealer;
import cn.zhengyin.trust.sealing.PdfDocumentSealer;
import cn.zhengyin.trust.sealing.PlacedSeal;
import cn.zhengyin.trust.sealing.SealKeyHolder;
import cn.zhengyin.trust.sealing.SealPlacement;
import cn.zhengyin.trust.sealing.SealUse;
import cn.zhengyin.trust.sealing.SealedDocument;
import cn.zhengyin.trust.sealing.SealingRefusedException;
import cn.zhengyin.trust.sealing.SealingRefusedException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Seals an approval system's own PDF or OFD (用印): every seal is checked for the caller and the document category
 * before the document is even read (seal ISSUED, an authorisation naming {@code doc:<category>}); then trust-core
 * checks the document and resolves the placements ({@link PdfDocumentSealer}, {@link OfdDocumentSealer}) — a refusal
 * there signs nothing — and the seals are signed in order, each digest through {@link SealSigningService}, which
 * records the case number, the document's SHA-256 and the position with each signature.
 */
public final class DocumentSealingService {
    /** A category is a short code: letters, digits and hyphens. */
    static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final SealSigningService signing;
    private final PdfDocumentSealer pdf;
    private final OfdDocumentSealer ofd;
    private final Function<Seal, byte[]> impressions;
    private final Clock clock;
    private final SealUsePolicy policy;

    /** @param impressions the seal's impression (PNG), as the seal's image download serves it */
    public DocumentSealingService(
            SealSigningService signing,
            PdfDocumentSealer pdf,
            OfdDocumentSealer ofd,
            Function<Seal, byte[]> impressions,
            Clock clock) {
        this(signing, pdf, ofd, impressions, clock, SealUsePolicy.none());
    }

    /** @param policy which seals need a second person's approval for each use (用印审批) */
    public DocumentSealingService(
            SealSigningService signing,
            PdfDocumentSealer pdf,
            OfdDocumentSealer ofd,
            Function<Seal, byte[]> impressions,
            Clock clock,
            SealUsePolicy policy) {
        this.signing = signing;
        this.pdf = pdf;
        this.ofd = ofd;
        this.impressions = impressions;
        this.clock = clock;
        this.policy = policy;
    }

    public SealUsePolicy policy() {
        return policy;
    }

    /** Where the seals would go, after the same checks as {@link #seal}; nothing is signed. */
    public record Preview(Format format, List<PlacedSeal> placed, String documentSha256, int pages) {}

    /** One seal to put on the document. */
    public record SealRequest(String sealId, SealPlacement placement, double sizeMm) {}

    /**
     * @param category   the document category the caller's authorisation must name (e.g. {@code decision})
     * @param caseNumber the approval case (recorded)
     */
    public record Request(String category, String caseNumber, List<SealRequest> seals) {
        public Request {
            Objects.requireNonNull(category, "category");
            if (!CATEGORY.matcher(category).matches()) {
                throw new IllegalArgumentException(
                        "category must be 1 to 40 lower-case letters, digits or hyphens, e.g. decision; got '"
                                + category + "'");
            }
            caseNumber = caseNumber == null ? "" : caseNumber.strip();
            if (caseNumber.isEmpty() || caseNumber.length() > 64) {
                throw new IllegalArgumentException("caseNumber is required (1 to 64 characters)");
            }
            seals = List.copyOf(seals);
            if (seals.isEmpty() || seals.size() > 10) {
                throw new IllegalArgumentException("seals must list 1 to 10 seals; got " + seals.size());
            }
        }
    }

    public enum Format {
        PDF("application/pdf", "pdf"),
        OFD("application/ofd", "ofd");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    /** The sealed file, its format, where each seal went and the SHA-256 of the uploaded document. */
    public record Result(Format format, byte[] document, List<PlacedSeal> placed, String documentSha256) {}

    /**
     * @throws SealingRefusedException the document or a placement is refused (nothing signed)
     * @throws cn.zhengyin.seal.lifecycle.SealNotFoundException a seal does not exist
     * @throws cn.zhengyin.seal.signing.SigningRefusedException a seal is not ISSUED or not authorised
     */
    public Result seal(Grantee caller, byte[] document, Request request) {
        for (SealRequest s : request.seals()) {
            if (policy.requiresApproval(s.sealId())) {
                throw new SealingApprovalRequiredException(s.sealId());
            }
        }
        return sealNow(caller, document, request, "");
    }

    /**
     * Seals a request a second person approved (用印审批): the caller is the requester, whose authorisation is checked
     * as for {@link #seal}; the approver is recorded with each signature.
     */
    public Result sealApproved(Grantee caller, byte[] document, Request request, String approvedBy) {
        return sealNow(caller, document, request, approvedBy.isEmpty() ? "" : ", approved by " + approvedBy);
    }

    /** Checks the seals for the caller, the document and the placements; signs nothing. */
    public Preview preview(Grantee caller, byte[] document, Request request) {
        Format format = format(document);
        String sha256 = Digests.sha256Hex(document);
        List<SealUse> uses = uses(caller, request, format, sha256);
        if (format == Format.PDF) {
            PdfDocumentSealer.Plan plan = pdf.plan(document, uses);
            return new Preview(format, plan.placed(), sha256, pdfPages(plan.pdf()));
        }
        OfdDocumentSealer.Plan plan = ofd.plan(document, uses);
        return new Preview(format, plan.placed(), sha256, 0);
    }

    private static int pdfPages(byte[] pdfBytes) {
        try (org.apache.pdfbox.pdmodel.PDDocument d = org.apache.pdfbox.Loader.loadPDF(pdfBytes)) {
            return d.getNumberOfPages();
        } catch (java.io.IOException e) {
            throw new SealingRefusedException(Reason.NOT_A_DOCUMENT, "the PDF cannot be read: " + e.getMessage());
        }
    }

    private List<SealUse> uses(Grantee caller, Request request, Format format, String sha256) {
        List<SealUse> uses = new ArrayList<>();
        for (SealRequest s : request.seals()) {
            Seal seal = signing.checkDocumentSealing(
                    caller,
                    s.sealId(),
                    new DocumentSealing(request.category(), request.caseNumber(), sha256, "not yet placed"),
                    format == Format.PDF ? "PAdES" : "SES");
            uses.add(new SealUse(s.sealId(), seal.name(), s.placement(), s.sizeMm()));
        }
        return uses;
    }

    private Result sealNow(Grantee caller, byte[] document, Request request, String approval) {
        Format format = format(document);
        String sha256 = Digests.sha256Hex(document);
        List<SealUse> uses = uses(caller, request, format, sha256);
        if (format == Format.PDF) {
            PdfDocumentSealer.Plan plan = pdf.plan(document, uses);
            Keys keys = new Keys(caller, request, sha256, plan.placed(), approval);
            SealedDocument sealed = pdf.seal(
                    plan, keys, "用印 " + request.category() + ", case " + request.caseNumber(), clock.instant());
            return new Result(format, sealed.document(), sealed.seals(), sha256);
        }
        OfdDocumentSealer.Plan plan = ofd.plan(document, uses);
        SealedDocument sealed =
                ofd.seal(plan, new Keys(caller, request, sha256, plan.placed(), approval), clock.instant());
        return new Result(format, sealed.document(), sealed.seals(), sha256);
    }

    private static Format format(byte[] document) {
        String head = new String(document, 0, Math.min(document.length, 1024), StandardCharsets.ISO_8859_1);
        if (head.contains("%PDF-")) {
            return Format.PDF;
        }
        if (OfdPackage.looksLikeOfd(document)) {
            return Format.OFD;
        }
        throw new SealingRefusedException(
                Reason.NOT_A_DOCUMENT, "The upload is neither a PDF nor an OFD (a ZIP package with OFD.xml).");
    }

    /** The seals' keys for one sealing: each digest goes to the signing service with the seal's position. */
    private final class Keys implements SealKeyHolder {
        private final Grantee caller;
        private final Request request;
        private final String sha256;
        private final List<PlacedSeal> placed;
        private final String approval;
        private int next;

        Keys(Grantee caller, Request request, String sha256, List<PlacedSeal> placed, String approval) {
            this.approval = approval;
            this.caller = caller;
            this.request = request;
            this.sha256 = sha256;
            this.placed = placed;
        }

        private Seal seal(String sealId) {
            return signing.seal(sealId);
        }

        @Override
        public byte[] impressionPng(String sealId) {
            return impressions.apply(seal(sealId));
        }

        @Override
        public List<X509Certificate> ecdsaChain(String sealId) {
            return seal(sealId)
                    .certificate(SignatureAlgorithm.ECDSA_P256_SHA256)
                    .map(c -> c.chain())
                    .orElseThrow(() -> new SealingRefusedException(
                            Reason.UNSUPPORTED_PLACEMENT,
                            "seal " + sealId + " has no ECDSA certificate to seal a PDF"));
        }

        private DocumentSealing sealing() {
            PlacedSeal p = placed.get(Math.min(next, placed.size() - 1));
            next++;
            return new DocumentSealing(
                    request.category(),
                    request.caseNumber(),
                    sha256,
                    "seal " + (placed.indexOf(p) + 1) + " of " + placed.size() + ": "
                            + p.use().placement().describe() + " -> "
                            + p.regions().stream().map(Object::toString).collect(Collectors.joining("; "))
                            + approval);
        }

        @Override
        public byte[] signPadesDigest(String sealId, byte[] digest) {
            return signing.signDocumentPades(caller, sealId, digest, sealing());
        }

        @Override
        public byte[] seseal(String sealId) {
            return seal(sealId)
                    .seseal()
                    .orElseThrow(() -> new SealingRefusedException(
                            Reason.UNSUPPORTED_PLACEMENT,
                            "seal " + sealId + " has no GB/T 38540 SESeal, so it cannot seal an OFD"));
        }

        @Override
        public byte[] signSes(String sealId, byte[] sm3DataHash, String propertyInfo) {
            return signing.signDocumentSes(caller, sealId, sm3DataHash, propertyInfo, sealing());
        }
    }
}
