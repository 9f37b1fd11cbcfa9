/**
 * The licence transparency log (docs/transparency-log.md): every issuance, new version and status change is appended
 * as an RFC 9162 Merkle leaf committing to the event without personal data ({@link
 * cn.zhengyin.licence.transparency.LicenceEventLog}); signed tree heads, inclusion and consistency proofs are public
 * ({@code GET /api/v1/transparency/**}); the verification report carries the inclusion proof of the verified version.
 */
package cn.zhengyin.licence.transparency;
