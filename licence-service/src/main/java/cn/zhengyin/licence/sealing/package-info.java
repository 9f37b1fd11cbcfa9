/**
 * Sealing: the ports through which a licence gets its issuing authority's seal — {@link
 * cn.zhengyin.licence.sealing.LicenceSealer} (PAdES on the PDF), {@link cn.zhengyin.licence.sealing.XmlSealer}
 * (XAdES on the XML) and {@link cn.zhengyin.licence.sealing.JwsSigner} (ES256 for shared credentials). The adapters
 * in {@code internal} prepare each signature locally, send only the digest to the seal service and embed what it
 * returns: the licence document never leaves the licence service. The seal service's HTTP client itself is the named
 * interface {@code sealing::client} (for features that sign their own documents through it, e.g. the 加注件 copies).
 */
package cn.zhengyin.licence.sealing;
