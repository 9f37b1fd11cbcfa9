/**
 * Identifiers of the licence domain: the electronic licence identifier (电子证照标识, GB/T 36904-2018) with its
 * ISO/IEC 7064 MOD 37,36 check character, the unified social credit code (统一社会信用代码, GB 32100-2015) and the
 * citizen identity number (公民身份号码, GB 11643-1999).
 */
@NullMarked
package cn.zhengyin.trust.identifier;

import org.jspecify.annotations.NullMarked;
