package cn.zhengyin.trust.translog;

import java.util.ArrayList;
import java.util.List;

/**
 * That the tree of size {@code firstSize} is a prefix of the tree of size {@code secondSize} (RFC 9162 §2.1.4): no
 * leaf of the first tree was changed or removed, only leaves were appended.
 */
public record ConsistencyProof(long firstSize, long secondSize, List<HashValue> path) {

    public ConsistencyProof {
        path = List.copyOf(path);
    }

    /**
     * RFC 9162 §2.1.4.2. The degenerate cases: from size 0 everything is consistent (empty path, and the first root
     * must be the empty tree's); equal sizes need an empty path and equal roots.
     */
    public boolean verify(HashValue firstRoot, HashValue secondRoot) {
        if (firstSize < 0 || firstSize > secondSize) {
            return false;
        }
        if (firstSize == 0) {
            return path.isEmpty() && firstRoot.equals(MerkleHashing.EMPTY_ROOT);
        }
        if (firstSize == secondSize) {
            return path.isEmpty() && firstRoot.equals(secondRoot);
        }
        if (path.isEmpty()) {
            return false;
        }
        List<HashValue> c = new ArrayList<>(path);
        if (Long.bitCount(firstSize) == 1) {
            c.addFirst(firstRoot);
        }
        long fn = firstSize - 1;
        long sn = secondSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        HashValue fr = c.getFirst();
        HashValue sr = c.getFirst();
        for (HashValue value : c.subList(1, c.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHashing.nodeHash(value, fr);
                sr = MerkleHashing.nodeHash(value, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = MerkleHashing.nodeHash(sr, value);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return fr.equals(firstRoot) && sr.equals(secondRoot) && sn == 0;
    }
}
