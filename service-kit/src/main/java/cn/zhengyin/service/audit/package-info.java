/**
 * The audit log of security events (failed sign-in, refused signing, status changes, consent grants...): kept for
 * ever in the {@code audit_events} collection and written to the {@code zhengyin.audit} logger. An event names who did
 * what to which subject with what outcome; it never carries a secret, a key or a token.
 */
package cn.zhengyin.service.audit;
