package cn.zhengyin.trust.validation;

import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.crypto.VerifiedSignatures;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds and validates a certificate path to configured trust anchors (RFC 5280 §6 through the JDK's PKIX
 * {@link CertPathBuilder}; Bouncy Castle's for SM2-signed certificates) and checks revocation against supplied CRLs. Revocation is checked here rather than by
 * PKIX so that a revocation after the proven signing time can be told apart from one before it (ETSI EN 319 102-1
 * §5.2.6). Paths built once are reused for the same certificates while they are valid ({@code BuiltPaths}).
 * Thread-safe.
 */
public final class CertificateChainValidator {

    /** Check id of the path building step. */
    public static final String CHAIN = "certificate-chain";
    /** Check id of the revocation step. */
    public static final String REVOCATION = "revocation";

    /** GB/T 33560 arc of the SM algorithms (SM2-with-SM3 is 1.2.156.10197.1.501). */
    private static final String SM_ALGORITHM_ARC = "1.2.156.10197.";

    private final Set<TrustAnchor> anchors;
    private final Set<X509Certificate> anchorCertificates;
    private final List<X509CRL> crls;

    /**
     * @param trustAnchors trusted root (or issuing) certificates; configuration, never taken from the signature
     * @param crls         CRLs to check revocation against; empty means revocation is reported as not checked
     */
    public CertificateChainValidator(Set<X509Certificate> trustAnchors, Collection<X509CRL> crls) {
        this.anchorCertificates = Set.copyOf(trustAnchors);
        this.anchors = trustAnchors.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
        this.crls = List.copyOf(crls);
    }

    /**
     * Result of {@link #validate}.
     *
     * @param chain          the path building check
     * @param revocation     the revocation check (NOT_CHECKED when no CRL covers the path)
     * @param path           target first, up to but excluding the trust anchor; empty if no path was found
     * @param revocationTime when a certificate of the path was revoked, if it was
     */
    public record ChainValidation(
            CheckResult chain, CheckResult revocation, List<X509Certificate> path, Optional<Instant> revocationTime) {}

    /**
     * @param target        the certificate to validate
     * @param intermediates candidate CA certificates (e.g. from the CMS certificate set); may contain anything
     * @param at            the time validity is judged at (the proven signing time, or the validation time)
     */
    public ChainValidation validate(X509Certificate target, Collection<X509Certificate> intermediates, Instant at) {
        if (anchors.isEmpty()) {
            return new ChainValidation(
                    CheckResult.failed(
                            CHAIN, "No trust anchors are configured; configure the " + "trusted root certificates."),
                    CheckResult.notChecked(REVOCATION, "No certificate path."),
                    List.of(),
                    Optional.empty());
        }
        List<X509Certificate> path;
        X509Certificate anchorCert;
        try {
            BuiltPaths.Path built = path(target, intermediates, at);
            path = built.certificates();
            anchorCert = built.anchor();
        } catch (GeneralSecurityException e) {
            if (anchorCertificates.contains(target)) {
                return new ChainValidation(
                        CheckResult.passed(CHAIN, "The certificate is itself a trust anchor."),
                        CheckResult.notChecked(REVOCATION, "Trust anchors are not checked for revocation."),
                        List.of(),
                        Optional.empty());
            }
            return new ChainValidation(
                    CheckResult.failed(
                            CHAIN,
                            "No valid certification path from "
                                    + target.getSubjectX500Principal().getName() + " to a trust anchor at " + at + ": "
                                    + e.getMessage() + " (RFC 5280 §6)."),
                    CheckResult.notChecked(REVOCATION, "No certificate path."),
                    List.of(),
                    Optional.empty());
        }
        CheckResult chain = CheckResult.passed(
                CHAIN,
                "Path of " + path.size() + " certificate(s) to trust anchor "
                        + anchorCert.getSubjectX500Principal().getName() + ", valid at " + at + ".");
        return revocation(chain, path, anchorCert, at);
    }

    /** The path remembered for these certificates if it is valid at {@code at}, else one built by PKIX. */
    private BuiltPaths.Path path(X509Certificate target, Collection<X509Certificate> intermediates, Instant at)
            throws GeneralSecurityException {
        Set<X509Certificate> pool = new HashSet<>(intermediates);
        pool.add(target);
        Optional<Object> key = BuiltPaths.key(target, pool, anchorCertificates);
        Optional<BuiltPaths.Path> remembered = key.flatMap(k -> BuiltPaths.validAt(k, at));
        if (remembered.isPresent()) {
            return remembered.get();
        }
        X509CertSelector selector = new X509CertSelector();
        selector.setCertificate(target);
        PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, selector);
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(at));
        PKIXCertPathBuilderResult result =
                (PKIXCertPathBuilderResult) pathBuilder(target).build(params);
        BuiltPaths.Path built = new BuiltPaths.Path(
                result.getCertPath().getCertificates().stream()
                        .map(X509Certificate.class::cast)
                        .toList(),
                result.getTrustAnchor().getTrustedCert());
        key.ifPresent(k -> BuiltPaths.remember(k, built));
        return built;
    }

    /**
     * The JDK's PKIX cannot verify SM2 signatures (GB/T 32918), so paths of SM2-signed certificates are built with
     * Bouncy Castle's PKIX; everything else keeps the JDK's.
     */
    private static CertPathBuilder pathBuilder(X509Certificate target) throws GeneralSecurityException {
        return target.getSigAlgOID().startsWith(SM_ALGORITHM_ARC)
                ? CertPathBuilder.getInstance("PKIX", Providers.bouncyCastle())
                : CertPathBuilder.getInstance("PKIX");
    }

    private ChainValidation revocation(
            CheckResult chain, List<X509Certificate> path, X509Certificate anchor, Instant at) {
        if (crls.isEmpty()) {
            return new ChainValidation(
                    chain,
                    CheckResult.notChecked(REVOCATION, "No CRLs were supplied; revocation status is unknown."),
                    path,
                    Optional.empty());
        }
        List<String> uncovered = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            X509Certificate cert = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor;
            Optional<X509CRL> crl = crlOf(issuer, at);
            if (crl.isEmpty()) {
                Optional<X509CRL> stale = crlOf(issuer, null);
                uncovered.add(cert.getSubjectX500Principal().getName()
                        + stale.map(c -> " (the issuer's CRL of "
                                        + c.getThisUpdate().toInstant() + " is not fresh for "
                                        + at + ": next update "
                                        + Optional.ofNullable(c.getNextUpdate())
                                                .map(d -> d.toInstant().toString())
                                                .orElse("none")
                                        + ")")
                                .orElse(""));
                continue;
            }
            X509CRLEntry entry = crl.get().getRevokedCertificate(cert);
            if (entry != null) {
                Instant revokedAt = entry.getRevocationDate().toInstant();
                String what = cert.getSubjectX500Principal().getName() + " (serial "
                        + cert.getSerialNumber().toString(16) + ") was revoked at " + revokedAt
                        + (entry.getRevocationReason() != null ? " (" + entry.getRevocationReason() + ")" : "");
                CheckResult result = revokedAt.isAfter(at)
                        ? CheckResult.warning(
                                REVOCATION,
                                what + ", after " + at + ", the time the signature is judged at (its proven "
                                        + "signing time when time-stamped): the signature was made before the "
                                        + "revocation and stays valid.")
                        : CheckResult.failed(
                                REVOCATION,
                                what + ", not after " + at + ", the time the signature is judged at (ETSI EN 319 102-1 "
                                        + "§5.2.6).");
                return new ChainValidation(chain, result, path, Optional.of(revokedAt));
            }
        }
        if (!uncovered.isEmpty()) {
            return new ChainValidation(
                    chain,
                    CheckResult.notChecked(
                            REVOCATION, "No supplied CRL covers " + uncovered + "; revocation status is unknown."),
                    path,
                    Optional.empty());
        }
        return new ChainValidation(
                chain,
                CheckResult.passed(REVOCATION, "No certificate of the path is on the " + "issuers' CRLs."),
                path,
                Optional.empty());
    }

    /**
     * The latest CRL of {@code issuer} whose signature verifies and that tells the status at {@code at} (ETSI EN
     * 319 102-1 §5.2.5, freshness): issued at or after {@code at}, or current at {@code at} (thisUpdate ≤ at ≤
     * nextUpdate). A CRL that expired before {@code at} proves nothing about it. {@code at} null: any.
     */
    private Optional<X509CRL> crlOf(X509Certificate issuer, Instant at) {
        return crls.stream()
                .filter(crl -> crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()))
                .filter(crl -> at == null
                        || !crl.getThisUpdate().toInstant().isBefore(at)
                        || crl.getNextUpdate() == null
                        || !crl.getNextUpdate().toInstant().isBefore(at))
                .filter(crl -> {
                    try {
                        VerifiedSignatures.verify(crl, issuer.getPublicKey());
                        return true;
                    } catch (GeneralSecurityException e) {
                        return false;
                    }
                })
                .max((a, b) -> a.getThisUpdate().compareTo(b.getThisUpdate()));
    }
}
