package cn.zhengyin.licence.fieldreuse;

import java.time.Instant;
import java.util.Optional;

/** Port: use codes by the hash of their text. */
public interface UseCodeStore {

    void save(UseCode code);

    /**
     * Redeems the code in one atomic single-document update: only if it is unredeemed, not expired at {@code at} and
     * either open to any client or bound to {@code clientId}. Returns the redeemed code, or empty if any of those
     * conditions failed (a second redemption always fails).
     */
    Optional<UseCode> redeem(String codeHash, String clientId, Instant at);

    /** The code as stored, redeemed or not: to explain a failed redemption. */
    Optional<UseCode> find(String codeHash);
}
