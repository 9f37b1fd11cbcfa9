/**
 * Pre-made seals: seals whose keys were made beforehand (e.g. the keys-dev seal ZYDEV-SEAL-0001), declared in
 * configuration and imported into the seal store at start-up as ISSUED seals with their authorisations.
 */
package cn.zhengyin.seal.premade;
