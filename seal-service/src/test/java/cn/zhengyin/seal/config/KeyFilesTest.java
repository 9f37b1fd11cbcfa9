package cn.zhengyin.seal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The key files of the keys directory are read once per start-up, however many beans ask (issue #13): the same key and
 * credential come back while the context starts, a missing file still stops the start with the way to make it, and
 * nothing read is kept once all singletons exist.
 */
class KeyFilesTest {
    private final KeyFiles keys = new KeyFiles(new SealServiceProperties(
            Path.of("..", "keys-dev").toAbsolutePath().normalize(), "zhengyin-dev", "tsa", List.of(), "", null));

    @Test
    void aKeyFileIsReadOnceWhileTheContextStarts() {
        var tsa = keys.signingKey("tsa");
        assertThat(tsa.keyId()).isEqualTo("tsa");
        assertThat(tsa.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(keys.signingKey("tsa")).isSameAs(tsa);

        var ca = keys.credential("seal-ca");
        assertThat(ca.certificate().getSubjectX500Principal().getName()).contains("Seal CA");
        assertThat(keys.credential("seal-ca")).isSameAs(ca);

        keys.afterSingletonsInstantiated(); // the beans keep what they use; the files' contents are not kept here
        assertThat(keys.signingKey("tsa")).isNotSameAs(tsa);
        assertThat(keys.signingKey("tsa").certificateChain()).isEqualTo(tsa.certificateChain());
    }

    @Test
    void aMissingKeyFileStopsTheStartWithHowToMakeIt() {
        assertThat(keys.has("tsa")).isTrue();
        assertThat(keys.has("no-such-key")).isFalse();
        assertThatThrownBy(() -> keys.signingKey("no-such-key"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-key.p12 does not exist")
                .hasMessageContaining("dev-pki generate");
        assertThatThrownBy(() -> keys.credential("no-such-ca"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CA key file")
                .hasMessageContaining("no-such-ca.p12 does not exist");
    }
}
