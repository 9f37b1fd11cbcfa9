package cn.zhengyin.licence.pages;

import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceStatus;
import cn.zhengyin.licence.registry.LicenceVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the wallet's and the public pages' templates show: plain records, text already formatted. */
public final class Views {
    public static final ZoneId CHINA = cn.zhengyin.trust.ChinaTime.ZONE;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(CHINA);

    private Views() {}

    /** One licence in the list. {@code status} is the message key suffix: valid, suspended, revoked, … */
    public record Card(
            String root,
            String typeName,
            String holderName,
            String holderCode,
            String issuerName,
            String status,
            String validUntil,
            String currentIdentifier,
            String issuedOn,
            boolean hasOfd) {}

    public record FieldRow(String key, String label, String value) {}

    /** @param hasOfd whether the version has an OFD rendition (versions issued before OFD existed have none) */
    public record VersionRow(
            String identifier, String version, String change, String createdAt, boolean current, boolean hasOfd) {}

    public record EventRow(String type, String version, String reason, String at) {}

    /** "证印示范市市场监督管理局电子证照专用章 (证印示范市市场监督管理局)" from a certificate subject DN: its CN and O. */
    public static String sealName(String subjectDn) {
        try {
            var rdns = new javax.naming.ldap.LdapName(subjectDn).getRdns();
            String cn = rdns.stream()
                    .filter(r -> r.getType().equalsIgnoreCase("CN"))
                    .map(r -> String.valueOf(r.getValue()))
                    .findFirst()
                    .orElse(subjectDn);
            return rdns.stream()
                    .filter(r -> r.getType().equalsIgnoreCase("O"))
                    .map(r -> String.valueOf(r.getValue()))
                    .findFirst()
                    .filter(o -> !cn.equals(o))
                    .map(o -> cn + " (" + o + ")")
                    .orElse(cn);
        } catch (javax.naming.InvalidNameException | RuntimeException e) {
            return subjectDn;
        }
    }

    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    public static String status(LicenceStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    public static Card card(Licence licence, LicenceVersion current, LocalDate today) {
        return new Card(
                licence.root(),
                current.typeName(),
                current.holderName(),
                current.holderCode(),
                current.issuerName(),
                status(licence.statusAt(today)),
                licence.validUntil().map(LocalDate::toString).orElse(""),
                licence.currentIdentifier(),
                current.issuedOn().toString(),
                current.rendition("OFD").isPresent());
    }

    /** The version's fields in the template's order, labelled in the page's language. */
    public static List<FieldRow> fields(LicenceVersion version, LicenceTypeCatalogue types, Locale locale) {
        return fields(version.fields(), types.find(version.typeCode()), locale);
    }

    public static List<FieldRow> fields(Map<String, String> values, Optional<LicenceType> type, Locale locale) {
        boolean english = "en".equals(locale.getLanguage());
        List<FieldRow> rows = new ArrayList<>();
        if (type.isPresent()) {
            type.get().fields().stream()
                    .filter(f -> values.containsKey(f.key()))
                    .forEach(f -> rows.add(new FieldRow(
                            f.key(),
                            english && f.labelEn() != null && !f.labelEn().isBlank() ? f.labelEn() : f.labelZh(),
                            values.get(f.key()))));
        }
        values.forEach((k, v) -> {
            if (rows.stream().noneMatch(r -> r.key().equals(k))) {
                rows.add(new FieldRow(k, k, v));
            }
        });
        return rows;
    }
}
