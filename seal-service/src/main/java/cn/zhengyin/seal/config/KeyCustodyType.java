package cn.zhengyin.seal.config;

/** The custodies seal keys can be generated in ({@code zhengyin.key-custody.type}). */
public enum KeyCustodyType {
    /** PKCS#12 file (development): ECDSA and SM2. */
    KEYSTORE_FILE,
    /** PKCS#11 token (HSM; SoftHSM2 in tests): ECDSA P-256 only. */
    PKCS11,
    /** HashiCorp Vault Transit: ECDSA P-256 only. */
    VAULT;

    /** Whether this custody can make SM2 keys. */
    public boolean supportsSm2() {
        return this == KEYSTORE_FILE;
    }
}
