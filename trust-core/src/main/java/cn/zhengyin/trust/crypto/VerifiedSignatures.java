package cn.zhengyin.trust.crypto;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which signatures over immutable objects — a certificate or a CRL, by its exact DER bytes — verified with
 * which public key, so that the same certificate chain and the same CRL, embedded in every licence, cost one ECDSA
 * verification each instead of one per licence (issue #18: 10 % of the licence service's CPU went into checking the
 * same few signatures again).
 *
 * <p>Only successes are remembered, keyed by the SHA-256 of the signed object's whole DER encoding (which includes
 * its signature) and of the key's encoding: a different byte anywhere is a different entry and is verified in full,
 * and a failure is never cached, so a check fails closed exactly as without the memo. Time-dependent checks (validity
 * periods, a CRL's nextUpdate, revocation) are not signature checks and stay with the callers. Bounded: when full, the
 * memo starts again empty. Thread-safe.
 */
public final class VerifiedSignatures {
    /** At most this many verified (object, key) pairs are remembered. */
    public static final int MAX_ENTRIES = 4096;

    private static final Map<Key, Boolean> VERIFIED = new ConcurrentHashMap<>();

    private VerifiedSignatures() {}

    private record Key(byte[] object, byte[] publicKey) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(object, k.object) && Arrays.equals(publicKey, k.publicKey);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(object) + Arrays.hashCode(publicKey);
        }
    }

    /** Verifies {@code cert}'s signature with {@code key} (Bouncy Castle), or remembers that it did before. */
    public static void verify(X509Certificate cert, PublicKey key) throws GeneralSecurityException {
        Key k = key(encoded(cert), key);
        if (VERIFIED.containsKey(k)) {
            return;
        }
        cert.verify(key, Providers.bouncyCastle());
        remember(k);
    }

    /** Verifies {@code crl}'s signature with {@code key} (Bouncy Castle), or remembers that it did before. */
    public static void verify(X509CRL crl, PublicKey key) throws GeneralSecurityException {
        Key k = key(encoded(crl), key);
        if (VERIFIED.containsKey(k)) {
            return;
        }
        crl.verify(key, Providers.bouncyCastle());
        remember(k);
    }

    /** Whether {@code cert}'s signature verifies with {@code key}. */
    public static boolean verifies(X509Certificate cert, PublicKey key) {
        try {
            verify(cert, key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Whether this certificate's signature is remembered as verified with this key (for tests). */
    static boolean remembered(X509Certificate cert, PublicKey key) throws GeneralSecurityException {
        return VERIFIED.containsKey(key(encoded(cert), key));
    }

    /** Whether this CRL's signature is remembered as verified with this key (for tests). */
    static boolean remembered(X509CRL crl, PublicKey key) throws GeneralSecurityException {
        return VERIFIED.containsKey(key(encoded(crl), key));
    }

    private static void remember(Key k) {
        if (VERIFIED.size() >= MAX_ENTRIES) {
            VERIFIED.clear();
        }
        VERIFIED.put(k, Boolean.TRUE);
    }

    private static Key key(byte[] der, PublicKey key) {
        return new Key(Digests.sha256(der), Digests.sha256(key.getEncoded()));
    }

    private static byte[] encoded(X509Certificate cert) throws CertificateEncodingException {
        return cert.getEncoded();
    }

    private static byte[] encoded(X509CRL crl) throws CRLException {
        return crl.getEncoded();
    }
}
