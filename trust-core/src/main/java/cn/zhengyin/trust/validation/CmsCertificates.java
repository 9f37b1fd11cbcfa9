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
