package cn.zhengyin.trust.validation;

import cn.zhengyin.trust.crypto.Providers;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.util.Selector;
import org.bouncycastle.util.Store;

/** Certificates carried in a CMS structure (a signature or a time-stamp token), as JCA certificates. */
public final class CmsCertificates {
    private CmsCertificates() {}

    /** The first certificate the selector (e.g. a SignerId) matches; empty if none or unreadable. */
    public static Optional<X509Certificate> first(
            Store<X509CertificateHolder> store, Selector<X509CertificateHolder> selector) {
        return store.getMatches(selector).stream().findFirst().flatMap(CmsCertificates::convert);
    }

    /** Every readable certificate of the store. */
    public static List<X509Certificate> all(Store<X509CertificateHolder> store) {
        Collection<X509CertificateHolder> all = store.getMatches(null);
        return all.stream()
                .map(CmsCertificates::convert)
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * The certificates a signature or a time-stamp token carries of its signer's chain: the chain without its
     * self-signed root, which every verifier holds as its trust anchor and never takes from the document (ETSI EN
     * 319 122-1 §5.1.3 requires the signing certificate only; RFC 3161 §2.4.1 only the TSA's). The signer's own
     * certificate is always kept, even if self-signed. Saves the root's bytes in every CMS (hex-encoded twice in a
     * PDF's /Contents); the root is in the verifier's trust list, and a PAdES DSS adds nothing it would use.
     *
     * @param chain signer first, then its CAs
     */
    public static List<X509Certificate> withoutRoot(List<X509Certificate> chain) {
        if (chain.size() <= 1) {
            return List.copyOf(chain);
        }
        List<X509Certificate> carried = new java.util.ArrayList<>(chain.size());
        carried.add(chain.getFirst());
        for (X509Certificate c : chain.subList(1, chain.size())) {
            if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                carried.add(c);
            }
        }
        return List.copyOf(carried);
    }

    public static Optional<X509Certificate> convert(X509CertificateHolder holder) {
        try {
            return Optional.of(new JcaX509CertificateConverter()
                    .setProvider(Providers.bouncyCastle())
                    .getCertificate(holder));
        } catch (CertificateException e) {
            return Optional.empty();
        }
    }
}
