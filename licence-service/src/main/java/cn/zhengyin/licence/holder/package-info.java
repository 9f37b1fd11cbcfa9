/**
 * Holders (持证主体) as signed-in people: a citizen with their 公民身份号码 and the companies (统一社会信用代码) they are the
 * authorised representative of. Production signs them in through the province's unified identity provider (OpenID
 * Connect, configuration only); the dev profile has a built-in sign-in that picks one of the sample holders. The
 * wallet pages and the holder API ({@code /api/v1/holder/**}) use the session this creates.
 */
package cn.zhengyin.licence.holder;
