package cn.zhengyin.seal.sealing;

import cn.zhengyin.seal.authorisation.Grantee;
import cn.zhengyin.seal.sealing.DocumentSealingService.Preview;
import cn.zhengyin.seal.sealing.DocumentSealingService.Request;
import cn.zhengyin.seal.sealing.DocumentSealingService.Result;
import cn.zhengyin.seal.sealing.DocumentSealingService.SealRequest;
import cn.zhengyin.seal.sealing.SealingRequest.State;
import cn.zhengyin.seal.sealing.SealingRequestException.Kind;
import cn.zhengyin.service.audit.AuditEvent.Outcome;
import cn.zhengyin.service.audit.AuditLog;
import cn.zhengyin.trust.sealing.PlacedSeal;
import cn.zhengyin.trust.sealing.SealPlacement;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Sealing a document from the seal console, with the 用印审批 four-eyes rule: a person uploads a document (a draft,
 * checked at once: seal state, their authorisation for the category, the placement), places the seal, and submits.
 * A seal whose {@link SealUsePolicy} requires approval leaves the request PENDING until a different person approves
 * it — only then is it signed, for the requester — or rejects it with a reason. Other seals are signed at submission.
 *
 * <p>The uploaded document is kept with the request only until it is decided or expires (at most {@code keep} after
 * upload), and the sealed file until {@code keep} after signing; a request larger than {@code maxBytes} is refused.
 * Every step is audited ({@code sealing.request.*}); every signature is a usage of the seal as for the API.
 */
