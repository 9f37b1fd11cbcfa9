package cn.zhengyin.trust.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/** One CRL entry: the serial number, when it was revoked (or put on hold) and why. */
public record RevokedCertificate(BigInteger serialNumber, Instant revocationDate, RevocationReason reason) {
    public RevokedCertificate {
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(revocationDate, "revocationDate");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Parses {@code SERIAL:reason[:instant]}: the serial in hexadecimal (as {@code openssl x509 -serial} and
     * {@code ca-tools cert show} print it, optional {@code 0x}), a {@link RevocationReason} name such as
     * {@code keyCompromise} or {@code certificateHold}, and optionally an ISO-8601 instant (default {@code now}).
     */
    public static RevokedCertificate parse(String spec, Instant now) {
        String[] parts = spec.split(":", 3);
        if (parts.length < 2) {
            throw new PkiException(
                    "Revocation '" + spec + "' must be SERIAL:reason[:instant], e.g. 7F3A9C:keyCompromise");
        }
        String hex = parts[0].trim().replaceFirst("^(0x|0X)", "");
        BigInteger serial;
        try {
            serial = new BigInteger(hex, 16);
        } catch (NumberFormatException e) {
            throw new PkiException("Serial '" + parts[0] + "' in '" + spec + "' is not hexadecimal", e);
        }
        if (serial.signum() <= 0) {
            throw new PkiException("Serial '" + parts[0] + "' must be positive (RFC 5280 §4.1.2.2)");
        }
        Instant date = now;
        if (parts.length == 3) {
            try {
                date = Instant.parse(parts[2].trim());
            } catch (DateTimeParseException e) {
                throw new PkiException(
                        "Revocation date '" + parts[2] + "' is not an ISO-8601 instant such as"
                                + " 2026-03-01T00:00:00Z",
                        e);
            }
        }
        return new RevokedCertificate(serial, date, RevocationReason.parse(parts[1]));
    }
}
