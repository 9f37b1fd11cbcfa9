/**
 * Request limits shared by both services: a per-client token-bucket rate limit (429 with {@code Retry-After}) and a
 * request-body size limit for JSON and other non-multipart bodies (413), both answered as problem+json.
 */
package cn.zhengyin.service.limits;
