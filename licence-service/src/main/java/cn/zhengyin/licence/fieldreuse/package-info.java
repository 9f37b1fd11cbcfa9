/**
 * Field reuse (证照字段复用): a third party (a registered OAuth2 client) reads chosen fields of a licence, or obtains an
 * annotated copy (加注件), on one of three bases — the holder's consent (授权用证), a one-time use code the holder gave
 * (用证码), or an official duty (依职能用证, a service item code and a case number). Every release is signed by the
 * service (JWS) and every use is a usage record (用证记录). Plain Java: the ports ({@link
 * cn.zhengyin.licence.fieldreuse.ConsentStore}, {@link cn.zhengyin.licence.fieldreuse.UseCodeStore}, {@link
 * cn.zhengyin.licence.fieldreuse.UsageRecords}, {@link cn.zhengyin.licence.fieldreuse.ReleaseSigner}, {@link
 * cn.zhengyin.licence.fieldreuse.CopyMaker}) have their Mongo, JOSE and PDF adapters, the HTTP API and the Spring
 * wiring in {@code fieldreuse.internal}; a verification by a registered client becomes a usage record through the
 * {@code LicenceVerified} event. docs/field-reuse.md describes the flows and rules.
 */
package cn.zhengyin.licence.fieldreuse;
