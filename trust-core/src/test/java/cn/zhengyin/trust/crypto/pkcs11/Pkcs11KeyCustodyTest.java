package cn.zhengyin.trust.crypto.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.crypto.KeyCustody;
import cn.zhengyin.trust.crypto.KeyCustodyContractTest;
import cn.zhengyin.trust.crypto.KeyCustodyException;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.testing.SoftHsm;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;

/** The key custody contract against a SoftHSM2 token, plus what only a token guarantees. */
class Pkcs11KeyCustodyTest extends KeyCustodyContractTest {

    private static Pkcs11KeyCustody shared;

    @Override
    protected KeyCustody custody() {
        synchronized (Pkcs11KeyCustodyTest.class) {
            if (shared == null) {
                SoftHsm.Token token = SoftHsm.token();
                shared = Pkcs11KeyCustody.open(token.library(), token.slot(), token.pin(), CLOCK);
            }
            return shared;
        }
    }

    @Override
    protected KeyCustody reopened() {
        SoftHsm.Token token = SoftHsm.token();
        return Pkcs11KeyCustody.open(token.library(), token.slot(), token.pin(), CLOCK);
    }

    @Test
    void generatedPrivateKeysAreSensitiveNonExtractableTokenObjects() throws Exception {
        String id = newId("hsm");
        generateCertified(id);
        KeyStore store = KeyStore.getInstance("PKCS11", shared.provider());
        store.load(null, SoftHsm.token().pin());

        Key key = store.getKey(id, null);

        assertThat(key).isInstanceOf(PrivateKey.class);
        assertThat(key.getEncoded()).isNull();
        assertThat(key.toString())
                .contains("token object")
                .contains(", sensitive")
                .contains("unextractable");
    }

    @Test
    void refusesSm2WithAClearMessage() {
        assertThatThrownBy(() -> custody.generate(newId("sm2"), SignatureAlgorithm.SM2_SM3))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("SM2");
    }

    @Test
    void aMissingLibraryIsAClearError() {
        assertThatThrownBy(() -> Pkcs11KeyCustody.open(
                        Path.of("/nonexistent/libpkcs11.so"), new Pkcs11Slot.Id(0), "1234".toCharArray(), CLOCK))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("does not exist");
    }
}
