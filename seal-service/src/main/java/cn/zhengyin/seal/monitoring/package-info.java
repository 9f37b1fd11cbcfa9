/**
 * Operations monitoring of the seal service (docs/operations.md): health that goes OUT_OF_SERVICE or DOWN before a
 * verifier or a signing caller would notice — each CRL's time to nextUpdate, the service's own certificates (TSA, OCSP,
 * CAs) and every active seal's certificates to expiry, key custody by a test signature — and the gauges behind the
 * alerts (the same deadlines in seconds, seals by state). Signing is counted where it is recorded
 * ({@code signing.internal.MonitoredSealUsageLog}).
 */
package cn.zhengyin.seal.monitoring;
