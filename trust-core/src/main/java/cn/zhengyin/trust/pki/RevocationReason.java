package cn.zhengyin.trust.pki;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** CRLReason (RFC 5280 §5.3.1). {@link #CERTIFICATE_HOLD} is a seal reported lost (挂失); it can be lifted. */
public enum RevocationReason {
    UNSPECIFIED(0, "unspecified"),
    KEY_COMPROMISE(1, "keyCompromise"),
    CA_COMPROMISE(2, "cACompromise"),
    AFFILIATION_CHANGED(3, "affiliationChanged"),
    SUPERSEDED(4, "superseded"),
    CESSATION_OF_OPERATION(5, "cessationOfOperation"),
    CERTIFICATE_HOLD(6, "certificateHold"),
    REMOVE_FROM_CRL(8, "removeFromCRL"),
    PRIVILEGE_WITHDRAWN(9, "privilegeWithdrawn"),
    AA_COMPROMISE(10, "aACompromise");

    private final int code;
    private final String rfcName;

    RevocationReason(int code, String rfcName) {
        this.code = code;
        this.rfcName = rfcName;
    }

    /** The CRLReason enumerated value. */
    public int code() {
        return code;
    }

    /** The name used in RFC 5280's ASN.1 module, e.g. {@code certificateHold}. */
    public String rfcName() {
        return rfcName;
    }

    public static RevocationReason ofCode(int code) {
        return Arrays.stream(values())
                .filter(r -> r.code == code)
                .findFirst()
                .orElseThrow(() ->
                        new PkiException("Unknown CRLReason code " + code + " (RFC 5280 §5.3.1 defines 0-6, 8-10)"));
    }

    /** Parses the RFC name ({@code keyCompromise}) or the constant name ({@code KEY_COMPROMISE}), ignoring case. */
    public static RevocationReason parse(String text) {
        String wanted = text.trim().replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(r -> r.rfcName.toLowerCase(Locale.ROOT).equals(wanted)
                        || r.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new PkiException("Unknown revocation reason '" + text + "'; use one of "
                        + Arrays.stream(values()).map(RevocationReason::rfcName).collect(Collectors.joining(", "))
                        + " (RFC 5280 §5.3.1)"));
    }
}
