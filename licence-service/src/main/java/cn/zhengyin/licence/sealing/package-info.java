/**
 * Adapter to the seal service: prepares the PAdES signature locally, sends only the digest to the seal service, and
 * embeds the CMS it returns. The licence document never leaves the licence service.
 */
package cn.zhengyin.licence.sealing;
