package cn.zhengyin.trust.translog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    /** The Certificate Transparency reference leaves (RFC 6962 test data, as in the CT reference implementations). */
    private static final List<String> CT_LEAF_DATA =
            List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f");
    /** Their tree heads for sizes 1..8. */
    private static final List<String> CT_ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static InMemoryLeafHashes ctTree() {
        InMemoryLeafHashes tree = new InMemoryLeafHashes();
        CT_LEAF_DATA.forEach(
                d -> tree.append(MerkleHashing.leafHash(HexFormat.of().parseHex(d))));
        return tree;
    }

    private static List<HashValue> hashes(String... hex) {
        return List.of(hex).stream().map(HashValue::fromHex).toList();
    }

    private static HashValue root(int size) {
        return HashValue.fromHex(CT_ROOTS.get(size - 1));
    }

    @Test
    void emptyTreeRootIsSha256OfNothing() {
        assertThat(MerkleTree.root(new InMemoryLeafHashes(), 0).hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void rootsMatchTheCertificateTransparencyReferenceVectors() {
        InMemoryLeafHashes tree = ctTree();
        for (int size = 1; size <= 8; size++) {
            assertThat(MerkleTree.root(tree, size).hex()).as("size %d", size).isEqualTo(CT_ROOTS.get(size - 1));
        }
    }

    @Test
    void inclusionProofsMatchTheReferenceVectors() {
        InMemoryLeafHashes tree = ctTree();
        assertThat(MerkleTree.inclusionProof(tree, 0, 8).auditPath())
                .isEqualTo(hashes(
                        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
        assertThat(MerkleTree.inclusionProof(tree, 5, 8).auditPath())
                .isEqualTo(hashes(
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
        assertThat(MerkleTree.inclusionProof(tree, 0, 1).auditPath()).isEmpty();
        assertThat(MerkleTree.inclusionProof(tree, 5, 8).verify(tree.leafHash(5), root(8)))
                .isTrue();
    }

    @Test
    void consistencyProofsMatchTheReferenceVectors() {
        InMemoryLeafHashes tree = ctTree();
        ConsistencyProof p28 = MerkleTree.consistencyProof(tree, 2, 8);
        assertThat(p28.path())
                .isEqualTo(hashes(
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
        ConsistencyProof p68 = MerkleTree.consistencyProof(tree, 6, 8);
        assertThat(p68.path())
                .isEqualTo(hashes(
                        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
        ConsistencyProof p25 = MerkleTree.consistencyProof(tree, 2, 5);
        assertThat(p25.path())
                .isEqualTo(hashes(
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
        assertThat(p28.verify(root(2), root(8))).isTrue();
        assertThat(p68.verify(root(6), root(8))).isTrue();
        assertThat(p25.verify(root(2), root(5))).isTrue();
        assertThat(p68.verify(root(5), root(8))).isFalse();
    }

    private static InMemoryLeafHashes pseudoTree(int n) {
        InMemoryLeafHashes tree = new InMemoryLeafHashes();
        for (int i = 0; i < n; i++) {
            tree.append(MerkleHashing.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return tree;
    }

    /**
     * The tree sizes whose every leaf is tampered with (and removed): all sizes up to 17 (every shape of a tree of
     * depth up to 5, full and ragged) and 31, 32, 33 (a full tree of depth 5 and one level more). Tampering every leaf
     * of every size up to 64 cost about 15 s of CPU in every build for no new shape.
     */
    private static boolean tampered(int size) {
        return size <= 17 || size == 31 || size == 32 || size == 33;
    }

    /** For each leaf {@code j} of a tree of {@code n} leaves, the tree with that leaf replaced. */
    private static List<InMemoryLeafHashes> changedTrees(int n) {
        List<InMemoryLeafHashes> trees = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            InMemoryLeafHashes changed = pseudoTree(n);
            changed.replace(j, OTHER);
            trees.add(changed);
        }
        return trees;
    }

    private static final HashValue OTHER = MerkleHashing.leafHash("forged".getBytes(StandardCharsets.UTF_8));

    @Test
    void everyInclusionProofUpTo64LeavesVerifiesAndAChangedOrRemovedLeafBreaksIt() {
        InMemoryLeafHashes tree = pseudoTree(64);
        for (int n = 1; n <= 64; n++) {
            HashValue root = MerkleTree.root(tree, n);
            List<InMemoryLeafHashes> changed = tampered(n) ? changedTrees(n) : List.of();
            for (int i = 0; i < n; i++) {
                InclusionProof proof = MerkleTree.inclusionProof(tree, i, n);
                assertThat(proof.verify(tree.leafHash(i), root))
                        .as("%d of %d", i, n)
                        .isTrue();
                assertThat(proof.verify(OTHER, root)).isFalse();
                if (n > 1) {
                    assertThat(new InclusionProof(
                                            i,
                                            n,
                                            proof.auditPath()
                                                    .subList(
                                                            0, proof.auditPath().size() - 1))
                                    .verify(tree.leafHash(i), root))
                            .isFalse();
                    List<HashValue> longer = new ArrayList<>(proof.auditPath());
                    longer.add(OTHER);
                    assertThat(new InclusionProof(i, n, longer).verify(tree.leafHash(i), root))
                            .isFalse();
                    assertThat(new InclusionProof((i + 1) % n, n, proof.auditPath()).verify(tree.leafHash(i), root))
                            .isFalse();
                }
                // Tampering with any leaf of the tree: the log's new proof no longer reaches the signed root.
                for (int j = 0; j < n && tampered(n); j++) {
                    InclusionProof forged = MerkleTree.inclusionProof(changed.get(j), i, n);
                    InMemoryLeafHashes changedTree = changed.get(j);
                    assertThat(forged.verify(changedTree.leafHash(i), root))
                            .as("leaf %d changed", j)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void removingALeafIsDetectedByInclusionAndConsistencyProofs() {
        for (int n = 2; n <= 64; n++) {
            if (!tampered(n)) {
                continue;
            }
            InMemoryLeafHashes tree = pseudoTree(n);
            HashValue root = MerkleTree.root(tree, n);
            for (int removed = 0; removed < n; removed++) {
                InMemoryLeafHashes shorter = pseudoTree(n);
                shorter.remove(removed);
                shorter.append(OTHER); // the log pads back to the old size
                for (int i = 0; i < n - 1; i++) {
                    HashValue leaf = shorter.leafHash(i);
                    assertThat(MerkleTree.inclusionProof(shorter, i, n).verify(leaf, root))
                            .as("%d of %d after removing %d", i, n, removed)
                            .isFalse();
                }
                InMemoryLeafHashes grown = pseudoTree(n);
                grown.remove(removed);
                grown.append(OTHER);
                grown.append(OTHER);
                ConsistencyProof proof = MerkleTree.consistencyProof(grown, n, n + 1);
                assertThat(proof.verify(root, MerkleTree.root(grown, n + 1))).isFalse();
            }
        }
    }

    @Test
    void everyConsistencyProofUpTo64LeavesVerifiesAndAChangedLeafBreaksIt() {
        InMemoryLeafHashes tree = pseudoTree(64);
        List<HashValue> roots = new ArrayList<>();
        for (int n = 0; n <= 64; n++) {
            roots.add(MerkleTree.root(tree, n));
        }
        for (int second = 0; second <= 64; second++) {
            for (int first = 0; first <= second; first++) {
                ConsistencyProof proof = MerkleTree.consistencyProof(tree, first, second);
                assertThat(proof.verify(roots.get(first), roots.get(second)))
                        .as("%d -> %d", first, second)
                        .isTrue();
                if (first > 0 && first < second) {
                    assertThat(proof.verify(OTHER, roots.get(second))).isFalse();
                    assertThat(proof.verify(roots.get(first), OTHER)).isFalse();
                    List<HashValue> shorter =
                            proof.path().subList(0, proof.path().size() - 1);
                    assertThat(new ConsistencyProof(first, second, shorter).verify(roots.get(first), roots.get(second)))
                            .isFalse();
                    for (int j = 0; j < first && tampered(second); j++) {
                        InMemoryLeafHashes changed = pseudoTree(second);
                        changed.replace(j, OTHER);
                        ConsistencyProof forged = MerkleTree.consistencyProof(changed, first, second);
                        assertThat(forged.verify(roots.get(first), MerkleTree.root(changed, second)))
                                .as("%d -> %d with leaf %d changed", first, second, j)
                                .isFalse();
                    }
                }
            }
        }
        assertThat(new ConsistencyProof(4, 4, List.of()).verify(roots.get(4), roots.get(5)))
                .isFalse();
        assertThat(new ConsistencyProof(0, 8, List.of()).verify(roots.get(1), roots.get(8)))
                .isFalse();
        assertThat(new ConsistencyProof(6, 8, List.of()).verify(roots.get(6), roots.get(8)))
                .isFalse();
    }

    @Test
    void outOfRangeProofRequestsAreRefused() {
        InMemoryLeafHashes tree = pseudoTree(4);
        assertThatThrownBy(() -> MerkleTree.inclusionProof(tree, 4, 4)).isInstanceOf(TransparencyLogException.class);
        assertThatThrownBy(() -> MerkleTree.consistencyProof(tree, 3, 2)).isInstanceOf(TransparencyLogException.class);
        assertThatThrownBy(() -> MerkleTree.root(tree, 5)).isInstanceOf(TransparencyLogException.class);
    }

    /** A store that persists complete subtree hashes as they are finished, as a production log does. */
    private static final class SubtreeStore implements LeafHashes {
        final Map<String, HashValue> nodes = new HashMap<>();
        long size;
        int reads;

        void append(HashValue leaf) {
            for (MerkleTree.Subtree s : MerkleTree.completedSubtrees(this, size, leaf)) {
                nodes.put(s.level() + "/" + s.index(), s.hash());
            }
            size++;
        }

        @Override
        public HashValue leafHash(long index) {
            return subtreeHash(0, index);
        }

        @Override
        public HashValue subtreeHash(int level, long index) {
            reads++;
            HashValue hash = nodes.get(level + "/" + index);
            if (hash == null) {
                throw new TransparencyLogException("no subtree " + level + "/" + index);
            }
            return hash;
        }
    }

    @Test
    void withStoredSubtreesAppendsRootsAndProofsReadLogarithmicallyManyHashes() {
        int n = 3000;
        InMemoryLeafHashes reference = pseudoTree(n);
        SubtreeStore store = new SubtreeStore();
        int maxAppendReads = 0;
        for (int i = 0; i < n; i++) {
            store.reads = 0;
            store.append(reference.leafHash(i));
            maxAppendReads = Math.max(maxAppendReads, store.reads);
        }
        assertThat(maxAppendReads).isLessThanOrEqualTo(12);
        int logN = 64 - Long.numberOfLeadingZeros(n);
        for (long size : new long[] {1, 2, 7, 1024, 1025, 2999, 3000}) {
            store.reads = 0;
            assertThat(MerkleTree.root(store, size)).isEqualTo(MerkleTree.root(reference, size));
            assertThat(store.reads).isLessThanOrEqualTo(logN + 1);
            for (long i : new long[] {0, size / 2, size - 1}) {
                store.reads = 0;
                InclusionProof proof = MerkleTree.inclusionProof(store, i, size);
                assertThat(store.reads).as("inclusion %d/%d", i, size).isLessThanOrEqualTo(3 * logN);
                assertThat(proof.verify(reference.leafHash(i), MerkleTree.root(reference, size)))
                        .isTrue();
            }
            store.reads = 0;
            ConsistencyProof c = MerkleTree.consistencyProof(store, size / 3, size);
            assertThat(store.reads).isLessThanOrEqualTo(3 * logN);
            assertThat(c.verify(MerkleTree.root(reference, size / 3), MerkleTree.root(reference, size)))
                    .isTrue();
        }
    }
}
