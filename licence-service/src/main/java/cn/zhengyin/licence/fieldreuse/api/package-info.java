/**
 * HTTP side of field reuse: the holder API ({@code /api/v1/holder/consents}, {@code /use-codes},
 * {@code /usage-records}, {@code /third-parties}; session + CSRF), the third-party API (bearer tokens:
 * {@code GET /api/v1/licences/{identifier}/fields}, {@code POST /api/v1/use-codes/redemption},
 * {@code POST /api/v1/licences/{identifier}/annotated-copies}), the issuers' usage-record listing
 * ({@code GET /api/v1/usage-records}), the release certificate, the security chain of these paths, the wiring, and
 * the hook that records verifications by registered clients.
 */
package cn.zhengyin.licence.fieldreuse.api;
