package cn.zhengyin.trust.ses;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** TBS_Sign: what the signer (签章者) signs, in the layout of its {@link SealSignature}. */
public sealed interface ToBeSigned {

    /** @return the signature version (= the seal's version) */
    int version();

    /** @return the seal used */
    ElectronicSeal seal();

    /** @return hash of the signed original (SM3: 32 bytes) */
    byte[] dataHash();

    /** @return attributes of the original, including 签名保护范围 */
    String propertyInfo();

    /** @return the encoding of TBS_Sign, exactly the signed bytes */
    byte[] encoded();

    /**
     * GB/T 38540-2020: {@code SEQUENCE { version INTEGER, eseal SESeal, timeInfo GeneralizedTime, dataHash BIT STRING,
     * propertyInfo IA5String, extDatas [0] EXPLICIT ExtensionDatas OPTIONAL }}.
     *
     * @param timeInfo the claimed signing time
     * @param extDatas extensions; empty when absent
     */
    record V4(
            int version,
            ElectronicSeal seal,
            Instant timeInfo,
            byte[] dataHash,
            String propertyInfo,
            List<ExtData> extDatas,
            byte[] encoded)
            implements ToBeSigned {
        public V4 {
            Objects.requireNonNull(seal, "seal");
            Objects.requireNonNull(timeInfo, "timeInfo");
            Objects.requireNonNull(propertyInfo, "propertyInfo");
            dataHash = dataHash.clone();
            extDatas = List.copyOf(extDatas);
            encoded = encoded.clone();
        }

        @Override
        public byte[] dataHash() {
            return dataHash.clone();
        }

        @Override
        public byte[] encoded() {
            return encoded.clone();
        }
    }

    /**
     * GM/T 0031-2014: {@code SEQUENCE { version INTEGER, eseal SESeal, timeInfo BIT STRING, dataHash BIT STRING,
     * propertyInfo IA5String, cert OCTET STRING, signatureAlgorithm OBJECT IDENTIFIER }}.
     *
     * @param timeInfo           the raw timeInfo bits (a UTCTime, or a time-stamp token)
     * @param time               the time read from timeInfo, when it holds an ASN.1 time or a time-stamp token
     * @param signerCertificate  签章者证书, DER
     * @param signatureAlgorithm dotted OID of the signer's algorithm
     */
    record V2014(
            int version,
            ElectronicSeal seal,
            byte[] timeInfo,
            Optional<Instant> time,
            byte[] dataHash,
            String propertyInfo,
            byte[] signerCertificate,
            String signatureAlgorithm,
            byte[] encoded)
            implements ToBeSigned {
        public V2014 {
            Objects.requireNonNull(seal, "seal");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(propertyInfo, "propertyInfo");
            Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
            timeInfo = timeInfo.clone();
            dataHash = dataHash.clone();
            signerCertificate = signerCertificate.clone();
            encoded = encoded.clone();
        }

        public byte[] timeInfo() {
            return timeInfo.clone();
        }

        @Override
        public byte[] dataHash() {
            return dataHash.clone();
        }

        public byte[] signerCertificate() {
            return signerCertificate.clone();
        }

        @Override
        public byte[] encoded() {
            return encoded.clone();
        }
    }
}
