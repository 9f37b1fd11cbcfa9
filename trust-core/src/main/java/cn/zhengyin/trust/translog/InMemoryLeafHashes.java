package cn.zhengyin.trust.translog;

import java.util.ArrayList;
import java.util.List;

/**
 * Leaf hashes in a list: for tests, and for auditors who fetched every entry of a log and recompute its root.
 * Subtree hashes are rebuilt from the leaves. Not thread-safe.
 */
public final class InMemoryLeafHashes implements LeafHashes {
    private final List<HashValue> leaves = new ArrayList<>();

    public InMemoryLeafHashes() {}

    public InMemoryLeafHashes(List<HashValue> leafHashes) {
        leaves.addAll(leafHashes);
    }

    /** Appends a leaf hash and returns its index. */
    public long append(HashValue leafHash) {
        leaves.add(leafHash);
        return leaves.size() - 1L;
    }

    /** Replaces a leaf hash (to simulate tampering in tests). */
    public void replace(long index, HashValue leafHash) {
        leaves.set(Math.toIntExact(index), leafHash);
    }

    /** Removes a leaf; later leaves move down one index (to simulate tampering in tests). */
    public void remove(long index) {
        leaves.remove(Math.toIntExact(index));
    }

    public long size() {
        return leaves.size();
    }

    @Override
    public HashValue leafHash(long index) {
        if (index < 0 || index >= leaves.size()) {
            throw new TransparencyLogException("no leaf " + index + "; the log has " + leaves.size() + " leaves");
        }
        return leaves.get((int) index);
    }
}
