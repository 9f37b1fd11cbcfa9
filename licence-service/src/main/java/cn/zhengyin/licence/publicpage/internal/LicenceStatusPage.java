package cn.zhengyin.licence.publicpage.internal;

import cn.zhengyin.licence.licencetype.FieldRole;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceStatus;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.registry.Standings;
import cn.zhengyin.licence.verification.ConclusionText;
import cn.zhengyin.trust.identifier.InvalidIdentifierException;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.validation.Conclusion;
import cn.zhengyin.trust.validation.LicenceStanding;
import cn.zhengyin.trust.validation.NotInForce;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * What the QR code on a licence shows anyone who scans it: whether the licence exists, its status now, whether this
 * version is the current one, and the public facts printed on it. No personal data beyond what the printed licence
 * shows; a natural person's name is masked.
 */
public final class LicenceStatusPage {
    private static final ZoneId CHINA = cn.zhengyin.trust.ChinaTime.ZONE;
    private final LicenceRegistry registry;
    private final LicenceTypeCatalogue types;
    private final Clock clock;

    public LicenceStatusPage(LicenceRegistry registry, LicenceTypeCatalogue types, Clock clock) {
        this.registry = registry;
        this.types = types;
        this.clock = clock;
    }

    /**
     * The public status of one licence version.
     *
     * @param conclusion     VALID (in force now), NOT_IN_FORCE ({@code notInForce} says which, since when, by whom and
     *                       why) or FAILED (no such licence); no file is checked here, only the registry
     * @param found          whether the registry knows this identifier
     * @param status         the licence's status now (EXPIRED computed), if found
     * @param currentVersion whether this version is the current one
     * @param licenceNumber  the number printed on the licence (its type's LICENCE_NUMBER field), to compare with paper
     * @param holderCode     the holder's code as printed: a USCC in full, a citizen number masked in the middle
     * @param holderIsPerson whether the holder is a natural person (code type 111)
     */
    public record PublicStatus(
            Conclusion conclusion,
            Optional<NotInForce> notInForce,
            String conclusionZh,
            String conclusionEn,
            String identifier,
            boolean found,
            Optional<String> licenceTypeName,
            Optional<String> issuerName,
            Optional<String> holderName,
            Optional<String> version,
            Optional<LicenceStatus> status,
            boolean currentVersion,
            Optional<String> currentVersionIdentifier,
            Optional<LocalDate> issuedOn,
            Optional<LocalDate> validFrom,
            Optional<LocalDate> validUntil,
            String message,
            Optional<String> licenceNumber,
            Optional<String> holderCode,
            boolean holderIsPerson) {}

    public PublicStatus lookUp(String identifier) {
        LicenceIdentifier id;
        try {
            id = LicenceIdentifier.parse(identifier);
        } catch (InvalidIdentifierException e) {
            return notFound(identifier, e.getMessage());
        }
        Optional<Licence> licence = registry.findLicence(id.root());
        Optional<LicenceVersion> version = registry.findVersion(id.toString());
        if (licence.isEmpty() || version.isEmpty()) {
            return notFound(identifier, "no licence has this identifier; the code may be forged or mistyped");
        }
        Licence l = licence.get();
        LicenceVersion v = version.get();
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        LicenceStatus status = l.statusAt(today);
        LicenceStanding standing = Standings.of(l, v.identifier(), v.version(), today);
        Optional<NotInForce> notInForce =
                standing instanceof LicenceStanding.OutOfForce o ? Optional.of(o.details()) : Optional.empty();
        boolean current = l.currentIdentifier().equals(v.identifier());
        boolean person = "111".equals(v.holderCodeType());
        String holder = person ? maskPersonName(v.holderName()) : v.holderName();
        Optional<String> number = types.find(v.typeCode())
                .flatMap(t -> t.fieldWithRole(FieldRole.LICENCE_NUMBER))
                .map(f -> v.fields().get(f.key()))
                .filter(n -> !n.isBlank());
        return new PublicStatus(
                notInForce.isPresent() ? Conclusion.NOT_IN_FORCE : Conclusion.VALID,
                notInForce,
                notInForce.map(n -> "证照不在有效状态：" + ConclusionText.zh(n)).orElse("有效：证照现行有效"),
                notInForce.map(n -> "Not in force: " + ConclusionText.en(n)).orElse("Valid: the licence is in force"),
                v.identifier(),
                true,
                Optional.of(v.typeName()),
                Optional.of(v.issuerName()),
                Optional.of(holder),
                Optional.of(String.format(Locale.ROOT, "%03d", v.version())),
                Optional.of(status),
                current,
                Optional.of(l.currentIdentifier()),
                Optional.of(v.issuedOn()),
                Optional.of(v.validFrom()),
                v.validUntil(),
                current ? "this is the current version" : "this version was superseded by " + l.currentIdentifier(),
                number,
                Optional.ofNullable(v.holderCode()).filter(c -> !c.isBlank()).map(c -> person ? maskCode(c) : c),
                person);
    }

    private static PublicStatus notFound(String identifier, String message) {
        return new PublicStatus(
                Conclusion.FAILED,
                Optional.empty(),
                "未找到该证照：标识可能被伪造或输错",
                "Not found: no licence has this identifier",
                identifier,
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                message,
                Optional.empty(),
                Optional.empty(),
                false);
    }

    /** 990101198807214622 → 990101********4622: enough to compare with the paper, not enough to copy. */
    static String maskCode(String code) {
        int[] cps = code.codePoints().toArray();
        if (cps.length <= 10) {
            return code;
        }
        StringBuilder masked = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            masked.appendCodePoint(i < 6 || i >= cps.length - 4 ? cps[i] : '*');
        }
        return masked.toString();
    }

    /** 周雅琴 → 周*琴, 李明 → 李*. */
    static String maskPersonName(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        int[] cps = name.codePoints().toArray();
        if (cps.length == 1) {
            return name;
        }
        StringBuilder masked = new StringBuilder().appendCodePoint(cps[0]);
        masked.append("*".repeat(Math.max(1, cps.length - 2)));
        if (cps.length > 2) {
            masked.appendCodePoint(cps[cps.length - 1]);
        }
        return masked.toString();
    }
}
