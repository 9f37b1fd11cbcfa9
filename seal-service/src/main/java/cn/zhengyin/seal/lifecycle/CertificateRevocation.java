package cn.zhengyin.seal.lifecycle;

import cn.zhengyin.trust.pki.RevocationReason;
import java.time.Instant;
import java.util.Objects;

/** The revocation status of all of a seal's certificates: on hold (certificateHold) or revoked for a reason. */
public record CertificateRevocation(Instant at, RevocationReason reason) {
    public CertificateRevocation {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean onHold() {
        return reason == RevocationReason.CERTIFICATE_HOLD;
    }
}
