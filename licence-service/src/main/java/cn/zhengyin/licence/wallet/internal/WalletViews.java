package cn.zhengyin.licence.wallet.internal;

import cn.zhengyin.licence.licencetype.FieldRole;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.Sensitivity;
import cn.zhengyin.licence.pages.Views;
import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceEvent;
import cn.zhengyin.licence.registry.LicenceStatus;
import cn.zhengyin.licence.registry.LicenceVersion;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What the wallet pages show of a licence: its card, its standing in plain words, masked values, download names. */
final class WalletViews {
    private static final Set<String> STATUS_EVENTS = Set.of("SUSPENDED", "REVOKED", "CANCELLED");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern PHONE = Pattern.compile("0\\d{2,3}-?\\d{7,8}");
    private static final Pattern CITIZEN_NUMBER = Pattern.compile("\\d{17}[\\dX]");

    private WalletViews() {}

    /**
     * One licence as a card that looks like the licence.
     *
     * @param typeSlug   the template folder, for the card's colour ({@code data-type})
     * @param number     the number printed on the licence (its LICENCE_NUMBER field), else the identifier's serial
     * @param holderCode the holder's code, masked when it is a 公民身份号码
     * @param status     message-key suffix: valid, suspended, revoked, cancelled, expired
     * @param since      when the licence left force (date of the revocation, suspension, cancellation or end of
     *                   validity), empty while in force
     * @param reason     the authority's reason for that, empty if none
     */
    record Card(
            String root,
            String currentIdentifier,
            String typeName,
            String typeSlug,
            String number,
            String holderName,
            String holderCode,
            String rawHolderCode,
            String issuerName,
            String issuedOn,
            String validUntil,
            String status,
            String since,
            String reason,
            int version,
            boolean hasOfd) {

        public boolean inForce() {
            return "valid".equals(status);
        }
    }

    static Card card(Licence licence, LicenceVersion current, Optional<LicenceType> type, LocalDate today) {
        LicenceStatus status = licence.statusAt(today);
        String since = "";
        String reason = "";
        if (status == LicenceStatus.EXPIRED) {
            since = licence.validUntil().map(LocalDate::toString).orElse("");
        } else if (status != LicenceStatus.VALID) {
            Optional<LicenceEvent> event = licence.events().reversed().stream()
                    .filter(e -> STATUS_EVENTS.contains(e.type()))
                    .findFirst();
            since = event.map(e -> Views.time(e.at())).orElse("");
            reason = event.map(LicenceEvent::reason).orElse("");
        }
        return new Card(
                licence.root(),
                licence.currentIdentifier(),
                current.typeName(),
                type.map(LicenceType::slug).orElse("other"),
                number(current, type),
                current.holderName(),
                CITIZEN_NUMBER.matcher(current.holderCode()).matches()
                        ? mask(current.holderCode())
                        : current.holderCode(),
                current.holderCode(),
                current.issuerName(),
                current.issuedOn().toString(),
                licence.validUntil().map(LocalDate::toString).orElse(""),
                Views.status(status),
                since,
                reason,
                current.version(),
                current.rendition("OFD").isPresent());
    }

    /** The number printed on the licence (证照编号, 证号, 证书编码: the field with the LICENCE_NUMBER role). */
    static String number(LicenceVersion version, Optional<LicenceType> type) {
        return type.flatMap(t -> t.fields().stream()
                        .filter(f -> f.role()
                                .filter(FieldRole.LICENCE_NUMBER::equals)
                                .isPresent())
                        .map(f -> version.fields().getOrDefault(f.key(), ""))
                        .filter(v -> !v.isBlank())
                        .findFirst())
                .orElseGet(() -> {
                    String[] parts = version.root().split("\\.");
                    return parts[parts.length - 1];
                });
    }

    /** Whether a field's value is masked until the holder asks to see it: SENSITIVE fields, ID and phone numbers. */
    static boolean masked(Optional<LicenceType> type, String key, String value) {
        boolean sensitive = type.flatMap(t -> t.field(key))
                .map(f -> f.sensitivity() == Sensitivity.SENSITIVE)
                .orElse(false);
        return sensitive || looksPersonal(value);
    }

    private static boolean looksPersonal(String value) {
        String v = value == null ? "" : value.strip();
        return CITIZEN_NUMBER.matcher(v).matches()
                || MOBILE.matcher(v).matches()
                || PHONE.matcher(v).matches();
    }

    /** 990101********4622, 138****5678; other values keep their first and last character. */
    static String mask(String value) {
        if (value == null || value.isBlank()) {
            return value == null ? "" : value;
        }
        String v = value.strip();
        if (CITIZEN_NUMBER.matcher(v).matches()) {
            return v.substring(0, 6) + "********" + v.substring(14);
        }
        if (MOBILE.matcher(v).matches()) {
            return v.substring(0, 3) + "****" + v.substring(7);
        }
        if (PHONE.matcher(v).matches()) {
            return v.substring(0, Math.min(4, v.length() - 4)) + "****" + v.substring(v.length() - 2);
        }
        if (v.length() <= 2) {
            return "*".repeat(v.length());
        }
        return v.charAt(0) + "*".repeat(v.length() - 2) + v.charAt(v.length() - 1);
    }

    /** 营业执照-示范市青禾数字科技有限公司-001.pdf */
    static String downloadName(LicenceVersion version, String suffix) {
        String name = version.typeName() + "-" + version.holderName() + "-"
                + String.format(Locale.ROOT, "%03d", version.version()) + suffix;
        return name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
    }

    /**
     * {@code attachment; filename="<ascii>"; filename*=UTF-8''<percent-encoded>} (RFC 6266 with the RFC 5987 UTF-8
     * name; the plain {@code filename} is the identifier, for the few clients that read only that).
     */
    static String contentDisposition(String asciiName, String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return "attachment; filename=\"" + asciiName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"; filename*=UTF-8''"
                + encoded;
    }

    static List<String> statuses() {
        return List.of("valid", "suspended", "revoked", "cancelled", "expired");
    }
}
