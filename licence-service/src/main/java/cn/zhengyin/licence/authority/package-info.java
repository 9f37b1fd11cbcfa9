/**
 * Approval systems (审批系统) and the issuing authorities (发证机关) they act for: which OAuth2 client may issue which
 * licence types, for which authority, sealed with which seal. Configured in {@code zhengyin.approval-systems}; the
 * composition root makes {@link cn.zhengyin.licence.authority.ApprovalSystems} from it. Issuance, licence changes,
 * the registry's read API, field reuse and sharing ask it.
 */
package cn.zhengyin.licence.authority;
