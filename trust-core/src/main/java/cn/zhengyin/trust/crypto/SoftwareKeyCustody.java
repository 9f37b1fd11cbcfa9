package cn.zhengyin.trust.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Key custody backed by software keys, loaded from PKCS#12 files (development keys in {@code keys-dev}).
 * Every key is re-imported through Bouncy Castle's {@code KeyFactory}: BC signs ECDSA ~3× faster with its own key
 * objects (PERFORMANCE.md). Requires the BC provider (see {@link Providers#bouncyCastle()}).
 */
public final class SoftwareKeyCustody implements KeyCustody {

    private final Map<String, SigningKey> keys;

    /** @param keys the keys this custody holds; identifiers must be unique */
    public SoftwareKeyCustody(Collection<? extends SigningKey> keys) {
        this.keys = keys.stream().collect(Collectors.toUnmodifiableMap(SigningKey::keyId, Function.identity()));
    }

    @Override
    public SigningKey signingKey(String keyId) {
        SigningKey key = keys.get(keyId);
        if (key == null) {
            throw new KeyNotFoundException("No signing key with id '" + keyId + "' in software key custody; known ids: "
                    + keys.keySet().stream().sorted().toList() + ". Configure the PKCS#12 file for this key.");
        }
        return key;
    }

    /**
     * Loads one key entry from a PKCS#12 file.
     *
     * @param keyId    identifier the key gets in custody
     * @param pkcs12   path of the PKCS#12 file
     * @param password store and key password
     * @param alias    alias of the private key entry
     * @return the signing key with the chain stored under the alias (signer first)
     * @throws KeyCustodyException if the file cannot be read, the password is wrong, the alias is missing or the key
     *                             is neither ECDSA P-256 nor SM2
     */
    public static SigningKey loadPkcs12(String keyId, Path pkcs12, char[] password, String alias) {
        try (InputStream in = Files.newInputStream(pkcs12)) {
            return loadPkcs12(keyId, in, password, alias, pkcs12.toString());
        } catch (IOException e) {
            throw new KeyCustodyException(
                    "Cannot read PKCS#12 file " + pkcs12 + " for key '" + keyId + "': " + e.getMessage()
                            + ". Check the path and the password.",
                    e);
        }
    }

    /** Like {@link #loadPkcs12(String, Path, char[], String)} from the bytes of a PKCS#12 file. */
    public static SigningKey loadPkcs12(String keyId, byte[] pkcs12, char[] password, String alias) {
        try {
            return loadPkcs12(keyId, new ByteArrayInputStream(pkcs12), password, alias, "<in-memory PKCS#12>");
        } catch (IOException e) {
            throw new KeyCustodyException(
                    "Cannot read PKCS#12 data for key '" + keyId + "': " + e.getMessage() + ". Check the password.", e);
        }
    }

    private static SigningKey loadPkcs12(String keyId, InputStream in, char[] password, String alias, String source)
            throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12", Providers.bouncyCastle());
            store.load(in, password);
            Key key = store.getKey(alias, password);
            if (!(key instanceof PrivateKey privateKey)) {
                throw new KeyCustodyException("PKCS#12 " + source + " has no private key under alias '" + alias
                        + "'; aliases present: " + java.util.Collections.list(store.aliases()) + ".");
            }
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                throw new KeyCustodyException("PKCS#12 " + source + " has no certificate chain under alias '" + alias
                        + "'; store the signer certificate (and its CA certificates) with the key.");
            }
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : chain) {
                certs.add((X509Certificate) c);
            }
            return fromKey(keyId, privateKey, certs);
        } catch (GeneralSecurityException e) {
            throw new KeyCustodyException(
                    "Cannot load key '" + alias + "' from PKCS#12 " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Wraps a private key already in memory (re-imported through BC).
     *
     * @param chain signer certificate first; its public key must match {@code privateKey}
     */
    public static SigningKey fromKey(String keyId, PrivateKey privateKey, List<X509Certificate> chain) {
        return SoftwareSigningKey.create(keyId, privateKey, chain);
    }
}
