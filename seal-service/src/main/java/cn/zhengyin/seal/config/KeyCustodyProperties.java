package cn.zhengyin.seal.config;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code zhengyin.key-custody.*}: where keys of seals made here are generated. The software keystore itself is
 * configured by {@code zhengyin.seal-keys.*}.
 *
 * @param type    keystore-file (default), pkcs11 or vault: the custody for ECDSA P-256 seal keys
 * @param sm2Type the custody for SM2 seal keys; PKCS#11 (SunPKCS11/SoftHSM2) and Vault Transit cannot make SM2 keys,
 *                so it defaults to keystore-file whatever {@code type} is
 * @param pkcs11  settings for type pkcs11
 * @param vault   settings for type vault
 */
@ConfigurationProperties("zhengyin.key-custody")
public record KeyCustodyProperties(
        @DefaultValue("keystore-file") KeyCustodyType type,
        @DefaultValue("keystore-file") KeyCustodyType sm2Type,
        @DefaultValue Pkcs11 pkcs11,
        @DefaultValue Vault vault) {

    /**
     * @param library       the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so
     * @param slot          the token's slot id (SunPKCS11 cannot select by label; see docs/key-custody.md), or
     * @param slotListIndex the slot's index in the module's slot list (used when slot is not set; default 0)
     * @param pin           the user PIN (set ZHENGYIN_PKCS11_PIN)
     */
    public record Pkcs11(
            Path library, Long slot, @DefaultValue("0") int slotListIndex, String pin) {
        @Override
        public String toString() {
            return "Pkcs11[library=" + library + ", slot=" + slot + ", slotListIndex=" + slotListIndex + ", pin=***]";
        }
    }

    /**
     * @param uri       Vault's address, e.g. https://vault.example:8200
     * @param token     the Vault token (set ZHENGYIN_VAULT_TOKEN); needs create/read/update/delete on the keys and
     *                  update on sign under the mount
     * @param mountPath the Transit engine's mount path (default transit)
     */
    public record Vault(
            URI uri, String token, @DefaultValue("transit") String mountPath) {
        @Override
        public String toString() {
            return "Vault[uri=" + uri + ", token=***, mountPath=" + mountPath + "]";
        }
    }
}
