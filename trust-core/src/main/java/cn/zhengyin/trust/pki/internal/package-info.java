/** Helpers of {@code cn.zhengyin.trust.pki}; not part of its public API. */
package cn.zhengyin.trust.pki.internal;
