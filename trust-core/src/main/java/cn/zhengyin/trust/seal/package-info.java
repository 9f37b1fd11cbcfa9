/**
 * The seal vocabulary shared by every service: {@link cn.zhengyin.trust.seal.SealType}, the seal type codes of the
 * public-security seal systems. The GB/T 38540 structures themselves are in {@code cn.zhengyin.trust.ses}.
 */
package cn.zhengyin.trust.seal;
