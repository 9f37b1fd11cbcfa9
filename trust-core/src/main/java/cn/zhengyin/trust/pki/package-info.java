/**
 * The issuing side of Zhengyin's PKI: X.509 certificate profiles (RFC 5280) for root and issuing CAs, seal signing,
 * time-stamping (RFC 3161 §2.3) and OCSP responders (RFC 6960 §4.2.2.2), X.509 v2 CRLs (RFC 5280 §5), PKCS#12 and
 * PEM encoding. Algorithms: ECDSA P-256/SHA-256 and SM2/SM3 (GB/T 32918, GB/T 35276).
 *
 * <p>Entry points: {@link cn.zhengyin.trust.pki.CertificateIssuer}, {@link cn.zhengyin.trust.pki.CrlIssuer},
 * {@link cn.zhengyin.trust.pki.Pkcs12}, {@link cn.zhengyin.trust.pki.Pem}. Time and randomness are injected; the
 * Bouncy Castle provider is used as an explicit instance and never registered here.
 */
@NullMarked
package cn.zhengyin.trust.pki;

import org.jspecify.annotations.NullMarked;
