/**
 * Key custody in a PKCS#11 token (HSM, or SoftHSM2 in tests) through the JDK's SunPKCS11 provider. Keys are made in
 * the token as sensitive, non-extractable token objects; signing happens in the token.
 */
@NullMarked
package cn.zhengyin.trust.crypto.pkcs11;

import org.jspecify.annotations.NullMarked;
