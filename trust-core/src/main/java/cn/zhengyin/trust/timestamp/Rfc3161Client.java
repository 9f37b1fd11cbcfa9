package cn.zhengyin.trust.timestamp;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The client side of RFC 3161 as a {@link TimestampSource}: builds a DER TimeStampReq (random 64-bit nonce,
 * {@code certReq} true, so the token carries the TSA certificate), hands it to an {@link Exchange} (the transport:
 * an HTTP {@code POST} of {@code application/timestamp-query} in a service, a {@link TimestampAuthority} in-process
 * in tests) and accepts the TimeStampResp only if it grants a token that answers exactly this request (status,
 * imprint, nonce, policy; {@link TimeStampResponse#validate}). Thread-safe if the exchange is.
 */
public final class Rfc3161Client implements TimestampSource {

    /** The transport: one DER TimeStampReq in, the TSA's DER TimeStampResp out. */
    @FunctionalInterface
    public interface Exchange extends UnaryOperator<byte[]> {}

    private final Exchange exchange;
    private final SecureRandom random = new SecureRandom();

    public Rfc3161Client(Exchange exchange) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
    }

    @Override
    public TimeStampToken timestamp(byte[] sha256Imprint) {
        return timestamp(NISTObjectIdentifiers.id_sha256, sha256Imprint);
    }

    /** Asks for a token over an imprint made with SHA-256, SHA-384, SHA-512 or SM3. */
    @Override
    public TimeStampToken timestamp(ASN1ObjectIdentifier digestAlgorithm, byte[] imprint) {
        TimestampAuthority.checkImprintLength(digestAlgorithm, imprint);
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(digestAlgorithm, imprint, new BigInteger(64, random));
        byte[] reply;
        try {
            reply = exchange.apply(request.getEncoded());
        } catch (IOException e) {
            throw new TimestampException("The time-stamp request cannot be encoded: " + e.getMessage(), e);
        }
        if (reply == null || reply.length == 0) {
            throw new TimestampException(
                    "The TSA sent an empty reply (expected a DER TimeStampResp, RFC 3161 §2.4.2).");
        }
        try {
            TimeStampResponse response = new TimeStampResponse(reply);
            if (response.getTimeStampToken() == null) {
                throw new TimestampException("The TSA refused the request: status " + response.getStatus() + ", "
                        + response.getStatusString() + ", failure info " + response.getFailInfo() + ".");
            }
            response.validate(request);
            return response.getTimeStampToken();
        } catch (TSPException | IOException | IllegalArgumentException e) {
            throw new TimestampException("The TSA reply does not answer the request: " + e.getMessage(), e);
        }
    }
}
