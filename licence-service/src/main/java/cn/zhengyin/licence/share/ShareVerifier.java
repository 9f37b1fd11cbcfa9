package cn.zhengyin.licence.share;

import cn.zhengyin.trust.validation.CertificateChainValidator;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.RevocationSource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * Verifies a shared SD-JWT VC as any verifier would: the issuer-signed JWT (ES256, {@code typ dc+sd-jwt}) against the
 * seal certificate in {@code x5c}, that certificate's path to a configured trust anchor, every disclosure's digest
 * in {@code _sd}, the validity period ({@code iat}, {@code exp}) and the Token Status List entry.
 */
public final class ShareVerifier {
    private final CertificateChainValidator chains;
    private final BiFunction<String, Integer, Optional<Integer>> statusResolver;
    private final Clock clock;

    private final Set<X509Certificate> anchors;
    private final Optional<RevocationSource> revocation;

    /**
     * A verifier that also checks the revocation status of every certificate on the seal's path (fail closed: a
     * status that cannot be established leaves the credential INDETERMINATE, a revoked certificate fails it).
     *
     * @param anchors        trusted roots
     * @param revocation     where the CRL covering a certificate comes from (e.g. the seal service's CRLs)
     * @param statusResolver the status value of (status list URI, index), if it can be resolved
     */
    public ShareVerifier(
            Set<X509Certificate> anchors,
            RevocationSource revocation,
            BiFunction<String, Integer, Optional<Integer>> statusResolver,
            Clock clock) {
        this(
                new CertificateChainValidator(anchors, List.of()),
                anchors,
                Optional.of(revocation),
                statusResolver,
                clock);
    }

    /**
     * A verifier that checks signatures, paths, disclosures and the status list but not certificate revocation: for
     * credentials whose signer is itself a trust anchor (tests); production wiring uses the revocation-checking one.
     */
    public ShareVerifier(
            CertificateChainValidator chains,
            BiFunction<String, Integer, Optional<Integer>> statusResolver,
            Clock clock) {
        this(chains, Set.of(), Optional.empty(), statusResolver, clock);
    }

    private ShareVerifier(
            CertificateChainValidator chains,
            Set<X509Certificate> anchors,
            Optional<RevocationSource> revocation,
            BiFunction<String, Integer, Optional<Integer>> statusResolver,
            Clock clock) {
        this.chains = chains;
        this.anchors = Set.copyOf(anchors);
        this.revocation = revocation;
        this.statusResolver = statusResolver;
        this.clock = clock;
    }

    /**
     * @param indication TOTAL_PASSED, TOTAL_FAILED (bad signature, digest, expired, withdrawn or revoked) or
     *                   INDETERMINATE (no trusted path, suspended, status unknown)
     * @param disclosed  the disclosed claims, in the order of the disclosures
     * @param status     the status value (0 valid, 1 invalid, 2 suspended), if resolved
     */
    public record Verdict(
            Indication indication,
            List<CheckResult> checks,
            Map<String, String> disclosed,
            Optional<String> signer,
            Optional<Instant> issuedAt,
            Optional<Instant> expiresAt,
            Optional<Integer> status,
            Optional<String> vct) {
        public boolean passed() {
            return indication == Indication.TOTAL_PASSED;
        }
    }

