package cn.zhengyin.seal.config;

import cn.zhengyin.service.custody.MongoCertificateChainStore;
import cn.zhengyin.service.custody.VaultTransitKeyCustody;
import cn.zhengyin.trust.crypto.AlgorithmRoutingKeyCustody;
import cn.zhengyin.trust.crypto.KeyCustody;
import cn.zhengyin.trust.crypto.KeystoreFileKeyCustody;
import cn.zhengyin.trust.crypto.ProvisionedKeyCustody;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.pkcs11.Pkcs11KeyCustody;
import cn.zhengyin.trust.crypto.pkcs11.Pkcs11Slot;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;

/**
 * The seal service's key custody, the one Spring wiring of it. {@value #GENERATING_KEY_CUSTODY}: the custody seal keys
 * are generated in, chosen by {@code zhengyin.key-custody.type} (trust-core's {@link KeystoreFileKeyCustody} or
 * {@link Pkcs11KeyCustody}, service-kit's {@link VaultTransitKeyCustody}); SM2 keys go to
 * {@code zhengyin.key-custody.sm2-type} when the chosen custody cannot make them ({@link AlgorithmRoutingKeyCustody}).
 * The primary {@link KeyCustody} the features get puts the pre-provisioned keys of {@code zhengyin.seals} in front of
 * it ({@link ProvisionedKeyCustody}).
 */
@Configuration(proxyBeanMethods = false)
public class KeyCustodyConfiguration {
    public static final String GENERATING_KEY_CUSTODY = "generatingKeyCustody";

    /** Pre-provisioned keys (keys-dev, {@code zhengyin.seals}) in front of the generating custody. */
    @Bean
    @Primary
    ProvisionedKeyCustody sealKeyCustody(
            SealServiceProperties properties, KeyFiles keys, @Qualifier(GENERATING_KEY_CUSTODY) KeyCustody generating) {
        List<SigningKey> provisioned = properties.seals().stream()
                .flatMap(spec -> Stream.concat(Stream.of(spec.key()), spec.sm2KeyName().stream()))
                .map(keys::signingKey)
                .toList();
        return new ProvisionedKeyCustody(provisioned, generating);
    }

    @Bean(GENERATING_KEY_CUSTODY)
    KeyCustody generatingKeyCustody(
            KeyCustodyProperties properties, SealKeysProperties keystore, MongoDatabase database, Clock clock) {
        Map<KeyCustodyType, KeyCustody> opened = new EnumMap<>(KeyCustodyType.class);
        KeyCustody ecdsa = open(properties.type(), properties, keystore, database, clock, opened);
        if (properties.type().supportsSm2() && properties.sm2Type() == properties.type()) {
            return ecdsa;
        }
        if (!properties.sm2Type().supportsSm2()) {
            throw new IllegalStateException("zhengyin.key-custody.sm2-type=" + properties.sm2Type() + " cannot make"
                    + " SM2 keys; use keystore-file (seals need an SM2 key for GB/T 38540).");
        }
        return new AlgorithmRoutingKeyCustody(
                ecdsa, open(properties.sm2Type(), properties, keystore, database, clock, opened));
    }

    private static KeyCustody open(
            KeyCustodyType type,
            KeyCustodyProperties properties,
            SealKeysProperties keystore,
            MongoDatabase database,
            Clock clock,
            Map<KeyCustodyType, KeyCustody> opened) {
        return opened.computeIfAbsent(type, t -> switch (t) {
            case KEYSTORE_FILE ->
                KeystoreFileKeyCustody.open(keystore.file(), keystore.password().toCharArray(), clock);
            case PKCS11 -> pkcs11(properties.pkcs11(), clock);
            case VAULT -> vault(properties.vault(), database);
        });
    }

    private static KeyCustody pkcs11(KeyCustodyProperties.Pkcs11 settings, Clock clock) {
        if (settings.library() == null
                || settings.pin() == null
                || settings.pin().isEmpty()) {
            throw new IllegalStateException("zhengyin.key-custody.type=pkcs11 needs zhengyin.key-custody.pkcs11.library"
                    + " and .pin (ZHENGYIN_PKCS11_PIN); got " + settings);
        }
        Pkcs11Slot slot = settings.slot() != null
                ? new Pkcs11Slot.Id(settings.slot())
                : new Pkcs11Slot.ListIndex(settings.slotListIndex());
        return Pkcs11KeyCustody.open(settings.library(), slot, settings.pin().toCharArray(), clock);
    }

    private static KeyCustody vault(KeyCustodyProperties.Vault settings, MongoDatabase database) {
        if (settings.uri() == null
                || settings.token() == null
                || settings.token().isEmpty()) {
            throw new IllegalStateException("zhengyin.key-custody.type=vault needs zhengyin.key-custody.vault.uri and"
                    + " .token (ZHENGYIN_VAULT_TOKEN); got " + settings);
        }
        VaultTemplate template =
                new VaultTemplate(VaultEndpoint.from(settings.uri()), new TokenAuthentication(settings.token()));
        return new VaultTransitKeyCustody(
                template.opsForTransit(settings.mountPath()),
                new MongoCertificateChainStore(database),
                settings.uri() + " mount " + settings.mountPath());
    }
}
