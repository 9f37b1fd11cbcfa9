package cn.zhengyin.trust.timestamp;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * {@link TimestampSource} that asks a {@link TimestampAuthority} in the same process, through the full RFC 3161
 * request/response exchange (DER request with a random nonce and certReq, response validated against it), exactly
 * as an HTTP client would ({@link Rfc3161Client} over {@link TimestampAuthority#respond}). Thread-safe.
 */
public final class InProcessTimestampSource implements TimestampSource {

    private final Rfc3161Client client;

    public InProcessTimestampSource(TimestampAuthority authority) {
        this.client = new Rfc3161Client(authority::respond);
    }

    @Override
    public TimeStampToken timestamp(byte[] sha256Imprint) {
        return client.timestamp(sha256Imprint);
    }

    /** Asks for a token over an imprint made with SHA-256, SHA-384, SHA-512 or SM3 (what the TSA accepts). */
    @Override
    public TimeStampToken timestamp(ASN1ObjectIdentifier digestAlgorithm, byte[] imprint) {
        return client.timestamp(digestAlgorithm, imprint);
    }
}
