package cn.zhengyin.trust.sealing;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The holder of the seals' keys, as the sealing sees it: it hands out a seal's public material and signs digests —
 * never the document. In the seal service it is the signing service with its authorisation checks and usage log.
 */
public interface SealKeyHolder {

    /** The seal's impression as PNG (transparent background). */
    byte[] impressionPng(String sealId);

    /** The seal's ECDSA certificate chain (signer first), to size the PDF signature's placeholder. */
    List<X509Certificate> ecdsaChain(String sealId);

    /** A PAdES CMS (B-T: with its signature time-stamp) over the SHA-256 of the signed byte ranges. */
    byte[] signPadesDigest(String sealId, byte[] sha256);

    /** The seal's GB/T 38540 SESeal (DER), embedded in the OFD as Seal.esl. */
    byte[] seseal(String sealId);

    /** A GB/T 38540 SES_Signature over the SM3 hash of the OFD's Signature.xml. */
    byte[] signSes(String sealId, byte[] sm3DataHash, String propertyInfo);
}
