package cn.zhengyin.licence.share;

import java.security.cert.X509Certificate;
import java.util.List;

/** Port: ES256 signatures by a licence's seal (its ECDSA P-256 key), for SD-JWT VCs and status list tokens. */
public interface JwsSigner {
    /** The seal's certificate chain, seal certificate first (goes into {@code x5c}). */
    List<X509Certificate> chain(String sealId);

    /** @return the JOSE signature (R||S, 64 bytes) over the ASCII signing input */
    byte[] sign(String sealId, String signingInput, String licenceIdentifier);
}
