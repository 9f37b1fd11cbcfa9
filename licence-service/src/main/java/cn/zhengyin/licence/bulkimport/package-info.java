/**
 * Bulk import of existing licences (存量证照): {@code POST /api/v1/licence-imports} takes a stream of licences (NDJSON or
 * CSV, one licence a line, each with a client-chosen key), issues each through
 * {@link cn.zhengyin.licence.issuance.LicenceIssuer} with the key as its Idempotency-Key, and streams one NDJSON result
 * a line back, in input order. Nothing holds the whole input: lines are read one at a time (bounded in length), a few
 * are issued concurrently, and each result is written as soon as every earlier one is.
 */
package cn.zhengyin.licence.bulkimport;
