package cn.zhengyin.seal.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code zhengyin.seal-keys.*}: the software keystore for keys generated when seals are made (development custody;
 * PKCS#11 and Vault come later).
 *
 * @param file     the PKCS#12 file (default {@code ./data/seal-service/keys.p12})
 * @param password its password (set ZHENGYIN_SEAL_KEYSTORE_PASSWORD outside development)
 */
@ConfigurationProperties("zhengyin.seal-keys")
public record SealKeysProperties(
        @DefaultValue("./data/seal-service/keys.p12") Path file,
        @DefaultValue("zhengyin-dev") String password) {
    @Override
    public String toString() {
        return "SealKeysProperties[file=" + file + ", password=***]";
    }
}
