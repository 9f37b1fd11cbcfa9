package cn.zhengyin.seal.sealing;

import cn.zhengyin.seal.sealing.DocumentSealingService.Format;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A document to seal, asked for in the seal console: a draft while its requester places the seal; pending while it
 * waits for a second person's approval (用印审批); then sealed or rejected; expired when nobody decided in time. The
 * document's bytes are stored beside it (not in this record) only until it is decided or expires.
 *
 * @param placementKind  {@code position}, {@code keyword} or {@code cross-page}
 * @param occurrence     for a keyword: 1, 2, … or {@link cn.zhengyin.trust.sealing.SealPlacement.AtKeyword#LAST}
 * @param positions      where the seal lies (the planned regions), as shown in the preview and recorded
 * @param decidedBy      the approver who approved or rejected (empty before)
 */
public record SealingRequest(
        String id,
        String requester,
        String sealId,
        String category,
        String caseNumber,
        String placementKind,
        int page,
        double xMm,
        double yMm,
        String keyword,
        int occurrence,
        double sizeMm,
        Format format,
        String documentSha256,
        int pages,
        String positions,
        boolean approvalRequired,
        State state,
        Instant createdAt,
        Instant expiresAt,
        String decidedBy,
        Optional<Instant> decidedAt,
        String decisionReason) {

    public enum State {
        /** the requester is placing the seal */
        DRAFT,
        /** submitted, waiting for a second person's approval */
        PENDING,
        /** approved (or needing no approval) and signed: the requester may download the sealed file */
        SEALED,
        REJECTED,
        /** approved, but the signature was refused (e.g. the seal was suspended meanwhile) */
        FAILED,
        /** not decided in time; its bytes are gone */
        EXPIRED
    }

    public SealingRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        keyword = keyword == null ? "" : keyword;
        decidedBy = decidedBy == null ? "" : decidedBy;
        decisionReason = decisionReason == null ? "" : decisionReason;
        positions = positions == null ? "" : positions;
    }

    /** The state at {@code now}: an undecided request past its time is expired even before the store says so. */
    public State stateAt(Instant now) {
        return (state == State.DRAFT || state == State.PENDING || state == State.SEALED) && !now.isBefore(expiresAt)
                ? State.EXPIRED
                : state;
    }

    public SealingRequest with(State newState, Instant newExpiry, String by, Optional<Instant> at, String reason) {
        return new SealingRequest(
                id,
                requester,
                sealId,
                category,
                caseNumber,
                placementKind,
                page,
                xMm,
                yMm,
                keyword,
                occurrence,
                sizeMm,
                format,
                documentSha256,
                pages,
                positions,
                approvalRequired,
                newState,
                createdAt,
                newExpiry,
                by,
                at,
                reason);
    }

    public SealingRequest placed(
            String kind, int newPage, double x, double y, String word, int n, double size, String newPositions) {
        return new SealingRequest(
                id,
                requester,
                sealId,
                category,
                caseNumber,
                kind,
                newPage,
                x,
                y,
                word,
                n,
                size,
                format,
                documentSha256,
                pages,
                newPositions,
                approvalRequired,
                state,
                createdAt,
                expiresAt,
                decidedBy,
                decidedAt,
                decisionReason);
    }
}
