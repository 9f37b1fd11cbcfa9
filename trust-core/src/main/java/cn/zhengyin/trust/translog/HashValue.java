package cn.zhengyin.trust.translog;

import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 value (32 bytes): a leaf hash, an interior node hash or a root hash. Immutable. */
public final class HashValue {
    /** SHA-256 output length in bytes. */
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private HashValue(byte[] bytes) {
        this.bytes = bytes;
    }

    /** @throws TransparencyLogException if {@code bytes} is not 32 bytes long */
    public static HashValue of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new TransparencyLogException(
                    "a SHA-256 hash has " + LENGTH + " bytes, this one has " + (bytes == null ? "none" : bytes.length));
        }
        return new HashValue(bytes.clone());
    }

    /** @param hex 64 hex digits (either case) */
    public static HashValue fromHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new TransparencyLogException("a SHA-256 hash is " + 2 * LENGTH + " hex digits, got '" + hex + "'");
        }
        try {
            return new HashValue(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new TransparencyLogException("'" + hex + "' is not a hex SHA-256 hash: " + e.getMessage(), e);
        }
    }

    /** @return a copy of the 32 bytes */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    byte[] unsafeBytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HashValue other && java.security.MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
