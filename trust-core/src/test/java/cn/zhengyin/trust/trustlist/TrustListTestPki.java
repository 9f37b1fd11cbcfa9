package cn.zhengyin.trust.trustlist;

import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import cn.zhengyin.trust.identifier.UnifiedSocialCreditCode;
import cn.zhengyin.trust.pki.CertificateIssuer;
import cn.zhengyin.trust.pki.CertificateProfile;
import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.CrlDistributionPoints;
import cn.zhengyin.trust.pki.KeyAlgorithm;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** In-memory PKIs for trust list tests: a list signer, and another province's ECDSA and SM2 CAs and seals. */
final class TrustListTestPki {
    static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String BUSINESS_LICENCE = "11100000XF0000001X001";
    static final String FOOD_LICENCE = "11100000XF0000001X002";
    static final String MARKET_USCC = "11980100000000019B";
    static final String FORESTRY_USCC = "119801000000000276";

    final SecureRandom random = new SecureRandom();
    final CertificateIssuer issuer = new CertificateIssuer(
            Clock.fixed(NOW.minus(Duration.ofDays(30)), ZoneOffset.UTC),
            random,
            new CrlDistributionPoints("http://pki.other-province.example/crl"));

    final Credential signerRoot = root("List Signer Root", KeyAlgorithm.ECDSA_P256);
    final Credential listSigner = issuer.issueCredential(
            "list-signer",
            new CertificateProfile.OrganisationSigning("Trust List Signer", "证印示范市电子证照中心", "12110100000000035B"),
            KeyAlgorithm.ECDSA_P256.generateKeyPair(random),
            Period.ofYears(2),
            signerRoot);
    final Credential otherRoot = root("Other Province Root", KeyAlgorithm.ECDSA_P256);
    final Credential otherCa = ca("Other Province Seal CA", otherRoot, KeyAlgorithm.ECDSA_P256);
    final Credential otherSm2Root = root("Other Province Root SM2", KeyAlgorithm.SM2);
    final Credential otherSm2Ca = ca("Other Province Seal CA SM2", otherSm2Root, KeyAlgorithm.SM2);
    final Credential marketSeal = seal("market-seal", "邻省示范市市场监督管理局", MARKET_USCC, otherCa, KeyAlgorithm.ECDSA_P256);
    final Credential marketSm2Seal = seal("market-sm2-seal", "邻省示范市市场监督管理局", MARKET_USCC, otherSm2Ca, KeyAlgorithm.SM2);
    final Credential forestrySeal = seal("forestry-seal", "邻省示范市林业局", FORESTRY_USCC, otherCa, KeyAlgorithm.ECDSA_P256);
    final Credential strangerRoot = root("Stranger Root", KeyAlgorithm.ECDSA_P256);
    final Credential strangerCa = ca("Stranger CA", strangerRoot, KeyAlgorithm.ECDSA_P256);
    final Credential strangerSeal =
            seal("stranger-seal", "外省某局", "12980100000000035X", strangerCa, KeyAlgorithm.ECDSA_P256);

    SigningKey listSignerKey() {
        return SoftwareKeyCustody.fromKey("list-signer", listSigner.privateKey(), listSigner.chain());
    }

    ListSignerTrust pinnedSigner() {
        return ListSignerTrust.pinned(List.of(listSigner.certificate()));
    }

    /** The market supervision bureau, granted a month ago for business licences, both CAs. */
    ListedAuthority market() {
        return new ListedAuthority(
                "邻省示范市市场监督管理局",
                UnifiedSocialCreditCode.parse(MARKET_USCC),
                "示范邻省",
                List.of(otherCa.certificate(), otherSm2Ca.certificate()),
                List.of(BUSINESS_LICENCE),
                NOW.minus(Duration.ofDays(30)),
                Optional.of(NOW.plus(Duration.ofDays(365))),
                List.of(new StatusChange(AuthorityStatus.GRANTED, NOW.minus(Duration.ofDays(30)))));
    }

    ListedAuthority forestry() {
        return new ListedAuthority(
                "邻省示范市林业局",
                UnifiedSocialCreditCode.parse(FORESTRY_USCC),
                "示范邻省",
                List.of(otherCa.certificate()),
                List.of("11100000XF00000021001"),
                NOW.minus(Duration.ofDays(30)),
                Optional.empty(),
                List.of(new StatusChange(AuthorityStatus.GRANTED, NOW.minus(Duration.ofDays(30)))));
    }

    static SchemeInformation scheme(long sequence, Instant issued, Instant nextUpdate) {
        return new SchemeInformation(sequence, "证印示范市电子证照中心", "证照互认信任列表 (dev)", "CN", issued, nextUpdate);
    }

    /** A list issued a day ago, next update in 30 days. */
    static TrustList list(long sequence, ListedAuthority... authorities) {
        return new TrustList(
                scheme(sequence, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))), List.of(authorities));
    }

    byte[] signed(TrustList list) {
        return new TrustListSigner().sign(list, listSignerKey(), NOW.minus(Duration.ofDays(1)));
    }

    private Credential root(String name, KeyAlgorithm algorithm) {
        return issuer.issueRoot(
                fileName(name),
                new CertificateProfile.RootCa(name, "Test"),
                algorithm.generateKeyPair(random),
                Period.ofYears(20));
    }

    private Credential ca(String name, Credential root, KeyAlgorithm algorithm) {
        return issuer.issueCredential(
                fileName(name),
                new CertificateProfile.IssuingCa(name, "Test", 0),
                algorithm.generateKeyPair(random),
                Period.ofYears(10),
                root);
    }

    private static String fileName(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    }

    private Credential seal(String name, String organisation, String uscc, Credential ca, KeyAlgorithm algorithm) {
        return issuer.issueCredential(
                name,
                new CertificateProfile.SealSigning(organisation + "电子证照专用章", organisation, uscc, name.toUpperCase()),
                algorithm.generateKeyPair(random),
                Period.ofYears(5),
                ca);
    }
}
