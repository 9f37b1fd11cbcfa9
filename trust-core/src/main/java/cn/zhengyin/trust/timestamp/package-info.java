/**
 * RFC 3161 time-stamping: a responder ({@link cn.zhengyin.trust.timestamp.TimestampAuthority}), the port the
 * signing code asks for tokens ({@link cn.zhengyin.trust.timestamp.TimestampSource}) and a verifier that returns a
 * result value ({@link cn.zhengyin.trust.timestamp.TimestampVerifier}).
 */
@NullMarked
package cn.zhengyin.trust.timestamp;

import org.jspecify.annotations.NullMarked;
