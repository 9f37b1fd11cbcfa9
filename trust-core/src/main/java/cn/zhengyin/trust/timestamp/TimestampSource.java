package cn.zhengyin.trust.timestamp;

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
}
