/**
 * XML signatures for structured licence documents: XMLDSig enveloped signatures with XAdES baseline B signed
 * properties (ETSI EN 319 132-1), made and checked with Apache Santuario behind a hardened parser.
 *
 * <ul>
 *   <li>{@link cn.zhengyin.trust.xml.SecureXml}: the only way XML is parsed here: namespace aware, no DTD, no external
 *       entities, no XInclude, JAXP secure processing and limits.</li>
 *   <li>{@link cn.zhengyin.trust.xml.XadesEnvelopedSigner} / {@link cn.zhengyin.trust.xml.XmlSignaturePreparation}:
 *       two-phase signing, so the document stays with its owner and only the canonical {@code ds:SignedInfo} bytes
 *       travel to whoever holds the key.</li>
 *   <li>{@link cn.zhengyin.trust.xml.SignedInfoPolicy}: the one shape of {@code ds:SignedInfo} Zhengyin makes and
 *       accepts (algorithms, transforms, references); used by the verifier and by the seal service before it signs.</li>
 *   <li>{@link cn.zhengyin.trust.xml.XmlSignatureVerifier}: fail-closed verification into the
 *       {@link cn.zhengyin.trust.validation} report model.</li>
 * </ul>
 */
package cn.zhengyin.trust.xml;