public final class SealingRequestService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DocumentSealingService sealing;
    private final SealingRequestStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration keep;
    private final long maxBytes;

    public SealingRequestService(
            DocumentSealingService sealing,
            SealingRequestStore store,
            AuditLog audit,
            Clock clock,
            Duration keep,
            long maxBytes) {
        this.sealing = sealing;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.keep = keep;
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Where the seal goes, as typed or clicked. */
    public record Placement(
            String kind, int page, double xMm, double yMm, String keyword, int occurrence, double sizeMm) {
        SealPlacement toPlacement() {
            return switch (kind) {
                case "keyword" -> new SealPlacement.AtKeyword(keyword.strip(), occurrence);
                case "cross-page" -> new SealPlacement.CrossPage(yMm);
                default -> new SealPlacement.AtPosition(page, xMm, yMm);
            };
        }
    }

    /**
     * A draft: the document is checked with the placement for the requester (refusals as the API's, nothing stored).
     *
     * @throws cn.zhengyin.trust.sealing.SealingRefusedException          the document or placement is refused
     * @throws cn.zhengyin.seal.signing.SigningRefusedException            the seal is not ISSUED or not authorised
     * @throws cn.zhengyin.seal.lifecycle.SealNotFoundException             no such seal
     */
    public SealingRequest draft(
            String requester, byte[] document, String sealId, String category, String caseNumber, Placement placement) {
        if (document == null || document.length == 0) {
            throw new SealingRequestException(Kind.INVALID, "document", "choose the PDF or OFD to seal");
        }
        if (document.length > maxBytes) {
            throw new SealingRequestException(
                    Kind.INVALID,
                    "document",
                    "the document has " + document.length + " bytes; a sealing request keeps at most " + maxBytes);
        }
        Request request = request(sealId, category, caseNumber, placement);
        Preview preview = check(requester, document, request, placement);
        Instant now = clock.instant();
        store.expire(now);
        SealingRequest draft = new SealingRequest(
                newId(),
                requester,
                sealId,
                request.category(),
                request.caseNumber(),
                placement.kind(),
                placement.page(),
                placement.xMm(),
                placement.yMm(),
                placement.keyword(),
                placement.occurrence(),
                placement.sizeMm(),
                preview.format(),
                preview.documentSha256(),
                preview.pages(),
                positions(preview.placed()),
                sealing.policy().requiresApproval(sealId),
                State.DRAFT,
                now,
                now.plus(keep),
                "",
                Optional.empty(),
                "");
        store.insert(draft, document);
        audit(
                "sealing.request.create",
                Outcome.SUCCESS,
                requester,
                draft,
                Map.of("document", preview.documentSha256(), "position", draft.positions()));
        return draft;
    }

    /** Moves the seal of a draft (its requester only). */
    public SealingRequest place(String id, String requester, Placement placement) {
        SealingRequest current = own(id, requester);
        requireState(current, State.DRAFT);
        byte[] document = store.document(id).orElseThrow(() -> gone(id));
        Request request = request(current.sealId(), current.category(), current.caseNumber(), placement);
        Preview preview = check(requester, document, request, placement);
        SealingRequest moved = current.placed(
                placement.kind(),
                placement.page(),
                placement.xMm(),
                placement.yMm(),
                placement.keyword(),
                placement.occurrence(),
                placement.sizeMm(),
                positions(preview.placed()));
        if (store.transition(id, State.DRAFT, clock.instant(), moved, false, null)
                .isEmpty()) {
            throw changed(id);
        }
        return moved;
    }

    /**
     * Submits a draft: PENDING if the seal requires approval, else signed now (SEALED).
     */
    public SealingRequest submit(String id, String requester) {
        SealingRequest current = own(id, requester);
        requireState(current, State.DRAFT);
        Instant now = clock.instant();
        if (current.approvalRequired()) {
            SealingRequest pending = current.with(State.PENDING, current.expiresAt(), "", Optional.empty(), "");
            if (store.transition(id, State.DRAFT, now, pending, false, null).isEmpty()) {
                throw changed(id);
            }
            audit("sealing.request.submit", Outcome.SUCCESS, requester, pending, Map.of("approval", "required"));
            return pending;
        }
        return sign(current, State.DRAFT, requester, "");
    }

    /** A second person approves: the four-eyes rule, then the signature, for the requester. */
    public SealingRequest approve(String id, String approver) {
        SealingRequest current = decidable(id, approver, "sealing.request.approve");
        return sign(current, State.PENDING, approver, approver);
    }

    public SealingRequest reject(String id, String approver, String reason) {
        SealingRequest current = decidable(id, approver, "sealing.request.reject");
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new SealingRequestException(Kind.INVALID, "reason", "a rejection needs a reason");
        }
        Instant now = clock.instant();
        SealingRequest rejected = current.with(State.REJECTED, now, approver, Optional.of(now), why);
        if (store.transition(id, State.PENDING, now, rejected, true, null).isEmpty()) {
            throw changed(id);
        }
        audit("sealing.request.reject", Outcome.SUCCESS, approver, rejected, Map.of("reason", why));
        return rejected;
    }

    public SealingRequest find(String id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    /** The uploaded document of a draft or pending request (for its preview). */
    public byte[] document(String id) {
        return store.document(id).orElseThrow(() -> gone(id));
    }

    /** The sealed file, for its requester. */
    public byte[] sealed(String id, String requester) {
        SealingRequest request = own(id, requester);
        requireState(request, State.SEALED);
        byte[] sealed = store.sealed(id).orElseThrow(() -> gone(id));
        audit("sealing.request.download", Outcome.SUCCESS, requester, request, Map.of());
        return sealed;
    }

    public List<SealingRequest> byRequester(String requester) {
        return store.byRequester(requester, 50);
    }

    public List<SealingRequest> pending() {
        Instant now = clock.instant();
        return store.pending(100).stream()
                .filter(r -> r.stateAt(now) == State.PENDING)
                .toList();
    }

    public Instant now() {
        return clock.instant();
    }

    private SealingRequest decidable(String id, String approver, String action) {
        SealingRequest current = find(id);
        if (current.requester().equals(approver)) {
            audit(action, Outcome.DENIED, approver, current, Map.of("reason", "four-eyes: own request"));
            throw new SealingRequestException(
                    Kind.FOUR_EYES, "", "四眼原则：申请人不能审批自己的用印申请 (the requester cannot decide their own request)");
        }
        requireState(current, State.PENDING);
        return current;
    }

    private SealingRequest sign(SealingRequest current, State from, String actor, String approver) {
        Instant now = clock.instant();
        // claim the request first: one approver wins, and the document is taken out of the store with it
        SealingRequest claimed = current.with(State.FAILED, now.plus(keep), approver, Optional.of(now), "signing");
        byte[] document =
                store.transition(current.id(), from, now, claimed, true, null).orElseThrow(() -> changed(current.id()));
        Request request = request(
                current.sealId(),
                current.category(),
                current.caseNumber(),
                new Placement(
                        current.placementKind(),
                        current.page(),
                        current.xMm(),
                        current.yMm(),
                        current.keyword(),
                        current.occurrence(),
                        current.sizeMm()));
        Result result;
        try {
            result = sealing.sealApproved(Grantee.person(current.requester()), document, request, approver);
        } catch (RuntimeException e) {
            SealingRequest failed =
                    claimed.with(State.FAILED, now.plus(keep), approver, Optional.of(now), e.getMessage());
            store.transition(current.id(), State.FAILED, clock.instant(), failed, true, null);
            audit(
                    approver.isEmpty() ? "sealing.request.sign" : "sealing.request.approve",
                    Outcome.FAILURE,
                    actor,
                    failed,
                    Map.of("reason", String.valueOf(e.getMessage())));
            throw e;
        }
        SealingRequest sealed = claimed.with(State.SEALED, now.plus(keep), approver, Optional.of(now), "");
        store.transition(current.id(), State.FAILED, clock.instant(), sealed, true, result.document());
        audit(
                approver.isEmpty() ? "sealing.request.sign" : "sealing.request.approve",
                Outcome.SUCCESS,
                actor,
                sealed,
                Map.of("position", positions(result.placed()), "document", result.documentSha256()));
        return sealed;
    }

    private Preview check(String requester, byte[] document, Request request, Placement placement) {
        return sealing.preview(Grantee.person(requester), document, request);
    }

    private static Request request(String sealId, String category, String caseNumber, Placement placement) {
        if (sealId == null || sealId.isBlank()) {
            throw new SealingRequestException(Kind.INVALID, "sealId", "choose a seal");
        }
        SealPlacement where;
        try {
            where = placement.toPlacement();
        } catch (IllegalArgumentException e) {
            throw new SealingRequestException(
                    Kind.INVALID, "keyword".equals(placement.kind()) ? "keyword" : "position", e.getMessage());
        }
        if (placement.sizeMm() < 20 || placement.sizeMm() > 60) {
            throw new SealingRequestException(Kind.INVALID, "sizeMm", "the seal's size is 20 to 60 mm");
        }
        try {
            return new Request(
                    category == null ? "" : category.strip(),
                    caseNumber,
                    List.of(new SealRequest(sealId.strip(), where, placement.sizeMm())));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SealingRequestException(
                    Kind.INVALID,
                    String.valueOf(e.getMessage()).startsWith("category") ? "category" : "caseNumber",
                    e.getMessage());
        }
    }

    private SealingRequest own(String id, String requester) {
        SealingRequest request = find(id);
        if (!request.requester().equals(requester)) {
            throw new SealingRequestException(Kind.NOT_REQUESTER, "", "only the requester may do this");
        }
        return request;
    }

    private void requireState(SealingRequest request, State wanted) {
        State now = request.stateAt(clock.instant());
        if (now != wanted) {
            throw new SealingRequestException(
                    Kind.WRONG_STATE, "", "sealing request " + request.id() + " is " + now + ", not " + wanted);
        }
    }

    private static String positions(List<PlacedSeal> placed) {
        return placed.stream()
                .flatMap(p -> p.regions().stream())
                .map(Object::toString)
                .collect(Collectors.joining("; "));
    }

    private void audit(String action, Outcome outcome, String actor, SealingRequest request, Map<String, String> more) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("request", request.id());
        details.put("requester", request.requester());
        details.put("category", request.category());
        details.put("caseNumber", request.caseNumber());
        details.put("state", request.state().name());
        details.putAll(more);
        audit.record(action, outcome, actor, request.sealId(), details);
    }

    private static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "SR-" + HexFormat.of().formatHex(bytes);
    }

    private static SealingRequestException notFound(String id) {
        return new SealingRequestException(Kind.NOT_FOUND, "", "no sealing request " + id);
    }

    private static SealingRequestException gone(String id) {
        return new SealingRequestException(
                Kind.WRONG_STATE, "", "the document of sealing request " + id + " is no longer kept");
    }

    private static SealingRequestException changed(String id) {
        return new SealingRequestException(
                Kind.WRONG_STATE, "", "sealing request " + id + " was decided, expired or changed meanwhile");
    }
}
