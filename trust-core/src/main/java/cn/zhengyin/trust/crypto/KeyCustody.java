package cn.zhengyin.trust.crypto;

/** Where signing keys live: a software keystore in development, an HSM (PKCS#11) or Vault Transit in production. */
public interface KeyCustody {

    /**
     * @param keyId the custody's identifier of the key
     * @return the key, ready to sign
     * @throws KeyNotFoundException if the custody holds no key with that identifier
     */
    SigningKey signingKey(String keyId);
}
