package cn.zhengyin.trust.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digests Zhengyin computes outside a signature: SHA-256 (file and document hashes, key identifiers) and SM3
 * (GM/T 0003-2012, the SES seal format's hash). One place, so that no module carries its own copy. Hex is lower case.
 */
public final class Digests {

    private Digests() {}

    /** SHA-256 of {@code data}. */
    public static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    /** SHA-256 of {@code data} as 64 lower-case hex digits. */
    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256(data));
    }

    /**
     * SHA-256 of a file's contents as 64 lower-case hex digits, read in a stream (the file is not held in memory).
     *
     * @throws UncheckedIOException if the file cannot be read
     */
    public static String sha256Hex(Path file) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** SM3 of {@code data} (32 bytes), computed by Bouncy Castle. */
    public static byte[] sm3(byte[] data) {
        try {
            return MessageDigest.getInstance("SM3", Providers.bouncyCastle()).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Bouncy Castle has no SM3", e);
        }
    }

    /**
     * A new {@link MessageDigest} for a named algorithm ("SHA-256", "SHA-384", "SM3", …): the JDK's implementation where
     * it has one — its SHA-2 uses the processor's SHA instructions and is several times faster than Bouncy Castle's
     * (issue #18: the byte-range digest of every verified PDF) — else Bouncy Castle's (SM3).
     *
     * @throws NoSuchAlgorithmException if neither knows the algorithm
     */
    public static MessageDigest named(String algorithm) throws NoSuchAlgorithmException {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            return MessageDigest.getInstance(algorithm, Providers.bouncyCastle());
        }
    }

    /** A new SHA-256 {@link MessageDigest}, for hashing in parts. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
