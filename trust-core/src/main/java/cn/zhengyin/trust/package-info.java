/**
 * What every part of the trust domain shares: its exception root, the time zone of Chinese documents
 * ({@link cn.zhengyin.trust.ChinaTime}) and the build's escape hatch for forbidden APIs
 * ({@link cn.zhengyin.trust.SuppressForbidden}).
 */
@NullMarked
package cn.zhengyin.trust;

import org.jspecify.annotations.NullMarked;
