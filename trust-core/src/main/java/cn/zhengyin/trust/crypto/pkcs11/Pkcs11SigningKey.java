package cn.zhengyin.trust.crypto.pkcs11;

import cn.zhengyin.trust.crypto.ExternalEcdsaSigningKey;
import cn.zhengyin.trust.crypto.KeyCustodyException;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A token private key: signs in the token with SHA256withECDSA (SunPKCS11 returns the DER {@code SEQUENCE {r, s}}).
 * Thread-safe: one {@link Signature} (one PKCS#11 operation) per call. Never prints the key handle.
 */
final class Pkcs11SigningKey extends ExternalEcdsaSigningKey {

    private final PrivateKey key;
    private final Provider provider;
    private final Runnable relogin;

    Pkcs11SigningKey(String keyId, PrivateKey key, List<X509Certificate> chain, Provider provider, Runnable relogin) {
        super(keyId, chain);
        this.key = key;
        this.provider = provider;
        this.relogin = relogin;
    }

    @Override
    public byte[] sign(byte[] data) {
        try {
            return signOnce(data);
        } catch (GeneralSecurityException | RuntimeException first) {
            // the token may have logged the process out (last session closed, HSM restarted): log in, try once more
            try {
                relogin.run();
                return signOnce(data);
            } catch (GeneralSecurityException | RuntimeException e) {
                e.addSuppressed(first);
                throw new KeyCustodyException(
                        "Signing with token key '" + keyId() + "' failed: " + e.getMessage()
                                + " (the key may have been destroyed, or the token removed)",
                        e);
            }
        }
    }

    private byte[] signOnce(byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(SignatureAlgorithm.ECDSA_P256_SHA256.jcaName(), provider);
        signature.initSign(key);
        signature.update(data);
        return signature.sign();
    }
}
