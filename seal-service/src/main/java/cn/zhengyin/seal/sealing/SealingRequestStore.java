package cn.zhengyin.seal.sealing;

import cn.zhengyin.seal.sealing.SealingRequest.State;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sealing requests and, beside each, the uploaded document (until decided or expired) and the sealed file (until it
 * expires). Every change is one atomic update of one stored request, conditional on its state: two approvers
 * deciding at once, or a decision racing the expiry, change it once.
 */
public interface SealingRequestStore {
    void insert(SealingRequest request, byte[] document);

    Optional<SealingRequest> find(String id);

    /** The uploaded document, while it is kept. */
    Optional<byte[]> document(String id);

    /** The sealed file, while it is kept. */
    Optional<byte[]> sealed(String id);

    /**
     * Replaces the request if it is still in state {@code from} and not expired at {@code now}.
     *
     * @param dropDocument also delete the uploaded document
     * @param sealed       the sealed file to keep with it (null: unchanged)
     * @return the uploaded document as it was before this change (empty if the request was not in state {@code from})
     */
    Optional<byte[]> transition(
            String id, State from, Instant now, SealingRequest updated, boolean dropDocument, byte[] sealed);

    /** The requester's newest requests. */
    List<SealingRequest> byRequester(String requester, int limit);

    /** Requests waiting for approval, oldest first. */
    List<SealingRequest> pending(int limit);

    /** Marks requests past their time EXPIRED and deletes their bytes; returns how many. */
    long expire(Instant now);
}
