/**
 * Algorithms and key custody: {@link cn.zhengyin.trust.crypto.SigningKey} is the only way the rest of Zhengyin
 * signs anything, so that software keystores, PKCS#11 tokens and Vault Transit are interchangeable.
 * Private keys never appear in {@code toString()}, logs or exception messages.
 */
@NullMarked
package cn.zhengyin.trust.crypto;

import org.jspecify.annotations.NullMarked;
