package cn.zhengyin.trust.ofd;

import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.ses.SealSignature;
import cn.zhengyin.trust.ses.SesCodec;
import cn.zhengyin.trust.ses.SesFormatException;
import java.util.Arrays;

/**
 * An OFD package ready for its seal signature: every part is in place except {@code SignedValue.dat}. Send
 * {@link #dataHash()} and {@link #propertyInfo()} to the seal's key holder, then {@link #complete(byte[])} with the
 * SES_Signature it returns. Immutable.
 */
public final class OfdSignaturePreparation {

    private final OfdPackage pkg;
    private final String signaturePath;
    private final String signedValuePath;
    private final byte[] signatureXml;
    private final byte[] sealDer;

    OfdSignaturePreparation(
            OfdPackage pkg, String signaturePath, String signedValuePath, byte[] signatureXml, byte[] sealDer) {
        this.pkg = pkg;
        this.signaturePath = signaturePath;
        this.signedValuePath = signedValuePath;
        this.signatureXml = signatureXml.clone();
        this.sealDer = sealDer.clone();
    }

    /** The SM3 hash of Signature.xml: the SES {@code TBS_Sign.dataHash}. */
    public byte[] dataHash() {
        return Digests.sm3(signatureXml);
    }

    /** The signature's protected scope for {@code TBS_Sign.propertyInfo}: the absolute path of Signature.xml. */
    public String propertyInfo() {
        return "/" + signaturePath;
    }

    /** The bytes of Signature.xml (what the seal signs, through its hash). */
    public byte[] signatureXml() {
        return signatureXml.clone();
    }

    /**
     * Adds the seal signature as SignedValue.dat and returns the sealed OFD.
     *
     * @param sesSignature DER SES_Signature whose dataHash, propertyInfo and embedded seal match this preparation
     * @throws OfdFormatException if the signature is unreadable or signs something else (the package is not written)
     */
    public byte[] complete(byte[] sesSignature) {
        SealSignature signature;
        try {
            signature = SesCodec.decodeSignature(sesSignature);
        } catch (SesFormatException e) {
            throw new OfdFormatException("The seal signature is not a DER SES_Signature: " + e.getMessage(), e);
        }
        if (!Arrays.equals(signature.toSign().dataHash(), dataHash())) {
            throw new OfdFormatException("The seal signature's dataHash is not the SM3 hash of " + propertyInfo()
                    + ": it signs another document.");
        }
        if (!propertyInfo().equals(signature.toSign().propertyInfo())) {
            throw new OfdFormatException("The seal signature's propertyInfo is '"
                    + signature.toSign().propertyInfo() + "', not " + propertyInfo() + ".");
        }
        if (!Arrays.equals(signature.toSign().seal().encoded(), sealDer)) {
            throw new OfdFormatException("The seal signature embeds another seal than the package's Seal.esl.");
        }
        return pkg.with(signedValuePath, sesSignature).write();
    }
}
