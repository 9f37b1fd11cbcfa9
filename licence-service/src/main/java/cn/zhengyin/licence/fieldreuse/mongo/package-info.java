/**
 * MongoDB adapters of the field-reuse ports: {@code consents} (one document per consent), {@code use_codes} (_id = the
 * code's SHA-256; redemption is one conditional {@code findOneAndUpdate}) and {@code usage_records} (insert only).
 */
package cn.zhengyin.licence.fieldreuse.mongo;
