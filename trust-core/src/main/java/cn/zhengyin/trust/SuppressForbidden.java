package cn.zhengyin.trust;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets the annotated code call an API that the build's forbidden-apis check bans (see
 * {@code build/forbidden-signatures.txt}), such as {@code Clock.systemUTC()} in the one place that makes the
 * application's {@link java.time.Clock}. Say why in a comment next to it.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface SuppressForbidden {}
