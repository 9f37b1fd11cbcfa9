/**
 * The licence service's own audit recording that no other package owns: the dev authorisation server's token
 * endpoint (client authentication failures, refused and granted token requests). The audit log itself, the
 * {@code authentication}/{@code access} events of the resource servers and the read endpoint are in service-kit
 * ({@code cn.zhengyin.service.audit}).
 */
package cn.zhengyin.licence.audit;
