package cn.zhengyin.trust.pki;

import cn.zhengyin.trust.pki.internal.BcProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * PKCS#12 (RFC 7292) files holding one private key and its chain under an alias. Written with the JDK's PKCS12 key
 * store (JDK 21 defaults: PBES2/PBKDF2-HMAC-SHA256 with AES-256, HMAC-SHA256 MAC, 10,000 iterations; readable by
 * OpenSSL 3 without {@code -legacy}). Bouncy Castle's own store would use 600,000+ iterations, seconds per file.
 * Read with Bouncy Castle, which also understands SM2 keys (the JDK cannot decode sm2p256v1 keys).
 */
public final class Pkcs12 {
    private Pkcs12() {}

    /** Encodes the credential under the alias {@link Credential#name()}. */
    public static byte[] encode(Credential credential, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(
                    credential.name(),
                    credential.privateKey(),
                    password,
                    credential.chain().toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("Cannot encode PKCS#12 for '" + credential.name() + "': " + e.getMessage(), e);
        }
    }

    public static void write(Path file, Credential credential, char[] password) {
        byte[] bytes = encode(credential, password);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new PkiException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Decodes the only key entry of a PKCS#12; fails if there is none or more than one. */
    public static Credential decode(byte[] pkcs12, char[] password) {
        KeyStore store = load(pkcs12, password, "the PKCS#12 data");
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.size() != 1) {
                throw new PkiException("PKCS#12 holds " + keyAliases.size() + " key entries " + keyAliases
                        + "; name the alias to read");
            }
            return credential(store, keyAliases.getFirst(), password, "the PKCS#12 data");
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot read the PKCS#12 data: " + e.getMessage(), e);
        }
    }

    /** Reads the only key entry of a PKCS#12 file. */
    public static Credential read(Path file, char[] password) {
        try {
            return decode(Files.readAllBytes(file), password);
        } catch (IOException e) {
            throw new PkiException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (PkiException e) {
            throw new PkiException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the key entry {@code alias} of a PKCS#12 file. */
    public static Credential read(Path file, String alias, char[] password) {
        try {
            KeyStore store = load(Files.readAllBytes(file), password, file.toString());
            return credential(store, alias, password, file.toString());
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(byte[] pkcs12, char[] password, String source) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12", BcProvider.get());
            store.load(new ByteArrayInputStream(pkcs12), password);
            return store;
        } catch (IOException e) {
            throw new PkiException(
                    "Cannot open " + source + ": " + e.getMessage() + " (wrong password, or not a PKCS#12 file)", e);
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot open " + source + ": " + e.getMessage(), e);
        }
    }

    private static Credential credential(KeyStore store, String alias, char[] password, String source)
            throws GeneralSecurityException {
        Key key = store.getKey(alias, password);
        if (!(key instanceof PrivateKey privateKey)) {
            throw new PkiException(source + " has no private key under alias '" + alias + "'; aliases: "
                    + Collections.list(store.aliases()));
        }
        Certificate[] chain = store.getCertificateChain(alias);
        List<X509Certificate> certificates = Arrays.stream(chain == null ? new Certificate[0] : chain)
                .map(X509Certificate.class::cast)
                .toList();
        return new Credential(alias, privateKey, certificates);
    }
}
