package cn.zhengyin.trust.xml;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A prepared XML signature waiting for its value: {@link #canonicalSignedInfo()} are the bytes to sign (exclusive
 * c14n of {@code ds:SignedInfo}); {@link #complete(byte[])} inserts the signature value and returns the signed
 * document. Single use; not thread-safe.
 */
public final class XmlSignaturePreparation {
    private final Document document;
    private final Element signatureValue;
    private final byte[] canonicalSignedInfo;
    private final String signatureMethod;
    private final X509Certificate signer;
    private final AtomicBoolean completed = new AtomicBoolean();

    XmlSignaturePreparation(
            Document document,
            Element signatureValue,
            byte[] canonicalSignedInfo,
            String signatureMethod,
            X509Certificate signer) {
        this.document = document;
        this.signatureValue = signatureValue;
        this.canonicalSignedInfo = canonicalSignedInfo;
        this.signatureMethod = signatureMethod;
        this.signer = signer;
    }

    /** @return the bytes to sign: for ecdsa-sha256, ECDSA over SHA-256 of exactly these bytes */
    public byte[] canonicalSignedInfo() {
        return canonicalSignedInfo.clone();
    }

    /** @return the SignatureMethod URI, e.g. {@value SignedInfoPolicy#ECDSA_SHA256} */
    public String signatureMethod() {
        return signatureMethod;
    }

    /**
     * Inserts the signature value and serialises the signed document.
     *
     * @param value the signature over {@link #canonicalSignedInfo()}: for ECDSA either DER {@code SEQUENCE {r, s}}
     *              (as JCA and {@code SigningKey.sign} produce) or the XMLDSig raw {@code r || s} (RFC 6931 §3.3.1)
     * @return the signed document, UTF-8
     * @throws XmlSigningException if the value does not verify with the signer certificate (wrong key, wrong bytes),
     *                             or if called twice
     */
    public byte[] complete(byte[] value) {
        return SecureXml.serialize(completeDocument(value));
    }

    /**
     * As {@link #complete(byte[])}, without serialising: the signed document itself, for a next step that works on the
     * document (e.g. {@link XadesLtExtender#extend(Document)}) and would otherwise parse the bytes again.
     *
     * @throws XmlSigningException as {@link #complete(byte[])}
     */
    public Document completeDocument(byte[] value) {
        if (!completed.compareAndSet(false, true)) {
            throw new XmlSigningException("This signature preparation was already completed.");
        }
        byte[] xmlValue = value;
        byte[] jcaValue = value;
        try {
            if (signatureMethod.equals(SignedInfoPolicy.ECDSA_SHA256)) {
                BigInteger order =
                        ((ECPublicKey) signer.getPublicKey()).getParams().getOrder();
                int half = (order.bitLength() + 7) / 8;
                if (value.length == 2 * half) {
                    BigInteger[] rs = PlainDSAEncoding.INSTANCE.decode(order, value);
                    jcaValue = StandardDSAEncoding.INSTANCE.encode(order, rs[0], rs[1]);
                } else {
                    BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(order, value);
                    xmlValue = PlainDSAEncoding.INSTANCE.encode(order, rs[0], rs[1]);
                }
            }
            Signature verifier = Signature.getInstance(
                    signatureMethod.equals(SignedInfoPolicy.ECDSA_SHA256) ? "SHA256withECDSA" : "SHA256withRSA");
            verifier.initVerify(signer.getPublicKey());
            verifier.update(canonicalSignedInfo);
            if (!verifier.verify(jcaValue)) {
                throw new XmlSigningException("The signature value does not verify with the signer certificate "
                        + signer.getSubjectX500Principal().getName() + ": it was made with another key or over other "
                        + "bytes than the canonical SignedInfo.");
            }
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new XmlSigningException("The signature value cannot be used: " + e.getMessage(), e);
        }
        signatureValue.setTextContent(Base64.getEncoder().encodeToString(xmlValue));
        return document;
    }
}
