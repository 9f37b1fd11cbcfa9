package cn.zhengyin.licence.fieldreuse;

import java.time.Duration;

/**
 * The limits of field reuse.
 *
 * @param maxConsentDuration longest a consent may run (default 365 days)
 * @param useCodeLifetime    how long a use code can be redeemed (default 10 minutes)
 * @param maxCopyValidity    longest a 加注件 may be valid (default 90 days)
 * @param issuer             {@code iss} of the signed releases: this service's public base URL
 * @param copyCreator        加注件制作者: the operator making annotated copies
 */
public record FieldReusePolicy(
        Duration maxConsentDuration,
        Duration useCodeLifetime,
        Duration maxCopyValidity,
        String issuer,
        String copyCreator) {}
