/**
 * Issuance (发证): an approval system asks for a licence; the fields are validated against the licence type, an
 * identifier is assigned, the PDF is rendered and sealed, the version stored and the licence made visible. Every step
 * is idempotent, so a retry with the same {@code Idempotency-Key} — or a recovery after a crash — completes the same
 * licence instead of issuing a second one.
 */
package cn.zhengyin.licence.issuance;
