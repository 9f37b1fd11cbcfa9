/**
 * An append-only transparency log of licence events: RFC 9162 (Certificate Transparency 2.0) §2.1 Merkle tree hashing
 * ({@link cn.zhengyin.trust.translog.MerkleHashing}), tree heads, inclusion and consistency proofs computed over
 * hashes kept outside ({@link cn.zhengyin.trust.translog.LeafHashes}, {@link cn.zhengyin.trust.translog.MerkleTree}),
 * their verification ({@link cn.zhengyin.trust.translog.InclusionProof},
 * {@link cn.zhengyin.trust.translog.ConsistencyProof}), signed tree heads
 * ({@link cn.zhengyin.trust.translog.SignedTreeHead}) and the leaf format, a commitment to one licence event that holds
 * no personal data ({@link cn.zhengyin.trust.translog.LogEntry}). Formats: docs/transparency-log.md.
 */
@NullMarked
package cn.zhengyin.trust.translog;

import org.jspecify.annotations.NullMarked;
