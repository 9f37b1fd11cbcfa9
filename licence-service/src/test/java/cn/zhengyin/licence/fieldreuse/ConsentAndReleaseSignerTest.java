package cn.zhengyin.licence.fieldreuse;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.licence.fieldreuse.internal.JoseReleaseSigner;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsentAndReleaseSignerTest {
    private static final Instant T = Instant.parse("2026-06-01T00:00:00Z");

    private static Consent consent(Instant until, Optional<Instant> withdrawn) {
        return new Consent(
                "cst-1", "root", "type", "holder", "person", "bank-demo", List.of("name"), "开户", T, until, withdrawn);
    }

    @Test
    void aConsentIsActiveUntilItsEndAndWithdrawalWinsOverEverything() {
        Instant until = T.plusSeconds(3600);
        assertThat(consent(until, Optional.empty()).stateAt(T)).isEqualTo(Consent.State.ACTIVE);
        assertThat(consent(until, Optional.empty()).stateAt(until)).isEqualTo(Consent.State.EXPIRED);
        assertThat(consent(until, Optional.of(T.plusSeconds(5))).stateAt(T)).isEqualTo(Consent.State.WITHDRAWN);
    }

    @Test
    void aUseCodeIsStoredAsTheSha256OfItsText() {
        assertThat(FieldReuse.hash("ABC"))
                .isEqualTo("b5d4045c3f466fa91fe2cc6abe79232a1a57cdf104f7a26e716e0a1e2789df78");
    }

    @Test
    void aReleaseIsAnEs256JwsOverExactlyItsClaimsWithTheCertificateChainInX5c() throws Exception {
        Providers.bouncyCastle();
        var key = SoftwareKeyCustody.loadPkcs12(
                "field-release",
                Path.of("..", "keys-dev", "field-release.p12"),
                "zhengyin-dev".toCharArray(),
                "field-release");
        JoseReleaseSigner signer = new JoseReleaseSigner(key);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("identifier", "1.2.156.3005.2.X");
        claims.put("fields", Map.of("name", "示范"));
        JWSObject jws = JWSObject.parse(signer.sign(claims));
        assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(jws.getHeader().getType().getType()).isEqualTo(JoseReleaseSigner.TYPE);
        assertThat(jws.getHeader().getX509CertChain())
                .hasSize(key.certificateChain().size());
        assertThat(jws.verify(new ECDSAVerifier(
                        (ECPublicKey) key.certificateChain().getFirst().getPublicKey())))
                .isTrue();
        assertThat(jws.getPayload().toJSONObject()).isEqualTo(claims);
        String tampered = jws.serialize()
                .replaceFirst(
                        "\\.[A-Za-z0-9_-]+\\.",
                        "." + com.nimbusds.jose.util.Base64URL.encode("{\"identifier\":\"other\"}") + ".");
        assertThat(JWSObject.parse(tampered).verify(new ECDSAVerifier((ECPublicKey)
                        key.certificateChain().getFirst().getPublicKey())))
                .isFalse();
    }
}