    public Verdict verify(String compact) {
        List<CheckResult> checks = new ArrayList<>();
        SdJwt.Parsed parsed;
        try {
            parsed = SdJwt.parse(compact);
        } catch (InvalidCredentialException e) {
            checks.add(CheckResult.failed("format", e.getMessage()));
            return new Verdict(
                    Indication.TOTAL_FAILED,
                    checks,
                    Map.of(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        }
        JsonNode header = parsed.header();
        JsonNode payload = parsed.payload();
        checks.add(CheckResult.passed(
                "format", "compact SD-JWT with " + parsed.disclosures().size() + " disclosure(s)"));
        String alg = header.path("alg").asString("");
        String typ = header.path("typ").asString("");
        checks.add(
                "ES256".equals(alg) && ShareService.SD_JWT_TYPE.equals(typ)
                        ? CheckResult.passed("header", "alg ES256, typ " + typ)
                        : CheckResult.failed(
                                "header",
                                "alg '" + alg + "', typ '" + typ + "'; expected ES256 and "
                                        + ShareService.SD_JWT_TYPE));

        Optional<String> signer = Optional.empty();
        List<X509Certificate> x5c;
        try {
            x5c = SdJwt.x5c(header);
        } catch (InvalidCredentialException e) {
            x5c = List.of();
            checks.add(CheckResult.failed("signature", e.getMessage()));
        }
        Instant now = clock.instant();
        if (!x5c.isEmpty()) {
            X509Certificate leaf = x5c.getFirst();
            signer = Optional.of(leaf.getSubjectX500Principal().getName());
            checks.add(verifySignature(parsed, leaf));
            var chain = chains.validate(leaf, x5c.subList(1, x5c.size()), now);
            checks.add(chain.chain());
            if (revocation.isPresent()
                    && chain.chain().outcome() == Outcome.PASSED
                    && !chain.path().isEmpty()) {
                checks.add(revocationOf(leaf, x5c.subList(1, x5c.size()), chain.path(), now));
            }
        } else if (checks.stream().noneMatch(c -> c.id().equals("signature"))) {
            checks.add(CheckResult.failed("signature", "the header has no x5c certificate chain"));
        }

        Map<String, String> disclosed = new LinkedHashMap<>();
        checks.add(disclosures(parsed, payload, disclosed));

        Optional<Instant> iat = epoch(payload, "iat");
        Optional<Instant> exp = epoch(payload, "exp");
        if (exp.isPresent() && !now.isBefore(exp.get())) {
            checks.add(CheckResult.failed("validity", "the credential expired at " + exp.get()));
        } else if (iat.isPresent() && now.plusSeconds(60).isBefore(iat.get())) {
            checks.add(CheckResult.failed("validity", "the credential is issued in the future (" + iat.get() + ")"));
        } else {
            checks.add(CheckResult.passed(
                    "validity",
                    "issued " + iat.map(Instant::toString).orElse("?") + ", expires "
                            + exp.map(Instant::toString).orElse("never")));
        }

        JsonNode reference = payload.path("status").path("status_list");
        Optional<Integer> status = Optional.empty();
        if (reference.isObject()
                && reference.path("uri").isString()
                && reference.path("idx").isIntegralNumber()) {
            String uri = reference.path("uri").asString();
            status = statusResolver.apply(uri, reference.path("idx").asInt());
            checks.add(status.map(s -> switch (s) {
                        case 0 -> CheckResult.passed("status", "status list " + uri + ": VALID");
                        case 2 ->
                            CheckResult.notChecked("status", "status list " + uri + ": SUSPENDED (licence suspended)");
                        default ->
                            CheckResult.failed(
                                    "status",
                                    "status list " + uri + ": INVALID (share withdrawn, or licence"
                                            + " revoked, cancelled or expired)");
                    })
                    .orElse(CheckResult.notChecked("status", "the status list " + uri + " cannot be resolved")));
        } else {
            checks.add(CheckResult.notChecked("status", "the credential has no status.status_list reference"));
        }

        Indication indication = checks.stream()
                        .anyMatch(c -> c.outcome() == Outcome.FAILED && !c.id().equals(CertificateChainValidator.CHAIN))
                ? Indication.TOTAL_FAILED
                : checks.stream().allMatch(c -> c.outcome() == Outcome.PASSED)
                        ? Indication.TOTAL_PASSED
                        : Indication.INDETERMINATE;
        return new Verdict(
                indication,
                List.copyOf(checks),
                disclosed,
                signer,
                iat,
                exp,
                status,
                Optional.of(payload.path("vct").asString("")).filter(v -> !v.isEmpty()));
    }

    /** The path's CRLs from the revocation source, then the same path checked against them. */
    private CheckResult revocationOf(
            X509Certificate leaf, List<X509Certificate> intermediates, List<X509Certificate> path, Instant now) {
        List<X509CRL> crls = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (X509Certificate certificate : path) {
                Optional<byte[]> der = revocation.orElseThrow().crl(certificate);
                if (der.isPresent()) {
                    crls.add((X509CRL) factory.generateCRL(new java.io.ByteArrayInputStream(der.get())));
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return CheckResult.notChecked(
                    CertificateChainValidator.REVOCATION,
                    "the revocation status of the seal certificate cannot be established: " + e.getMessage());
        }
        return new CertificateChainValidator(anchors, crls)
                .validate(leaf, intermediates, now)
                .revocation();
    }

    private static CheckResult verifySignature(SdJwt.Parsed parsed, X509Certificate leaf) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(parsed.signingInput().getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(SdJwt.joseToDer(parsed.signature()))
                    ? CheckResult.passed(
                            "signature",
                            "ES256 signature by "
                                    + leaf.getSubjectX500Principal().getName())
                    : CheckResult.failed("signature", "the ES256 signature does not match the JWT: it was altered");
        } catch (GeneralSecurityException | InvalidCredentialException e) {
            return CheckResult.failed("signature", "the signature cannot be verified: " + e.getMessage());
        }
    }

    private static CheckResult disclosures(SdJwt.Parsed parsed, JsonNode payload, Map<String, String> disclosed) {
        if (!"sha-256".equals(payload.path("_sd_alg").asString(""))) {
            return CheckResult.failed(
                    "disclosures", "_sd_alg is '" + payload.path("_sd_alg").asString("") + "'; expected sha-256");
        }
        Set<String> digests = new HashSet<>();
        payload.path("_sd").forEach(d -> digests.add(d.asString()));
        Set<String> seen = new HashSet<>();
        for (SdJwt.Disclosure d : parsed.disclosures()) {
            String digest = d.digest();
            if (!digests.contains(digest)) {
                return CheckResult.failed(
                        "disclosures",
                        "disclosure of '" + d.name()
                                + "' is not among the signed digests: it was not issued with this credential");
            }
            if (!seen.add(digest) || disclosed.containsKey(d.name()) || payload.has(d.name())) {
                return CheckResult.failed("disclosures", "claim '" + d.name() + "' is disclosed twice");
            }
            disclosed.put(
                    d.name(),
                    d.value().isString() ? d.value().asString() : d.value().toString());
        }
        return CheckResult.passed(
                "disclosures", disclosed.size() + " disclosed claim(s), each matching a signed digest");
    }

    private static Optional<Instant> epoch(JsonNode payload, String claim) {
        JsonNode n = payload.path(claim);
        return n.isNumber() ? Optional.of(Instant.ofEpochSecond(n.asLong())) : Optional.empty();
    }
}
