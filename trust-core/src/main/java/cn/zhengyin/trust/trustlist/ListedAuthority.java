package cn.zhengyin.trust.trustlist;

import cn.zhengyin.trust.identifier.UnifiedSocialCreditCode;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One licence-issuing authority outside this province (a TS 119 612 trust service provider with one service,
 * "licence issuance").
 *
 * @param name             the authority's name, e.g. 邻省示范市市场监督管理局
 * @param uscc             its unified social credit code (GB 32100); its seal certificates carry it as
 *                         organizationIdentifier
 * @param region           the region it belongs to, as people read it, e.g. 示范邻省
 * @param caCertificates   the CA certificates that issue its seal certificates (ECDSA P-256 and/or SM2)
 * @param licenceTypeCodes the licence type codes (GB/T 36904, 21 characters) it may issue
 * @param validFrom        start of its authorisation period
 * @param validUntil       end of its authorisation period, if any
 * @param statusHistory    its statuses, oldest first; the last one is the current status
 */
public record ListedAuthority(
        String name,
        UnifiedSocialCreditCode uscc,
        String region,
        List<X509Certificate> caCertificates,
        List<String> licenceTypeCodes,
        Instant validFrom,
        Optional<Instant> validUntil,
        List<StatusChange> statusHistory) {

    private static final Pattern TYPE_CODE = Pattern.compile("[0-9A-Z]{18}\\d{3}");

    public ListedAuthority {
        SchemeInformation.requireText(name, "TSPName");
        Objects.requireNonNull(uscc, "uscc");
        SchemeInformation.requireText(region, "TSPRegion of " + name);
        caCertificates = List.copyOf(caCertificates);
        licenceTypeCodes = List.copyOf(licenceTypeCodes);
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        statusHistory = List.copyOf(statusHistory);
        if (caCertificates.isEmpty()) {
            throw SchemeInformation.malformed(name + " lists no CA certificate");
        }
        for (X509Certificate certificate : caCertificates) {
            boolean[] usage = certificate.getKeyUsage();
            if (certificate.getBasicConstraints() < 0 || usage == null || usage.length < 6 || !usage[5]) {
                throw SchemeInformation.malformed(
                        name + " lists " + certificate.getSubjectX500Principal().getName()
                                + ", which is not a CA certificate (basicConstraints CA:true and keyUsage keyCertSign)");
            }
        }
        if (licenceTypeCodes.isEmpty()) {
            throw SchemeInformation.malformed(name + " lists no licence type code");
        }
        for (String code : licenceTypeCodes) {
            if (!TYPE_CODE.matcher(code).matches()) {
                throw SchemeInformation.malformed(name + ": licence type code '" + code
                        + "' must be 18 characters of the defining authority's code and 3 digits (GB/T 36904)");
            }
        }
        if (validUntil.isPresent() && !validUntil.get().isAfter(validFrom)) {
            throw SchemeInformation.malformed(name + ": the authorisation period ends (" + validUntil.get()
                    + ") before it starts (" + validFrom + ")");
        }
        if (statusHistory.isEmpty()) {
            throw SchemeInformation.malformed(name + " has no status");
        }
        for (int i = 1; i < statusHistory.size(); i++) {
            if (!statusHistory.get(i).since().isAfter(statusHistory.get(i - 1).since())) {
                throw SchemeInformation.malformed(name + ": status starting times must strictly increase, but "
                        + statusHistory.get(i).since() + " follows "
                        + statusHistory.get(i - 1).since());
            }
        }
    }

    /** The current status (the latest). */
    public StatusChange currentStatus() {
        return statusHistory.getLast();
    }

    /** The status in effect at {@code time}: the latest change at or before it; empty before the first. */
    public Optional<StatusChange> statusAt(Instant time) {
        return statusHistory.stream()
                .filter(change -> !change.since().isAfter(time))
                .max(Comparator.comparing(StatusChange::since));
    }

    /** True if {@code time} is inside the authorisation period [validFrom, validUntil). */
    public boolean inPeriod(Instant time) {
        return !time.isBefore(validFrom) && validUntil.map(time::isBefore).orElse(true);
    }

    /** "name (region)": how a verification report labels a licence from this authority. */
    public String label() {
        return name + " (" + region + ")";
    }

    /**
     * True if {@code certificate} is one of this authority's CA certificates: the same certificate, or one with the
     * same subject and public key (a re-issued CA certificate).
     */
    public boolean lists(X509Certificate certificate) {
        return caCertificates.stream().anyMatch(listed -> sameCa(listed, certificate));
    }

    /** True if {@code certificate} was issued (signed) by one of this authority's CA certificates. */
    public boolean issued(X509Certificate certificate) {
        for (X509Certificate listed : caCertificates) {
            if (listed.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                try {
                    certificate.verify(listed.getPublicKey(), cn.zhengyin.trust.crypto.Providers.bouncyCastle());
                    return true;
                } catch (java.security.GeneralSecurityException e) {
                    // not this one
                }
            }
        }
        return false;
    }

    static boolean sameCa(X509Certificate a, X509Certificate b) {
        if (a.equals(b)) {
            return true;
        }
        return a.getSubjectX500Principal().equals(b.getSubjectX500Principal())
                && Arrays.equals(a.getPublicKey().getEncoded(), b.getPublicKey().getEncoded());
    }

    /** A copy whose status changes to {@code status} at {@code since} (for building the next list). */
    public ListedAuthority withStatus(AuthorityStatus status, Instant since) {
        List<StatusChange> history = new ArrayList<>(statusHistory);
        history.add(new StatusChange(status, since));
        return new ListedAuthority(
                name, uscc, region, caCertificates, licenceTypeCodes, validFrom, validUntil, history);
    }
}
