/**
 * Sharing a licence (亮证): the holder picks fields and an expiry and gets a link and QR code to an SD-JWT VC
 * (draft-ietf-oauth-sd-jwt-vc over RFC 9901 SD-JWT) signed ES256 by the licence's seal (through the seal service), one
 * disclosure per field, with a Token Status List reference (draft-ietf-oauth-status-list) that the licence service
 * serves per share. Shares can be withdrawn; the public share page verifies the credential and its status.
 */
package cn.zhengyin.licence.share;
