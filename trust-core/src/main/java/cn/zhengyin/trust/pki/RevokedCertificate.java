package cn.zhengyin.trust.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/** One CRL entry: the serial number, when it was revoked (or put on hold) and why. */
public record RevokedCertificate(BigInteger serialNumber, Instant revocationDate, RevocationReason reason) {
    public RevokedCertificate {
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(revocationDate, "revocationDate");
        Objects.requireNonNull(reason, "reason");
    }
}
