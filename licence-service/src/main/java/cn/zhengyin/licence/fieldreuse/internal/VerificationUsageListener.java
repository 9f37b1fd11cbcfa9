package cn.zhengyin.licence.fieldreuse.internal;

import cn.zhengyin.licence.fieldreuse.FieldReuse;
import cn.zhengyin.licence.verification.LicenceVerified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps a usage record (kind VERIFICATION) when a registered client verified a registered licence file: verification
 * stays public and publishes {@link LicenceVerified}; a verification that carried a valid bearer token names the
 * client, and its {@code Zhengyin-Purpose} header is kept as the purpose. Recording never fails the verification.
 */
@Component
class VerificationUsageListener {
    private static final Logger LOG = LoggerFactory.getLogger(VerificationUsageListener.class);
    private final FieldReuse fieldReuse;

    VerificationUsageListener(FieldReuse fieldReuse) {
        this.fieldReuse = fieldReuse;
    }

    @EventListener
    void on(LicenceVerified verified) {
        verified.client().ifPresent(client -> {
            try {
                fieldReuse.recordVerification(client, verified.identifier(), verified.purpose());
            } catch (RuntimeException e) {
                LOG.warn("verification by {} not recorded as a usage record: {}", client, e.toString());
            }
        });
    }
}
