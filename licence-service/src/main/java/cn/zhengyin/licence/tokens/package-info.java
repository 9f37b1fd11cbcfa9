/**
 * The development authorisation server's token rules (Spring Authorization Server in the licence service): which
 * audiences a client's access tokens carry ({@link cn.zhengyin.licence.tokens.TokenAudiences}), the store of issued
 * tokens that makes revocation effective at once here ({@link cn.zhengyin.licence.tokens.IssuedTokens}), who may
 * introspect which token ({@link cn.zhengyin.licence.tokens.IntrospectionPolicy}). docs/security.md "Access tokens".
 */
package cn.zhengyin.licence.tokens;
