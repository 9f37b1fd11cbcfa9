package cn.zhengyin.trust.timestamp;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TimeStampToken;

/** Where signature time-stamps come from: the in-process TSA in development, an RFC 3161 HTTP TSA otherwise. */
@FunctionalInterface
public interface TimestampSource {

    /**
     * @param sha256Imprint SHA-256 hash of the data to time-stamp (32 bytes)
     * @return a token whose message imprint is {@code sha256Imprint}
     * @throws TimestampException if no valid token can be obtained
     */
    TimeStampToken timestamp(byte[] sha256Imprint);

    /**
     * Time-stamps an imprint made with another digest, e.g. SM3 (1.2.156.10197.1.401) for GB/T 20520 tokens in
     * GB/T 38540 signatures. The default delegates SHA-256 to {@link #timestamp(byte[])} and refuses anything else;
     * sources that can ask for other digests override it.
     *
     * @param digestAlgorithm OID of the digest that made {@code imprint}
     * @param imprint         the hash of the data to time-stamp
     * @return a token whose message imprint is {@code imprint} under {@code digestAlgorithm}
     * @throws TimestampException if the source does not support the digest or no valid token can be obtained
     */
    default TimeStampToken timestamp(ASN1ObjectIdentifier digestAlgorithm, byte[] imprint) {
        if (NISTObjectIdentifiers.id_sha256.equals(digestAlgorithm)) {
            return timestamp(imprint);
        }
        throw new TimestampException("This time-stamp source only supports SHA-256 imprints; asked for digest "
                + digestAlgorithm.getId() + ". Use a source that overrides timestamp(digestAlgorithm, imprint), e.g. "
                + "InProcessTimestampSource.");
    }
}
