package cn.zhengyin.seal.config;

import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.Pkcs12;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The key files of {@code zhengyin.keys-directory} ({@code <name>.p12}, alias = name) as the start-up reads them: each
 * file is read and decrypted once, however many beans need its key or certificate. The TSA's key, for instance,
 * serves the time-stamping authority, the OCSP responder's list of the service's own certificates and monitoring;
 * seal-ca's serves the certificate authority, its CRLs, its OCSP responder and monitoring (the beans asked for 14
 * files 25 times, and each read derives three keys with 10,000 PBKDF2 rounds and checks the key against its
 * certificate). What was read is dropped when all singletons exist: the beans keep what they use.
 */
final class KeyFiles implements SmartInitializingSingleton {
    private final SealServiceProperties properties;
    private final Map<String, SigningKey> signingKeys = new ConcurrentHashMap<>();
    private final Map<String, Credential> credentials = new ConcurrentHashMap<>();

    KeyFiles(SealServiceProperties properties) {
        this.properties = properties;
    }

    /** Whether {@code <keys-directory>/<name>.p12} exists. */
    boolean has(String name) {
        return Files.isRegularFile(file(name));
    }

    /** {@code <keys-directory>/<name>.p12}, alias {@code name}, as a signing key with id {@code name}. */
    SigningKey signingKey(String name) {
        return signingKeys.computeIfAbsent(name, this::loadSigningKey);
    }

    /** {@code <keys-directory>/<name>.p12} as the credential of a CA of this service. */
    Credential credential(String name) {
        return credentials.computeIfAbsent(name, this::loadCredential);
    }

    @Override
    public void afterSingletonsInstantiated() {
        signingKeys.clear();
        credentials.clear();
    }

    private SigningKey loadSigningKey(String name) {
        return SoftwareKeyCustody.loadPkcs12(
                name, existing(name, "key file"), properties.keyPassword().toCharArray(), name);
    }

    private Credential loadCredential(String name) {
        return Pkcs12.read(
                existing(name, "CA key file"), properties.keyPassword().toCharArray());
    }

    /** The key file of this name; a clear start-up error, with the command that makes the dev PKI, if it is missing. */
    private Path existing(String name, String what) {
        Path file = file(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(what + " " + file.toAbsolutePath() + " does not exist; generate the dev"
                    + " PKI with 'java -jar ca-tools/target/ca-tools.jar dev-pki generate --out keys-dev' or set"
                    + " zhengyin.keys-directory");
        }
        return file;
    }

    private Path file(String name) {
        return properties.keysDirectory().resolve(name + ".p12");
    }
}
