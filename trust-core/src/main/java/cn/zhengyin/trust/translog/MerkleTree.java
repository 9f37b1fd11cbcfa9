package cn.zhengyin.trust.translog;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 §2.1 Merkle tree algorithms over hashes held in a {@link LeafHashes} store: the tree head MTH for any size,
 * inclusion proofs (§2.1.3.1) and consistency proofs (§2.1.4.1), and the complete subtrees an append finishes, which a
 * store persists so that all of these cost O(log n) reads.
 *
 * <p>Every range this class hashes is split as the RFC says: for {@code n > 1} leaves, {@code k} is the largest power
 * of two smaller than {@code n}, and {@code MTH(D[n]) = nodeHash(MTH(D[0:k]), MTH(D[k:n]))}. A range that is a whole
 * aligned power of two is read from the store as one subtree; along a proof at most one range per level is not, so a
 * proof reads O(log n) hashes.
 */
public final class MerkleTree {

    private MerkleTree() {}

    /** A complete subtree hash: {@code 2^level} leaves starting at leaf {@code index·2^level}. */
    public record Subtree(int level, long index, HashValue hash) {}

    /** MTH(D[0:size]); {@link MerkleHashing#EMPTY_ROOT} for size 0. */
    public static HashValue root(LeafHashes store, long size) {
        if (size < 0) {
            throw new TransparencyLogException("a tree size cannot be negative (" + size + ")");
        }
        return size == 0 ? MerkleHashing.EMPTY_ROOT : rangeHash(store, 0, size);
    }

    /**
     * The audit path of leaf {@code leafIndex} in the tree of the first {@code treeSize} leaves (RFC 9162 §2.1.3.1).
     *
     * @throws TransparencyLogException unless {@code 0 <= leafIndex < treeSize}
     */
    public static InclusionProof inclusionProof(LeafHashes store, long leafIndex, long treeSize) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new TransparencyLogException("leaf " + leafIndex + " is not in a tree of size " + treeSize
                    + "; ask for a leaf index below the tree size");
        }
        List<HashValue> path = new ArrayList<>();
        path(store, leafIndex, 0, treeSize, path);
        return new InclusionProof(leafIndex, treeSize, path);
    }

    /**
     * The proof that the tree of size {@code first} is a prefix of the tree of size {@code second} (RFC 9162 §2.1.4.1).
     * Empty when {@code first} is 0 or equals {@code second}.
     *
     * @throws TransparencyLogException unless {@code 0 <= first <= second}
     */
    public static ConsistencyProof consistencyProof(LeafHashes store, long first, long second) {
        if (first < 0 || first > second) {
            throw new TransparencyLogException("no consistency proof from size " + first + " to size " + second
                    + "; the first size must be between 0 and the second");
        }
        List<HashValue> path = new ArrayList<>();
        if (first > 0 && first < second) {
            subproof(store, first, 0, second, true, path);
        }
        return new ConsistencyProof(first, second, path);
    }

    /**
     * The complete subtrees that appending leaf {@code index} (with hash {@code leafHash}) finishes, lowest first:
     * always {@code (0, index)}, then one more per trailing one-bit of {@code index}. Reads the left siblings, O(log n).
     * A store persists them (highest level first, if it wants "leaf-level node present" to imply "path present").
     */
    public static List<Subtree> completedSubtrees(LeafHashes store, long index, HashValue leafHash) {
        if (index < 0) {
            throw new TransparencyLogException("a leaf index cannot be negative (" + index + ")");
        }
        List<Subtree> done = new ArrayList<>();
        HashValue hash = leafHash;
        int level = 0;
        long i = index;
        done.add(new Subtree(0, i, hash));
        while ((i & 1) == 1) {
            hash = MerkleHashing.nodeHash(store.subtreeHash(level, i - 1), hash);
            level++;
            i >>= 1;
            done.add(new Subtree(level, i, hash));
        }
        return done;
    }

    /** MTH(D[lo:hi]) for 0 <= lo < hi. */
    static HashValue rangeHash(LeafHashes store, long lo, long hi) {
        long n = hi - lo;
        if (Long.bitCount(n) == 1 && lo % n == 0) {
            return store.subtreeHash(Long.numberOfTrailingZeros(n), lo / n);
        }
        long k = largestPowerOfTwoBelow(n);
        return MerkleHashing.nodeHash(rangeHash(store, lo, lo + k), rangeHash(store, lo + k, hi));
    }

    /** PATH(m, D[lo:hi]) with m absolute; appends bottom-up. */
    private static void path(LeafHashes store, long m, long lo, long hi, List<HashValue> out) {
        long n = hi - lo;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m - lo < k) {
            path(store, m, lo, lo + k, out);
            out.add(rangeHash(store, lo + k, hi));
        } else {
            path(store, m, lo + k, hi, out);
            out.add(rangeHash(store, lo, lo + k));
        }
    }

    /** SUBPROOF(m, D[lo:hi], b) with m relative to lo. */
    private static void subproof(LeafHashes store, long m, long lo, long hi, boolean whole, List<HashValue> out) {
        long n = hi - lo;
        if (m == n) {
            if (!whole) {
                out.add(rangeHash(store, lo, hi));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(store, m, lo, lo + k, whole, out);
            out.add(rangeHash(store, lo + k, hi));
        } else {
            subproof(store, m - k, lo + k, hi, false, out);
            out.add(rangeHash(store, lo, lo + k));
        }
    }

    /** The largest power of two strictly smaller than n (n >= 2). */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
