/**
 * Authorisations to use a seal (用章授权): the organisation lets an OAuth2 client (e.g. {@code licence-service}) or a
 * person sign with one of its seals, for given licence types, in a time window. Revocable; never deleted. Signing
 * checks them on every request.
 */
package cn.zhengyin.seal.authorisation;
