package cn.zhengyin.seal.lifecycle;

import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A seal's signing certificate and where its key is: ECDSA P-256 for PAdES/XAdES, SM2 for GB/T 38540.
 *
 * @param keyId    the key's id in custody
 * @param issuerCa name of the issuing CA (its CRL is {@code /crl/<issuerCa>.crl})
 * @param chain    the certificate first, then its issuers
 */
public record SealCertificate(
        SignatureAlgorithm algorithm, String keyId, String issuerCa, List<X509Certificate> chain) {
    public SealCertificate {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(issuerCa, "issuerCa");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a seal certificate needs its chain");
        }
    }

    public X509Certificate certificate() {
        return chain.getFirst();
    }

    public BigInteger serialNumber() {
        return certificate().getSerialNumber();
    }

    /** The serial in upper-case hexadecimal, as openssl prints it. */
    public String serialHex() {
        return serialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
    }

    public byte[] encoded() {
        try {
            return certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("seal certificate cannot be encoded", e);
        }
    }
}
