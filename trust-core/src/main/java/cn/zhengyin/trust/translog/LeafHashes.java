package cn.zhengyin.trust.translog;

/**
 * Where a log keeps its hashes: the port {@link MerkleTree} computes roots and proofs over. A store that keeps only
 * leaf hashes implements {@link #leafHash}; the default {@link #subtreeHash} then rebuilds any subtree from its
 * leaves, O(2^level) reads. A store for a large log also persists the hash of every complete subtree (as CT logs do)
 * and overrides {@link #subtreeHash} with one read, so roots and proofs cost O(log n) reads.
 *
 * <p>A complete subtree is identified by {@code (level, index)}: it covers the {@code 2^level} leaves
 * {@code [index·2^level, (index+1)·2^level)}; level 0 is the leaves themselves. In an append-only log these hashes
 * never change once all their leaves exist.
 */
public interface LeafHashes {

    /**
     * @param index a leaf index below the log's size
     * @return the RFC 9162 leaf hash of that leaf
     * @throws TransparencyLogException if there is no such leaf
     */
    HashValue leafHash(long index);

    /**
     * The hash of the complete subtree {@code (level, index)}, all of whose leaves exist.
     *
     * @throws TransparencyLogException if one of its leaves does not exist
     */
    default HashValue subtreeHash(int level, long index) {
        if (level == 0) {
            return leafHash(index);
        }
        return MerkleHashing.nodeHash(subtreeHash(level - 1, 2 * index), subtreeHash(level - 1, 2 * index + 1));
    }
}
