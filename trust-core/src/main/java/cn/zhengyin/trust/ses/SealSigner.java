package cn.zhengyin.trust.ses;

import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.timestamp.TimestampSource;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;

/**
 * Makes GB/T 38540-2020 electronic seal signatures (电子签章, SES_Signature v4): TBS_Sign (version 4, the seal, the
 * signing time, the SM3 hash of the original, propertyInfo) signed with the signer's SM2 key over its DER encoding,
 * optionally time-stamped: {@code timeStamp [0] EXPLICIT BIT STRING} holds a DER RFC 3161 / GB/T 20520
 * TimeStampToken whose SM3 imprint covers the {@code signature} value. Thread-safe.
 */
public final class SealSigner {

    private final Optional<TimestampSource> timestamps;

    /** @param timestamps where time-stamps come from; empty: signatures carry none */
    public SealSigner(Optional<TimestampSource> timestamps) {
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
    }

    /**
     * Signs with a seal.
     *
     * @param seal         the seal (v4); its certList should allow the signer's certificate (the verifier checks)
     * @param signer       the signer's key, {@link SignatureAlgorithm#SM2_SM3}
     * @param dataHash     SM3 hash of the original (32 bytes), e.g. of an OFD Signature.xml
     * @param propertyInfo attributes of the original, IA5, including 签名保护范围 (e.g.
     *                     {@code /Doc_0/Signs/Sign_0/Signature.xml})
     * @param signingTime  the signing time (whole seconds are kept)
     * @return the signature; {@link SealSignature#encoded()} is the DER SES_Signature
     * @throws SesException if an argument breaks GB/T 38540 (non-SM2 key, wrong hash length, empty propertyInfo)
     */
    public SealSignature.V4 sign(
            ElectronicSeal seal, SigningKey signer, byte[] dataHash, String propertyInfo, Instant signingTime) {
        return sign(seal, signer, dataHash, propertyInfo, signingTime, List.of());
    }

    /** Like {@link #sign(ElectronicSeal, SigningKey, byte[], String, Instant)} with TBS_Sign extDatas. */
    public SealSignature.V4 sign(
            ElectronicSeal seal,
            SigningKey signer,
            byte[] dataHash,
            String propertyInfo,
            Instant signingTime,
            List<ExtData> extDatas) {
        if (!(seal instanceof ElectronicSeal.V4)) {
            throw new SesException("A GB/T 38540-2020 signature needs a v4 seal; seal "
                    + seal.sealInfo().esId() + " is in the GM/T 0031-2014 layout.");
        }
        if (signer.algorithm() != SignatureAlgorithm.SM2_SM3) {
            throw new SesException("Signer key '" + signer.keyId() + "' signs with " + signer.algorithm()
                    + "; GB/T 38540 signatures with SM2 certificates use SM2/SM3. Use an SM2 key.");
        }
        if (dataHash.length != 32) {
            throw new SesException("dataHash has " + dataHash.length + " bytes; an SM3 hash has 32.");
        }
        if (propertyInfo.isBlank()) {
            throw new SesException("propertyInfo is blank; GB/T 38540 requires it to state the signature's "
                    + "protected scope (签名保护范围).");
        }
        byte[] toSign = SesCodec.encodeToBeSignedV4(
                SealHeader.VERSION_4, seal.encoded(), signingTime, dataHash, propertyInfo, extDatas);
        byte[] signature = signer.sign(toSign);
        Optional<byte[]> token = timestamps.map(source -> {
            try {
                return source.timestamp(GMObjectIdentifiers.sm3, sm3(signature)).getEncoded();
            } catch (IOException e) {
                throw new SesException("Cannot encode the time-stamp token: " + e.getMessage(), e);
            }
        });
        byte[] encoded = SesCodec.encodeSignatureV4(
                toSign, certificate(signer), SignatureAlgorithm.SM2_SM3.oid(), signature, token);
        return (SealSignature.V4) SesCodec.decodeSignature(encoded);
    }

    /** @return the SM3 hash of {@code data}, e.g. for {@code dataHash} */
    public static byte[] sm3(byte[] data) {
        return Digests.sm3(data);
    }

    private static byte[] certificate(SigningKey signer) {
        try {
            return signer.certificateChain().get(0).getEncoded();
        } catch (CertificateEncodingException e) {
            throw new SesException("Cannot encode the signer certificate: " + e.getMessage(), e);
        }
    }
}
