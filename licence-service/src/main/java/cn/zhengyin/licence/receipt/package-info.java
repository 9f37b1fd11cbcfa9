/**
 * Receipts: every verification report and public status answer the service hands out is signed as a compact JWS
 * (ES256, {@code x5c} chaining to the trust anchor) with a dedicated report-signing key, so a relying party can keep
 * it and re-check it later offline ({@code ca-tools receipt verify}); the public keys are served as a JWKS.
 */
package cn.zhengyin.licence.receipt;
