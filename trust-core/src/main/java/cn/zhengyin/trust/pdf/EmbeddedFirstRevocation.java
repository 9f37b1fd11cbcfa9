package cn.zhengyin.trust.pdf;

import cn.zhengyin.trust.validation.CertificateChainValidator;
import cn.zhengyin.trust.validation.CertificateChainValidator.ChainValidation;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.RevocationSource;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Path building and revocation for one signer certificate, long-term-validation style (ETSI EN 319 102-1 §5.2.6,
 * ETSI EN 319 142-1 §5.4): the CRLs embedded in the file's DSS are tried first (each is used only if its signature
 * verifies with the issuer's key, which {@link CertificateChainValidator} checks); only when they do not decide
 * the revocation status are the configured CRLs and, if one is configured, the live {@link RevocationSource}
 * consulted. Reports which it was as {@value #EMBEDDED}. Thread-safe.
 */
final class EmbeddedFirstRevocation {

    /** Check id: whether revocation was decided from material embedded in the file. */
    static final String EMBEDDED = "revocation.embedded";

    private final Set<X509Certificate> anchors;
    private final List<X509CRL> configured;
    private final Optional<RevocationSource> live;

    EmbeddedFirstRevocation(
            Set<X509Certificate> anchors, Collection<X509CRL> configured, Optional<RevocationSource> live) {
        this.anchors = Set.copyOf(anchors);
        this.configured = List.copyOf(configured);
        this.live = live;
    }

    record Result(ChainValidation validation, CheckResult embedded) {}

    /** Configured and embedded CRLs together, e.g. for the time-stamp's TSA chain. */
    List<X509CRL> allCrls(EmbeddedValidationData embedded) {
        List<X509CRL> all = new ArrayList<>(embedded.crls());
        all.addAll(configured);
        return all;
    }

    Result validate(
            X509Certificate target,
            Collection<X509Certificate> intermediates,
            EmbeddedValidationData embedded,
            Instant at) {
        List<X509Certificate> pool = new ArrayList<>(intermediates);
        pool.addAll(embedded.certificates());
        ChainValidation fromFile = new CertificateChainValidator(anchors, embedded.crls()).validate(target, pool, at);
        if (fromFile.chain().outcome() != Outcome.PASSED) {
            return new Result(fromFile, CheckResult.notChecked(EMBEDDED, "No certificate path."));
        }
        if (fromFile.revocation().outcome() != Outcome.NOT_CHECKED) {
            return new Result(
                    fromFile,
                    CheckResult.passed(
                            EMBEDDED,
                            "Revocation decided at " + at + " from the "
                                    + embedded.crls().size()
                                    + " CRL(s) embedded in the file's DSS, without network access."));
        }
        List<X509CRL> crls = allCrls(embedded);
        String from = embedded.dssPresent() ? "The DSS does not cover the path" : "The file has no DSS";
        String fallback = configured.isEmpty() ? "" : " the " + configured.size() + " configured CRL(s)";
        if (live.isPresent()) {
            List<String> problems = new ArrayList<>();
            int fetched = 0;
            for (X509Certificate cert : fromFile.path()) {
                try {
                    Optional<byte[]> der = live.get().crl(cert);
                    if (der.isPresent()) {
                        crls.add((X509CRL) CertificateFactory.getInstance("X.509")
                                .generateCRL(new ByteArrayInputStream(der.get())));
                        fetched++;
                    }
                } catch (Exception e) {
                    problems.add(e.getMessage());
                }
            }
            fallback += (fallback.isEmpty() ? "" : " and") + " " + fetched + " CRL(s) fetched live"
                    + (problems.isEmpty() ? "" : " (failures: " + problems + ")");
        }
        if (crls.isEmpty()) {
            return new Result(
                    fromFile,
                    CheckResult.notChecked(EMBEDDED, from + " and no other revocation source " + "is configured."));
        }
        ChainValidation withFallback = new CertificateChainValidator(anchors, crls).validate(target, pool, at);
        return new Result(
                withFallback,
                CheckResult.notChecked(EMBEDDED, from + "; revocation was checked with" + fallback + "."));
    }
}
