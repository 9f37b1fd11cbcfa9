/**
 * Verification of a licence file: the signatures (trust-core's PDF verifier) and the registry's answer (is this exact
 * file a registered version, and what is the licence's status now). Fails closed: anything not proven is not PASSED.
 */
package cn.zhengyin.licence.verification;
