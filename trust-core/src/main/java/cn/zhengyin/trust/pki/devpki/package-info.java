/**
 * The development PKI declared as data ({@code dev-pki.properties}) with relative validity periods, built in memory
 * by {@link cn.zhengyin.trust.pki.devpki.DevPkiGenerator} and written as PKCS#12, PEM and DER CRL files.
 * Development keys only: never for production.
 */
@NullMarked
package cn.zhengyin.trust.pki.devpki;

import org.jspecify.annotations.NullMarked;
