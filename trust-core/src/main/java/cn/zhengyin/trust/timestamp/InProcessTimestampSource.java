package cn.zhengyin.trust.timestamp;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * {@link TimestampSource} that asks a {@link TimestampAuthority} in the same process, through the full RFC 3161
 * request/response exchange (DER request with a random nonce and certReq, response validated against it), exactly
 * as an HTTP client would. Thread-safe.
 */
public final class InProcessTimestampSource implements TimestampSource {

    private final TimestampAuthority authority;
    private final SecureRandom random = new SecureRandom();

    public InProcessTimestampSource(TimestampAuthority authority) {
        this.authority = authority;
    }

    @Override
    public TimeStampToken timestamp(byte[] sha256Imprint) {
        return timestamp(NISTObjectIdentifiers.id_sha256, sha256Imprint);
    }

    /** Asks for a token over an imprint made with SHA-256, SHA-384, SHA-512 or SM3 (what the TSA accepts). */
    @Override
    public TimeStampToken timestamp(ASN1ObjectIdentifier digestAlgorithm, byte[] imprint) {
        TimestampAuthority.checkImprintLength(digestAlgorithm, imprint);
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(digestAlgorithm, imprint, new BigInteger(64, random));
        try {
            TimeStampResponse response = new TimeStampResponse(authority.respond(request.getEncoded()));
            if (response.getTimeStampToken() == null) {
                throw new TimestampException("The TSA refused the request: status " + response.getStatus() + ", "
                        + response.getStatusString() + ", failure info " + response.getFailInfo() + ".");
            }
            response.validate(request);
            return response.getTimeStampToken();
        } catch (TSPException | IOException e) {
            throw new TimestampException("The TSA response does not answer the request: " + e.getMessage(), e);
        }
    }
}
