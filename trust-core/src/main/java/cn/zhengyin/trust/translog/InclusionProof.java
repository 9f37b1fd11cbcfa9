package cn.zhengyin.trust.translog;

import java.util.List;
import java.util.Optional;

/**
 * That leaf {@code leafIndex} is in the tree of size {@code treeSize}: the audit path, bottom-up (RFC 9162 §2.1.3).
 *
 * @param auditPath the sibling hashes from the leaf's level up to the root's children
 */
public record InclusionProof(long leafIndex, long treeSize, List<HashValue> auditPath) {

    public InclusionProof {
        auditPath = List.copyOf(auditPath);
    }

    /** True if {@code leafHash} at {@code leafIndex} with this path gives {@code root} (RFC 9162 §2.1.3.2). */
    public boolean verify(HashValue leafHash, HashValue root) {
        return rootFrom(leafHash).filter(root::equals).isPresent();
    }

    /**
     * The root this path and {@code leafHash} lead to, following RFC 9162 §2.1.3.2; empty if the path does not fit
     * the index and size (too long, too short, index not below size).
     */
    public Optional<HashValue> rootFrom(HashValue leafHash) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return Optional.empty();
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        HashValue r = leafHash;
        for (HashValue p : auditPath) {
            if (sn == 0) {
                return Optional.empty();
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHashing.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = MerkleHashing.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? Optional.of(r) : Optional.empty();
    }
}
