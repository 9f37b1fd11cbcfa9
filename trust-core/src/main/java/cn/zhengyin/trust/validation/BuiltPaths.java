package cn.zhengyin.trust.validation;

import cn.zhengyin.trust.crypto.Digests;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the certification paths {@link CertificateChainValidator} has built (issue #18): every licence carries
 * the same seal, TSA and CA certificates, and building their path again (the JDK's PKIX verifies each certificate's
 * signature) was a third of the verification API's CPU — three paths per licence PDF.
 *
 * <p>A path depends on the time only through the certificates' validity periods (revocation is checked by the
 * validator itself, never by PKIX). So a path is remembered for the exact inputs it was built from — the target, the
 * candidate pool and the trust anchors, each by the SHA-256 of its DER encoding — and reused only if every certificate
 * on it is valid at the new time; otherwise the path is built in full again, which fails or finds another one exactly
 * as without the memo. Only successes are remembered. Bounded: when full, the memo starts again empty. Thread-safe.
 */
final class BuiltPaths {
    /** At most this many built paths are remembered. */
    static final int MAX_ENTRIES = 1024;

    private static final Map<Key, Path> PATHS = new ConcurrentHashMap<>();

    private BuiltPaths() {}

    /** A path as built: target first, excluding the anchor; and the anchor it ends at. */
    record Path(List<X509Certificate> certificates, X509Certificate anchor) {}

    private record Key(byte[] digest) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(digest, k.digest);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(digest);
        }
    }

    /**
     * The key of these inputs: the target, then the pool's and the anchors' certificates as sorted sets of digests (the
     * builder's result does not depend on their order or on duplicates). Empty if a certificate cannot be encoded.
     */
    static Optional<Object> key(
            X509Certificate target, Collection<X509Certificate> pool, Collection<X509Certificate> anchors) {
        try {
            MessageDigest all = Digests.sha256();
            all.update(Digests.sha256(target.getEncoded()));
            all.update(sortedDigests(pool));
            all.update((byte) 0);
            all.update(sortedDigests(anchors));
            return Optional.of(new Key(all.digest()));
        } catch (CertificateEncodingException e) {
            return Optional.empty();
        }
    }

    private static byte[] sortedDigests(Collection<X509Certificate> certificates) throws CertificateEncodingException {
        byte[][] digests = new byte[certificates.size()][];
        int i = 0;
        for (X509Certificate c : certificates) {
            digests[i++] = Digests.sha256(c.getEncoded());
        }
        Arrays.sort(digests, Arrays::compare);
        MessageDigest set = Digests.sha256();
        byte[] previous = null;
        for (byte[] d : digests) {
            if (!Arrays.equals(d, previous)) {
                set.update(d);
            }
            previous = d;
        }
        return set.digest();
    }

    /** The path remembered for {@code key} if every certificate on it is valid at {@code at}. */
    static Optional<Path> validAt(Object key, Instant at) {
        Path path = PATHS.get((Key) key);
        if (path == null) {
            return Optional.empty();
        }
        Date date = Date.from(at);
        for (X509Certificate c : path.certificates()) {
            try {
                c.checkValidity(date);
            } catch (CertificateException e) {
                return Optional.empty();
            }
        }
        return Optional.of(path);
    }

    static void remember(Object key, Path path) {
        if (PATHS.size() >= MAX_ENTRIES) {
            PATHS.clear();
        }
        PATHS.put((Key) key, path);
    }

    /** How many paths are remembered (for tests). */
    static int size() {
        return PATHS.size();
    }
}
