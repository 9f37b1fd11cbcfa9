package cn.zhengyin.trust.trustlist;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Set;

/**
 * Who may sign the trust list: a pinned list-signer certificate (the signer must be exactly one of them), or anchors
 * the signer's certificate (with the intermediates from the signature's KeyInfo) must chain to.
 */
public sealed interface ListSignerTrust {

    /** The signer certificate must be one of these (byte for byte) and valid at the verification time. */
    record Pinned(Set<X509Certificate> certificates) implements ListSignerTrust {
        public Pinned {
            certificates = Set.copyOf(certificates);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("at least one pinned list-signer certificate is needed");
            }
        }
    }

    /**
     * The signer certificate must chain to one of these anchors (PKIX, at the verification time; the list signer's
     * revocation is not checked — pin the signer where that matters).
     */
    record Anchored(Set<X509Certificate> anchors) implements ListSignerTrust {
        public Anchored {
            anchors = Set.copyOf(anchors);
            if (anchors.isEmpty()) {
                throw new IllegalArgumentException("at least one list-signer anchor is needed");
            }
        }
    }

    static ListSignerTrust pinned(Collection<X509Certificate> certificates) {
        return new Pinned(Set.copyOf(certificates));
    }

    static ListSignerTrust anchoredAt(Collection<X509Certificate> anchors) {
        return new Anchored(Set.copyOf(anchors));
    }
}
