/**
 * Security events of the seal service in the audit log (service-kit {@code cn.zhengyin.service.audit}): decorators
 * of the seal store ({@code seal.<event>} for every lifecycle transition, who and why), of the authorisation store
 * ({@code seal.authorisation.grant} / {@code .withdraw}) and of the usage log ({@code seal.sign} DENIED for every
 * refused signing request). Granted signings stay in the usage log only.
 */
package cn.zhengyin.seal.audit;
