package cn.zhengyin.trust.timestamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.testing.TestPki;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.junit.jupiter.api.Test;

/** GB/T 20520 tokens carry SM3 imprints: the TSA and the in-process source accept them next to SHA-256. */
class Sm3TimestampImprintTest {

    static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void inProcessSourceObtainsATokenWithAnSm3Imprint() {
        Providers.bouncyCastle();
        TestPki pki = TestPki.create(NOW);
        TimestampAuthority tsa = new TimestampAuthority(
                pki.tsaKey(),
                TimestampAuthority.DEV_POLICY_OID,
                Clock.fixed(NOW, ZoneOffset.UTC),
                () -> BigInteger.TEN,
                Duration.ofSeconds(1));
        byte[] imprint = new byte[32];
        imprint[0] = 1;

        var token = new InProcessTimestampSource(tsa).timestamp(GMObjectIdentifiers.sm3, imprint);

        assertThat(token.getTimeStampInfo().getHashAlgorithm().getAlgorithm()).isEqualTo(GMObjectIdentifiers.sm3);
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(imprint);
        assertThat(tsa.timestamp(GMObjectIdentifiers.sm3, imprint)
                        .getTimeStampInfo()
                        .getMessageImprintDigest())
                .isEqualTo(imprint);
        assertThatThrownBy(() -> tsa.timestamp(GMObjectIdentifiers.sm3, new byte[20]))
                .isInstanceOf(TimestampException.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void aSha256OnlySourceRefusesOtherDigestsByDefault() {
        TimestampSource sha256Only = imprint -> {
            throw new AssertionError("not reached");
        };
        assertThatThrownBy(() -> sha256Only.timestamp(GMObjectIdentifiers.sm3, new byte[32]))
                .isInstanceOf(TimestampException.class)
                .hasMessageContaining("only supports SHA-256");
    }
}
