/**
 * OFD (GB/T 33190-2016) licence files sealed with GB/T 38540 electronic seal signatures: the package
 * ({@link cn.zhengyin.trust.ofd.OfdPackage}, a strict ZIP reader and a deterministic writer), two-phase sealing
 * ({@link cn.zhengyin.trust.ofd.OfdSealPreparer}: the Signatures.xml, Signature.xml with the SM3 reference of every
 * part, Seal.esl; only the SM3 hash of Signature.xml leaves for signing) and verification
 * ({@link cn.zhengyin.trust.ofd.OfdSignatureVerifier}). Plain Java and the JDK's XML: no OFD library is needed to
 * seal or verify, so the SES code stays on trust-core's Bouncy Castle.
 */
@NullMarked
package cn.zhengyin.trust.ofd;

import org.jspecify.annotations.NullMarked;
