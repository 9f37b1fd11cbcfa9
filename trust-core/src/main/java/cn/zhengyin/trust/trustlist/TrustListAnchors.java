package cn.zhengyin.trust.trustlist;

import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.trustlist.TrustDecision.Kind;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * What signature verifiers consume from a verified trust list (free of Spring and I/O):
 * <ul>
 *   <li>{@link #certificatesGrantedAt(Instant)} / {@link #trustAnchorsAt(Instant)}: the CA certificates of the
 *       authorities granted and in period at a time, as anchors for path validation;</li>
 *   <li>{@link #listedCertificates()}: every listed CA certificate whatever its status, to build paths (SES,
 *       {@code .esl}) so that a withdrawn authority is reported as withdrawn rather than as "no chain";</li>
 *   <li>{@link #decide(List, String, Instant)} / {@link #decide(List, LicenceIdentifier, Instant)}: for a validated
 *       path, which authority it belongs to and whether that authority may issue the licence type at the time.</li>
 * </ul>
 * The time to pass is the validation time of the verifier's policy (normally now). Immutable and thread-safe.
 */
public final class TrustListAnchors {
    private final VerifiedTrustList verified;

    TrustListAnchors(VerifiedTrustList verified) {
        this.verified = Objects.requireNonNull(verified, "verified");
    }

    public VerifiedTrustList verifiedList() {
        return verified;
    }

    public SchemeInformation scheme() {
        return verified.list().scheme();
    }

    /** The CA certificates of the authorities that are granted and within their period at {@code time}. */
    public Set<X509Certificate> certificatesGrantedAt(Instant time) {
        return verified.list().authorities().stream()
                .filter(a -> a.inPeriod(time)
                        && a.statusAt(time)
                                .map(s -> s.status() == AuthorityStatus.GRANTED)
                                .orElse(false))
                .flatMap(a -> a.caCertificates().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** {@link #certificatesGrantedAt(Instant)} as PKIX trust anchors. */
    public Set<TrustAnchor> trustAnchorsAt(Instant time) {
        return certificatesGrantedAt(time).stream()
                .map(certificate -> new TrustAnchor(certificate, null))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Every listed CA certificate, whatever its status (for path building only, never as a trust decision). */
    public Set<X509Certificate> listedCertificates() {
        return verified.list().authorities().stream()
                .flatMap(a -> a.caCertificates().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * Decides for a licence of {@code licenceTypeCode} sealed under {@code path}.
     *
     * @param path the validated path, signer (seal) certificate first, then its issuers; the anchor may or may not
     *             be included (a PKIX CertPath leaves it out)
     * @param time the validation time
     */
    public TrustDecision decide(List<X509Certificate> path, String licenceTypeCode, Instant time) {
        Objects.requireNonNull(licenceTypeCode, "licenceTypeCode");
        Objects.requireNonNull(time, "time");
        if (path == null || path.isEmpty()) {
            return notListed("No certificate path was given.");
        }
        X509Certificate signer = path.getFirst();
        List<ListedAuthority> candidates = verified.list().authorities().stream()
                .filter(a -> onPath(a, path))
                .toList();
        String signerName = signer.getSubjectX500Principal().getName();
        if (candidates.isEmpty()) {
            return notListed("The signer certificate " + signerName + " was not issued under any CA on the trust list"
                    + " of " + scheme().operatorName() + " (sequence " + scheme().sequenceNumber() + ").");
        }
        Optional<String> organisation = organizationIdentifier(signer);
        if (organisation.isEmpty()) {
            return notListed("The signer certificate " + signerName + " chains to the CA of "
                    + names(candidates) + " but carries no organizationIdentifier (USCC), so it cannot be tied to a"
                    + " listed authority.");
        }
        Optional<ListedAuthority> match = candidates.stream()
                .filter(a -> a.uscc().value().equals(organisation.get()))
                .findFirst();
        if (match.isEmpty()) {
            return notListed("The signer certificate belongs to organisation " + organisation.get()
                    + ", which is not a listed authority (the CA is listed for " + names(candidates) + ").");
        }
        ListedAuthority authority = match.get();
        Optional<StatusChange> status = authority.statusAt(time);
        if (status.isEmpty()) {
            return decision(
                    Kind.OUTSIDE_PERIOD,
                    authority,
                    authority.statusHistory().getFirst().since(),
                    authority.label() + " has no status on the trust list before "
                            + authority.statusHistory().getFirst().since() + " (validation time " + time + ").");
        }
        if (status.get().status() == AuthorityStatus.WITHDRAWN) {
            return decision(
                    Kind.WITHDRAWN,
                    authority,
                    status.get().since(),
                    authority.label() + " was withdrawn from the trust list at "
                            + status.get().since() + "; its licences are no longer recognised (validation time " + time
                            + ").");
        }
        if (time.isBefore(authority.validFrom())) {
            return decision(
                    Kind.OUTSIDE_PERIOD,
                    authority,
                    authority.validFrom(),
                    authority.label() + " is recognised only from " + authority.validFrom() + " (validation time "
                            + time + ").");
        }
        if (!authority.inPeriod(time)) {
            Instant until = authority.validUntil().orElseThrow();
            return decision(
                    Kind.OUTSIDE_PERIOD,
                    authority,
                    until,
                    authority.label() + "'s recognition ended at " + until + " (validation time " + time + ").");
        }
        if (!authority.licenceTypeCodes().contains(licenceTypeCode)) {
            return decision(
                    Kind.TYPE_NOT_ALLOWED,
                    authority,
                    null,
                    authority.label() + " is listed for licence types " + authority.licenceTypeCodes() + ", not for "
                            + licenceTypeCode + ".");
        }
        return decision(
                Kind.GRANTED,
                authority,
                status.get().since(),
                "Issued by " + authority.label() + ", granted on the trust list of " + scheme().operatorName()
                        + " since " + status.get().since() + " for licence type " + licenceTypeCode + ".");
    }

    /**
     * As {@link #decide(List, String, Instant)} for the licence's type code, and the licence's issuer code must be
     * the USCC of the authority whose seal signed it (else {@link Kind#ISSUER_MISMATCH}).
     */
    public TrustDecision decide(List<X509Certificate> path, LicenceIdentifier licence, Instant time) {
        TrustDecision decision = decide(path, licence.typeCode(), time);
        if (decision.authority().isPresent()
                && decision.kind() != Kind.NOT_LISTED
                && !decision.authority().get().uscc().value().equals(licence.issuerCode())) {
            ListedAuthority authority = decision.authority().get();
            return decision(
                    Kind.ISSUER_MISMATCH,
                    authority,
                    null,
                    "The licence " + licence + " names issuer " + licence.issuerCode() + " but is sealed by "
                            + authority.label() + " (" + authority.uscc() + ").");
        }
        return decision;
    }

    private static boolean onPath(ListedAuthority authority, List<X509Certificate> path) {
        for (X509Certificate certificate : path.subList(1, path.size())) {
            if (authority.lists(certificate)) {
                return true;
            }
        }
        // a PKIX path leaves out the anchor: the last certificate may have been issued by a listed CA
        return authority.issued(path.getLast());
    }

    static Optional<String> organizationIdentifier(X509Certificate certificate) {
        X500Name name =
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : name.getRDNs(BCStyle.ORGANIZATION_IDENTIFIER)) {
            ASN1Encodable value = rdn.getFirst().getValue();
            if (value instanceof ASN1String text) {
                return Optional.of(text.getString());
            }
        }
        return Optional.empty();
    }

    private static String names(List<ListedAuthority> authorities) {
        List<String> labels = new ArrayList<>();
        authorities.forEach(a -> labels.add(a.label()));
        return String.join(", ", labels);
    }

    private static TrustDecision notListed(String reason) {
        return new TrustDecision(Kind.NOT_LISTED, Optional.empty(), Optional.empty(), reason);
    }

    private static TrustDecision decision(Kind kind, ListedAuthority authority, Instant since, String reason) {
        return new TrustDecision(kind, Optional.of(authority), Optional.ofNullable(since), reason);
    }
}
