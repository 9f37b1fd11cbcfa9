/** Helpers of {@code cn.zhengyin.trust.pki}; not part of its public API. */
@NullMarked
package cn.zhengyin.trust.pki.internal;

import org.jspecify.annotations.NullMarked;
