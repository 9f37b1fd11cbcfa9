/**
 * Key custodies that need Spring: {@link cn.zhengyin.service.custody.VaultTransitKeyCustody} (HashiCorp Vault Transit
 * through Spring Vault) and the {@link cn.zhengyin.service.custody.CertificateChainStore} it keeps certificate chains
 * in (Vault Transit stores keys only).
 */
package cn.zhengyin.service.custody;
