package cn.zhengyin.trust.translog;

import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.crypto.SigningKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * A tree head the log vouches for: its size, root hash and time, signed with the log's ECDSA P-256 key
 * (SHA256withECDSA, DER signature) over {@link #signedBytes}:
 * <pre>
 *   "zhengyin-translog-sth/1" 0x00
 *   uint64 treeSize
 *   int64  timestamp, milliseconds since 1970-01-01T00:00:00Z
 *   32 bytes rootHash
 * </pre>
 *
 * @param timestamp when the head was signed; truncated to milliseconds
 * @param signature DER {@code SEQUENCE {r, s}}
 */
public record SignedTreeHead(long treeSize, HashValue rootHash, Instant timestamp, byte[] signature) {
    /** The domain-separation tag that starts the signed bytes. */
    public static final String TAG = "zhengyin-translog-sth/1";

    public SignedTreeHead {
        if (treeSize < 0) {
            throw new TransparencyLogException("a tree size cannot be negative (" + treeSize + ")");
        }
        if (rootHash == null || timestamp == null || signature == null) {
            throw new TransparencyLogException("a signed tree head needs a root hash, a timestamp and a signature");
        }
        timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
        signature = signature.clone();
    }

    /** Signs the head of a tree of {@code treeSize} leaves with root {@code rootHash} at {@code timestamp}. */
    public static SignedTreeHead sign(long treeSize, HashValue rootHash, Instant timestamp, SigningKey key) {
        if (key.algorithm() != SignatureAlgorithm.ECDSA_P256_SHA256) {
            throw new TransparencyLogException("signed tree heads are ECDSA P-256 (SHA256withECDSA); key '"
                    + key.keyId() + "' is " + key.algorithm() + ". Configure the log's ECDSA key.");
        }
        Instant at = timestamp.truncatedTo(ChronoUnit.MILLIS);
        return new SignedTreeHead(treeSize, rootHash, at, key.sign(signedBytes(treeSize, rootHash, at)));
    }

    /** The canonical bytes the signature covers (format above). */
    public static byte[] signedBytes(long treeSize, HashValue rootHash, Instant timestamp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(TAG.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(16)
                .putLong(treeSize)
                .putLong(timestamp.truncatedTo(ChronoUnit.MILLIS).toEpochMilli())
                .array());
        out.writeBytes(rootHash.unsafeBytes());
        return out.toByteArray();
    }

    /** The signature value (a copy). */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** True if the signature is the log's (ECDSA with SHA-256) over this head. */
    public boolean verify(PublicKey logKey) {
        try {
            Signature verifier = Signature.getInstance(SignatureAlgorithm.ECDSA_P256_SHA256.jcaName());
            verifier.initVerify(logKey);
            verifier.update(signedBytes(treeSize, rootHash, timestamp));
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** True if the signature was made with the key {@code logCertificate} certifies (its validity is not checked). */
    public boolean verify(X509Certificate logCertificate) {
        return verify(logCertificate.getPublicKey());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedTreeHead other
                && treeSize == other.treeSize
                && rootHash.equals(other.rootHash)
                && timestamp.equals(other.timestamp)
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(treeSize) * 31 + rootHash.hashCode();
    }

    @Override
    public String toString() {
        return "SignedTreeHead[treeSize=" + treeSize + ", rootHash=" + rootHash + ", timestamp=" + timestamp + "]";
    }
}
