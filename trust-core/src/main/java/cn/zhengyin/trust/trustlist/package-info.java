/**
 * Other regions' licences (证照互认): a signed list, modelled on ETSI TS 119 612 (trusted lists), of licence-issuing
 * authorities outside this province — for each its CA certificates (ECDSA P-256 and SM2), the licence type codes it
 * may issue, its authorisation period and its status (granted, withdrawn) with history.
 *
 * <ul>
 *   <li>{@link cn.zhengyin.trust.trustlist.TrustListXml} reads and writes the XML form;
 *       {@link cn.zhengyin.trust.trustlist.TrustListSigner} signs it (enveloped XMLDSig with XAdES B-B signed
 *       properties, as trust-core's xml package makes them);</li>
 *   <li>{@link cn.zhengyin.trust.trustlist.TrustListVerifier} checks a list: its signature against a pinned list-signer
 *       certificate or an anchor, its nextUpdate (a stale list fails closed) and its sequence number (rollback);</li>
 *   <li>{@link cn.zhengyin.trust.trustlist.TrustListLoader} loads it from a file or an allow-listed http(s) URL,
 *       caches it and keeps the previous good list in force until its nextUpdate when a fetch fails;</li>
 *   <li>{@link cn.zhengyin.trust.trustlist.TrustListAnchors} is what signature verifiers consume: the anchors valid at
 *       a time, and for a validated certificate path a {@link cn.zhengyin.trust.trustlist.TrustDecision}.</li>
 * </ul>
 * Plain Java; time always comes from an injected {@link java.time.Clock} or an explicit instant.
 */
package cn.zhengyin.trust.trustlist;
