/**
 * Signing with a seal's key: for PAdES the caller sends only the SHA-256 digest of the PDF's signed byte ranges and
 * gets back a CMS SignedData with a time-stamp; the document never leaves the licence service. Every request, granted
 * or refused, is recorded as a seal usage.
 */
package cn.zhengyin.seal.signing;
