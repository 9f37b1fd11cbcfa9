package cn.zhengyin.licence.share;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port to the stored shares. */
public interface ShareStore {
    void save(Share share);

    Optional<Share> find(String id);

    /** The shares of a licence, newest first. */
    List<Share> byRoot(String root);

    /** Marks a share withdrawn if it is not already; false if it was. */
    boolean withdraw(String id, Instant at);
}
