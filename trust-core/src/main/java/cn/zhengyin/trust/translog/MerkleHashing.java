package cn.zhengyin.trust.translog;

import cn.zhengyin.trust.crypto.Digests;
import java.security.MessageDigest;

/**
 * RFC 9162 §2.1.1 hashing with SHA-256: a leaf is {@code SHA-256(0x00 || data)}, an interior node
 * {@code SHA-256(0x01 || left || right)}, the empty tree {@code SHA-256()}. The distinct prefixes keep a leaf from
 * being passed off as a node (second-preimage attacks).
 */
public final class MerkleHashing {
    /** The root of the empty tree: SHA-256 of the empty string. */
    public static final HashValue EMPTY_ROOT = HashValue.of(Digests.sha256().digest());

    private MerkleHashing() {}

    public static HashValue leafHash(byte[] data) {
        MessageDigest digest = Digests.sha256();
        digest.update((byte) 0x00);
        digest.update(data);
        return HashValue.of(digest.digest());
    }

    public static HashValue nodeHash(HashValue left, HashValue right) {
        MessageDigest digest = Digests.sha256();
        digest.update((byte) 0x01);
        digest.update(left.unsafeBytes());
        digest.update(right.unsafeBytes());
        return HashValue.of(digest.digest());
    }
}
