/**
 * Helpers for each service's own {@code SecurityFilterChain}: JWT bearer-token authentication whose {@code scope} /
 * {@code scp} claims become {@code SCOPE_x} authorities, and 401/403 answers written as problem+json.
 * service-kit defines no {@code SecurityFilterChain} itself.
 */
package cn.zhengyin.service.security;
