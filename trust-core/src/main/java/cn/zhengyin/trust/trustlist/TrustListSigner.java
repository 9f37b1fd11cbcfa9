package cn.zhengyin.trust.trustlist;

import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.xml.SecureXml;
import cn.zhengyin.trust.xml.XadesEnvelopedSigner;
import cn.zhengyin.trust.xml.XmlFormatException;
import java.time.Instant;
import java.util.Objects;
import org.w3c.dom.Document;

/**
 * Signs a trust list: an enveloped XMLDSig signature with XAdES B-B signed properties (ETSI TS 119 612 §5.7.1 asks
 * for an enveloped XAdES signature), made by trust-core's {@link XadesEnvelopedSigner}: reference {@code #trust-list}
 * (the document element) with enveloped-signature + exclusive c14n, SHA-256, ECDSA P-256 (or RSA), the signer chain
 * in KeyInfo. The list is parsed and checked first, and what is signed is the list as parsed, re-serialised, so the
 * signed bytes hold nothing the reader would ignore.
 */
public final class TrustListSigner {
    private final XadesEnvelopedSigner signer = new XadesEnvelopedSigner();

    /**
     * @param unsignedXml the list (must not be signed yet)
     * @param key         the list signer's key; its chain goes into KeyInfo
     * @param signingTime the XAdES SigningTime
     * @return the signed list, UTF-8
     * @throws TrustListException MALFORMED if the list is not acceptable or already signed
     */
    public byte[] sign(byte[] unsignedXml, SigningKey key, Instant signingTime) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(signingTime, "signingTime");
        Document parsed;
        try {
            parsed = SecureXml.parse(unsignedXml, TrustListVerifier.MAX_LIST_BYTES);
        } catch (XmlFormatException e) {
            throw new TrustListException(
                    TrustListException.Reason.MALFORMED, "The trust list is not acceptable XML: " + e.getMessage(), e);
        }
        if (parsed.getElementsByTagNameNS(TrustListVerifier.DSIG, "Signature").getLength() > 0) {
            throw new TrustListException(
                    TrustListException.Reason.MALFORMED,
                    "The trust list is already signed; sign the unsigned list (without ds:Signature).");
        }
        return sign(TrustListXml.read(parsed), key, signingTime);
    }

    /** Signs a list built in memory. */
    public byte[] sign(TrustList list, SigningKey key, Instant signingTime) {
        return signer.sign(TrustListXml.toDocument(list), TrustListXml.ROOT_ID, key, signingTime);
    }
}
