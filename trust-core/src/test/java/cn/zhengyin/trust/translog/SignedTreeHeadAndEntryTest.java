package cn.zhengyin.trust.translog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.testing.TestPki;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignedTreeHeadAndEntryTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00.123456Z");
    private static TestPki pki;

    @BeforeAll
    static void setUp() {
        Providers.bouncyCastle();
        pki = TestPki.create(NOW);
    }

    private static final HashValue ROOT =
            HashValue.fromHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void aSignedTreeHeadVerifiesWithTheLogCertificateAndNothingElse() {
        SignedTreeHead sth = SignedTreeHead.sign(8, ROOT, NOW, pki.signerKey());
        assertThat(sth.timestamp()).isEqualTo(Instant.parse("2026-03-01T08:00:00.123Z"));
        assertThat(sth.verify(pki.signerCertificate())).isTrue();
        assertThat(new SignedTreeHead(9, ROOT, sth.timestamp(), sth.signature()).verify(pki.signerCertificate()))
                .isFalse();
        assertThat(new SignedTreeHead(8, MerkleHashing.EMPTY_ROOT, sth.timestamp(), sth.signature())
                        .verify(pki.signerCertificate()))
                .isFalse();
        assertThat(new SignedTreeHead(8, ROOT, sth.timestamp().plusMillis(1), sth.signature())
                        .verify(pki.signerCertificate()))
                .isFalse();
        assertThat(sth.verify(pki.tsaCertificate())).isFalse();
        assertThat(new SignedTreeHead(8, ROOT, sth.timestamp(), new byte[] {1, 2, 3}).verify(pki.signerCertificate()))
                .isFalse();
    }

    @Test
    void theSignedBytesAreTheDocumentedEncoding() {
        byte[] bytes = SignedTreeHead.signedBytes(8, ROOT, Instant.ofEpochMilli(0x0102030405L));
        assertThat(HexFormat.of().formatHex(bytes))
                .isEqualTo(HexFormat.of().formatHex("zhengyin-translog-sth/1".getBytes()) + "00" + "0000000000000008"
                        + "0000000102030405" + ROOT.hex());
    }

    @Test
    void anEntryHasACanonicalEncodingWithoutPersonalData() {
        HashValue pdf = HashValue.fromHex("11".repeat(32));
        LogEntry entry = new LogEntry(
                "11100000XF0000001X001.11110100000000019Q.2026000001.002.X",
                2,
                "AMENDED",
                List.of(new LogEntry.DocumentHash("PDF", pdf)),
                Instant.ofEpochMilli(1_000L).plusNanos(5));
        String hex = HexFormat.of().formatHex(entry.leafData());
        String id = entry.identifier();
        assertThat(hex)
                .isEqualTo(HexFormat.of().formatHex("zhengyin-translog-entry/1".getBytes()) + "00"
                        + String.format("%04x", id.length()) + HexFormat.of().formatHex(id.getBytes())
                        + "00000002" + "0007" + HexFormat.of().formatHex("AMENDED".getBytes())
                        + "01" + "0003" + HexFormat.of().formatHex("PDF".getBytes()) + pdf.hex()
                        + "00000000000003e8");
        assertThat(entry.leafHash()).isEqualTo(MerkleHashing.leafHash(entry.leafData()));
        LogEntry other = new LogEntry(id, 2, "SUSPENDED", entry.documents(), entry.time());
        assertThat(other.leafHash()).isNotEqualTo(entry.leafHash());
    }

    @Test
    void malformedEntriesAndHashesAreRefused() {
        assertThatThrownBy(() -> new LogEntry("has space", 1, "ISSUED", List.of(), NOW))
                .isInstanceOf(TransparencyLogException.class)
                .hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> new LogEntry("X.1", 1, "issued", List.of(), NOW))
                .isInstanceOf(TransparencyLogException.class)
                .hasMessageContaining("event type");
        assertThatThrownBy(() -> HashValue.fromHex("abcd")).isInstanceOf(TransparencyLogException.class);
        assertThatThrownBy(() -> HashValue.of(new byte[31])).isInstanceOf(TransparencyLogException.class);
    }
}
