package cn.zhengyin.trust.trustlist;

import static cn.zhengyin.trust.trustlist.TrustListTestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import cn.zhengyin.trust.trustlist.TrustListException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TrustListVerifierTest {
    private static final TrustListTestPki PKI = new TrustListTestPki();

    private final TrustListVerifier verifier = new TrustListVerifier(PKI.pinnedSigner(), TrustListTestPki.CLOCK);

    @Test
    void aSignedListVerifiesAndReadsBackAsWritten() {
        TrustList list =
                TrustListTestPki.list(7, PKI.market().withStatus(AuthorityStatus.WITHDRAWN, NOW), PKI.forestry());
        byte[] signed = PKI.signed(list);

        VerifiedTrustList verified = verifier.verify(signed);

        assertThat(verified.list()).isEqualTo(list);
        assertThat(verified.signer()).isEqualTo(PKI.listSigner.certificate());
        assertThat(verified.sha256()).hasSize(64);
        assertThat(verified.list()
                        .authority(TrustListTestPki.MARKET_USCC)
                        .orElseThrow()
                        .statusHistory())
                .extracting(StatusChange::status)
                .containsExactly(AuthorityStatus.GRANTED, AuthorityStatus.WITHDRAWN);
        String xml = new String(signed, StandardCharsets.UTF_8);
        assertThat(xml)
                .contains("<TrustServiceStatusList xmlns=\"urn:zhengyin:trust-list:1\" Id=\"trust-list\">")
                .contains("<TSLSequenceNumber>7</TSLSequenceNumber>")
                .contains("<ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn</ServiceStatus>")
                .contains("<ServiceHistoryInstance>")
                .contains("URI=\"#trust-list\"", "xades:SigningCertificateV2");
    }

    @Test
    void aListSignerChainingToAConfiguredAnchorIsAccepted() {
        var anchored = new TrustListVerifier(
                ListSignerTrust.anchoredAt(List.of(PKI.signerRoot.certificate())), TrustListTestPki.CLOCK);
        assertThat(anchored.verify(PKI.signed(TrustListTestPki.list(1, PKI.market())))
                        .list()
                        .scheme()
                        .sequenceNumber())
                .isEqualTo(1);
    }

    @Test
    void anUnsignedListFailsClosed() {
        byte[] unsigned = TrustListXml.toBytes(TrustListTestPki.list(1, PKI.market()));
        assertRefused(() -> verifier.verify(unsigned), Reason.UNSIGNED, "not signed");
    }

    @Test
    void aListChangedAfterSigningFails() {
        byte[] signed = PKI.signed(TrustListTestPki.list(1, PKI.market()));
        byte[] changed = new String(signed, StandardCharsets.UTF_8)
                .replace(TrustListTestPki.BUSINESS_LICENCE, TrustListTestPki.FOOD_LICENCE)
                .getBytes(StandardCharsets.UTF_8);
        assertRefused(() -> verifier.verify(changed), Reason.SIGNATURE_INVALID, "digest does not match");
    }

    @Test
    void aListSignedByAnotherKeyThanThePinnedSignerFails() {
        var stranger = SoftwareKeyCustody.fromKey("stranger", PKI.marketSeal.privateKey(), PKI.marketSeal.chain());
        byte[] signed = new TrustListSigner().sign(TrustListTestPki.list(1, PKI.market()), stranger, NOW);
        assertRefused(() -> verifier.verify(signed), Reason.SIGNER_NOT_TRUSTED, "not the configured list signer");
        var anchored = new TrustListVerifier(
                ListSignerTrust.anchoredAt(List.of(PKI.signerRoot.certificate())), TrustListTestPki.CLOCK);
        assertRefused(() -> anchored.verify(signed), Reason.SIGNER_NOT_TRUSTED, "does not chain");
    }

    @Test
    void aListPastItsNextUpdateIsStaleAndFailsClosed() {
        byte[] signed = PKI.signed(TrustListTestPki.list(1, PKI.market()));
        Instant nextUpdate = NOW.plus(Duration.ofDays(30));
        var later = new TrustListVerifier(PKI.pinnedSigner(), Clock.fixed(nextUpdate, ZoneOffset.UTC));
        assertRefused(() -> later.verify(signed), Reason.STALE, "stale");
        var justBefore =
                new TrustListVerifier(PKI.pinnedSigner(), Clock.fixed(nextUpdate.minusSeconds(1), ZoneOffset.UTC));
        assertThat(justBefore.verify(signed)).isNotNull();
    }

    @Test
    void aListIssuedInTheFutureIsRefused() {
        TrustList future = new TrustList(
                TrustListTestPki.scheme(1, NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30))),
                List.of(PKI.market()));
        assertRefused(() -> verifier.verify(PKI.signed(future)), Reason.STALE, "after now");
    }

    @Test
    void aLowerSequenceNumberThanTheLastAcceptedIsARollback() {
        byte[] five = PKI.signed(TrustListTestPki.list(5, PKI.market()));
        assertRefused(() -> verifier.verify(five, OptionalLong.of(6)), Reason.ROLLBACK, "rollback");
        assertThat(verifier.verify(five, OptionalLong.of(5))).isNotNull();
        assertThat(verifier.verify(five, OptionalLong.of(4))).isNotNull();
    }

    @Test
    void aWrappedOrDoublySignedListFails() {
        String signed = new String(PKI.signed(TrustListTestPki.list(1, PKI.market())), StandardCharsets.UTF_8);
        String duplicateId = signed.replace("<SchemeInformation>", "<SchemeInformation Id=\"trust-list\">");
        assertRefused(
                () -> verifier.verify(duplicateId.getBytes(StandardCharsets.UTF_8)),
                Reason.SIGNATURE_INVALID,
                "more than once");
        int start = signed.indexOf("<ds:Signature");
        String signature = signed.substring(start, signed.indexOf("</ds:Signature>") + "</ds:Signature>".length());
        String twice = signed.replace("<TrustServiceProviderList>", signature + "<TrustServiceProviderList>");
        assertRefused(
                () -> verifier.verify(twice.getBytes(StandardCharsets.UTF_8)), Reason.SIGNATURE_INVALID, "exactly one");
    }

    @Test
    void badInputIsMalformed() {
        assertRefused(() -> verifier.verify(new byte[0]), Reason.MALFORMED, "empty");
        assertRefused(
                () -> verifier.verify("<!DOCTYPE x [<!ENTITY e 'x'>]><x/>".getBytes(StandardCharsets.UTF_8)),
                Reason.MALFORMED,
                "not acceptable XML");
        String unknown = new String(
                        TrustListXml.toBytes(TrustListTestPki.list(1, PKI.market())), StandardCharsets.UTF_8)
                .replace("<SchemeTerritory>", "<Extra>x</Extra><SchemeTerritory>");
        assertThatThrownBy(() -> TrustListXml.parse(unknown.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TrustListException.class)
                .hasMessageContaining("expected SchemeTerritory in SchemeInformation but found Extra")
                .extracting(e -> ((TrustListException) e).isBadInput())
                .isEqualTo(true);
    }

    @Test
    void theSignerRefusesAnAlreadySignedList() {
        byte[] signed = PKI.signed(TrustListTestPki.list(1, PKI.market()));
        assertThatThrownBy(() -> new TrustListSigner().sign(signed, PKI.listSignerKey(), NOW))
                .isInstanceOf(TrustListException.class)
                .hasMessageContaining("already signed");
    }

    @Test
    void structuralRulesAreEnforcedWhenTheListIsBuilt() {
        assertThatThrownBy(() -> PKI.market().withStatus(AuthorityStatus.WITHDRAWN, NOW.minus(Duration.ofDays(60))))
                .isInstanceOf(TrustListException.class)
                .hasMessageContaining("strictly increase");
        assertThatThrownBy(() -> TrustListTestPki.list(1, PKI.market(), PKI.market()))
                .isInstanceOf(TrustListException.class)
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> new ListedAuthority(
                        "x",
                        PKI.market().uscc(),
                        "r",
                        List.of(PKI.marketSeal.certificate()),
                        List.of(TrustListTestPki.BUSINESS_LICENCE),
                        NOW,
                        java.util.Optional.empty(),
                        List.of(new StatusChange(AuthorityStatus.GRANTED, NOW))))
                .isInstanceOf(TrustListException.class)
                .hasMessageContaining("not a CA certificate");
    }

    private static void assertRefused(ThrowingCallable call, Reason reason, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(TrustListException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((TrustListException) e).reason())
                .isEqualTo(reason);
    }
}
