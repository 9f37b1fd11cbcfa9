package cn.zhengyin.service.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.crypto.KeyCustody;
import cn.zhengyin.trust.crypto.KeyCustodyContractTest;
import cn.zhengyin.trust.crypto.KeyCustodyException;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.vault.VaultContainer;

/** The key custody contract against a real Vault (dev mode, Transit enabled); skipped where Docker is missing. */
@Testcontainers(disabledWithoutDocker = true)
class VaultTransitKeyCustodyTest extends KeyCustodyContractTest {
    private static final String ROOT_TOKEN = "zy-test-root";

    @Container
    static final VaultContainer<?> VAULT = new VaultContainer<>("hashicorp/vault:1.17")
            .withVaultToken(ROOT_TOKEN)
            .withInitCommand("secrets enable transit");

    private static final InMemoryCertificateChainStore CHAINS = new InMemoryCertificateChainStore();

    @Override
    protected KeyCustody custody() {
        VaultTemplate template = new VaultTemplate(
                VaultEndpoint.from(URI.create(VAULT.getHttpHostAddress())), new TokenAuthentication(ROOT_TOKEN));
        return new VaultTransitKeyCustody(template.opsForTransit("transit"), CHAINS, VAULT.getHttpHostAddress());
    }

    @Test
    void refusesSm2WithAClearMessage() {
        assertThatThrownBy(() -> custody.generate(newId("sm2"), SignatureAlgorithm.SM2_SM3))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("SM2");
    }

    @Test
    void keysAreCreatedNonExportable() {
        String id = newId("vault");
        custody.generate(id, SignatureAlgorithm.ECDSA_P256_SHA256);
        VaultTemplate template = new VaultTemplate(
                VaultEndpoint.from(URI.create(VAULT.getHttpHostAddress())), new TokenAuthentication(ROOT_TOKEN));
        assertThat(template.opsForTransit("transit").getKey(id).isExportable()).isFalse();
    }
}
