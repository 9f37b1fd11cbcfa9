package cn.zhengyin.trust.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A named private key with its certificate chain, leaf first (the certificate of the key, then its issuers up to and
 * including the root). The name is the PKCS#12 alias and, for a CA, the CRL file name ({@code <name>.crl}).
 */
public record Credential(String name, PrivateKey privateKey, List<X509Certificate> chain) {
    public Credential {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new PkiException("Credential '" + name + "' has an empty certificate chain; it needs at least the"
                    + " certificate of its own key");
        }
    }

    /** The certificate of this credential's key (the first in the chain). */
    public X509Certificate certificate() {
        return chain.getFirst();
    }
}
