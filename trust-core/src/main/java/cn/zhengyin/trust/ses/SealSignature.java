package cn.zhengyin.trust.ses;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An electronic seal signature (电子签章, SES_Signature), in one of the two layouts {@link SesCodec} recognises. */
public sealed interface SealSignature {

    /** @return what was signed */
    ToBeSigned toSign();

    /** @return 签章者证书, DER X.509 */
    byte[] signerCertificate();

    /** @return dotted OID of the signature algorithm */
    String signatureAlgorithm();

    /** @return the signature value over {@link ToBeSigned#encoded()} */
    byte[] signature();

    /** @return the DER time-stamp token over {@link #signature()}, when present */
    Optional<byte[]> timeStamp();

    /** @return the signing time the signer claims (timeInfo), when readable; not proof */
    Optional<Instant> claimedSigningTime();

    /** @return the encoded SES_Signature, as received or produced */
    byte[] encoded();

    /**
     * GB/T 38540-2020: {@code SEQUENCE { toSign TBS_Sign, cert OCTET STRING, signatureAlgID OBJECT IDENTIFIER,
     * signature BIT STRING, timeStamp [0] EXPLICIT BIT STRING OPTIONAL }}.
     */
    record V4(
            ToBeSigned.V4 toSign,
            byte[] signerCertificate,
            String signatureAlgorithm,
            byte[] signature,
            Optional<byte[]> timeStamp,
            byte[] encoded)
            implements SealSignature {
        public V4 {
            Objects.requireNonNull(toSign, "toSign");
            Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
            signerCertificate = signerCertificate.clone();
            signature = signature.clone();
            timeStamp = timeStamp.map(byte[]::clone);
            encoded = encoded.clone();
        }

        @Override
        public byte[] signerCertificate() {
            return signerCertificate.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public Optional<byte[]> timeStamp() {
            return timeStamp.map(byte[]::clone);
        }

        @Override
        public Optional<Instant> claimedSigningTime() {
            return Optional.of(toSign.timeInfo());
        }

        @Override
        public byte[] encoded() {
            return encoded.clone();
        }
    }

    /**
     * GM/T 0031-2014: {@code SEQUENCE { toSign TBS_Sign, signature BIT STRING }}; certificate and algorithm are
     * inside TBS_Sign. A time-stamp, if any, is TBS_Sign's timeInfo.
     */
    record V2014(ToBeSigned.V2014 toSign, byte[] signature, Optional<byte[]> timeStamp, byte[] encoded)
            implements SealSignature {
        public V2014 {
            Objects.requireNonNull(toSign, "toSign");
            signature = signature.clone();
            timeStamp = timeStamp.map(byte[]::clone);
            encoded = encoded.clone();
        }

        @Override
        public byte[] signerCertificate() {
            return toSign.signerCertificate();
        }

        @Override
        public String signatureAlgorithm() {
            return toSign.signatureAlgorithm();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public Optional<byte[]> timeStamp() {
            return timeStamp.map(byte[]::clone);
        }

        @Override
        public Optional<Instant> claimedSigningTime() {
            return toSign.time();
        }

        @Override
        public byte[] encoded() {
            return encoded.clone();
        }
    }
}
