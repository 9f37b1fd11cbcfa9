package cn.zhengyin.licence.verification;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The answer of {@code POST /api/v1/verifications}: the report's fields, plus {@code receipt}, the same report signed
 * by the service as a compact JWS (docs/verification.md) that a relying party can keep and re-check offline.
 */
public record SignedVerificationReport(@JsonUnwrapped LicenceVerificationReport report, String receipt) {}
