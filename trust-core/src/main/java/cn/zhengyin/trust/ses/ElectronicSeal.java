package cn.zhengyin.trust.ses;

import java.util.Objects;

/**
 * An electronic seal (电子印章, SESeal), in one of the two layouts {@link SesCodec#decodeSeal} recognises by structure.
 * Byte arrays are copied in and out.
 */
public sealed interface ElectronicSeal {

    /** @return 印章信息 */
    SealInfo sealInfo();

    /** @return 制章者证书, DER X.509 */
    byte[] makerCertificate();

    /** @return dotted OID of the maker's signature algorithm, e.g. 1.2.156.10197.1.501 */
    String signatureAlgorithm();

    /** @return 制章者签名值 (for SM2 the DER {@code SEQUENCE {r, s}}) */
    byte[] signedValue();

    /** @return exactly the bytes the maker signed, as they appear in the encoding */
    byte[] signedData();

    /** @return the encoded SESeal, as received or produced */
    byte[] encoded();

    /**
     * GB/T 38540-2020 SESeal: {@code SEQUENCE { eSealInfo SES_SealInfo, cert OCTET STRING, signAlgID OBJECT
     * IDENTIFIER, signedValue BIT STRING }}; the maker signs DER(SES_SealInfo).
     *
     * @param signedData the encoding of eSealInfo
     */
    record V4(
            SealInfo sealInfo,
            byte[] makerCertificate,
            String signatureAlgorithm,
            byte[] signedValue,
            byte[] signedData,
            byte[] encoded)
            implements ElectronicSeal {
        public V4 {
            Objects.requireNonNull(sealInfo, "sealInfo");
            Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
            makerCertificate = makerCertificate.clone();
            signedValue = signedValue.clone();
            signedData = signedData.clone();
            encoded = encoded.clone();
        }

        @Override
        public byte[] makerCertificate() {
            return makerCertificate.clone();
        }

        @Override
        public byte[] signedValue() {
            return signedValue.clone();
        }

        @Override
        public byte[] signedData() {
            return signedData.clone();
        }

        @Override
        public byte[] encoded() {
            return encoded.clone();
        }
    }

    /**
     * GM/T 0031-2014 SESeal: {@code SEQUENCE { esealInfo SES_SealInfo, signInfo SES_SignInfo }} with
     * {@code SES_SignInfo ::= SEQUENCE { cert OCTET STRING, signatureAlgorithm OBJECT IDENTIFIER, signData BIT STRING
     * }}; the maker signs {@code SEQUENCE { SES_SealInfo, cert, signatureAlgorithm }}.
     *
     * @param signedData the encoding of that SEQUENCE, made from the received elements
     */
    record V2014(
            SealInfo sealInfo,
            byte[] makerCertificate,
            String signatureAlgorithm,
            byte[] signedValue,
            byte[] signedData,
            byte[] encoded)
            implements ElectronicSeal {
        public V2014 {
            Objects.requireNonNull(sealInfo, "sealInfo");
            Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
            makerCertificate = makerCertificate.clone();
            signedValue = signedValue.clone();
            signedData = signedData.clone();
            encoded = encoded.clone();
        }

        @Override
        public byte[] makerCertificate() {
            return makerCertificate.clone();
        }

        @Override
        public byte[] signedValue() {
            return signedValue.clone();
        }

        @Override
        public byte[] signedData() {
            return signedData.clone();
        }

        @Override
        public byte[] encoded() {
            return encoded.clone();
        }
    }
}
