package cn.zhengyin.trust.translog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 9162 §2.1.1 hashing with SHA-256: a leaf is {@code SHA-256(0x00 || data)}, an interior node
 * {@code SHA-256(0x01 || left || right)}, the empty tree {@code SHA-256()}. The distinct prefixes keep a leaf from
 * being passed off as a node (second-preimage attacks).
 */
public final class MerkleHashing {
    /** The root of the empty tree: SHA-256 of the empty string. */
    public static final HashValue EMPTY_ROOT = HashValue.of(sha256().digest());

    private MerkleHashing() {}

    public static HashValue leafHash(byte[] data) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x00);
        digest.update(data);
        return HashValue.of(digest.digest());
    }

    public static HashValue nodeHash(HashValue left, HashValue right) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x01);
        digest.update(left.unsafeBytes());
        digest.update(right.unsafeBytes());
        return HashValue.of(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
