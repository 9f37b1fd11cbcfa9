/**
 * Spring wiring of the seal lifecycle, authorisations, signing, CRLs and OCSP, and the start-up import of pre-made
 * seals declared in configuration.
 */
package cn.zhengyin.seal.lifecycle.wiring;
