package cn.zhengyin.trust.validation;

import cn.zhengyin.trust.validation.CertificateChainValidator.ChainValidation;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Path building and revocation for formats that embed no revocation data (XAdES-B, GB/T 38540 SES): the path is
 * built from the document's certificates plus the configured intermediates; revocation is decided from the
 * configured CRLs first and, when they do not cover the path, from the live {@link RevocationSource} (the CRL
 * distribution point named in each certificate). Whether unknown status may pass is the caller's policy. Thread-safe.
 */
public final class SourcedChainValidator {

    private final TrustAnchors anchors;
    private final RevocationSources sources;
    private final CertificateChainValidator configured;

    public SourcedChainValidator(TrustAnchors anchors, RevocationSources sources) {
        this.anchors = anchors;
        this.sources = sources;
        this.configured = new CertificateChainValidator(anchors.anchors(), sources.crls());
    }

    /**
     * @param target   the certificate to validate
     * @param carried  certificates the document carries (may be anything)
     * @param at       the time the path and revocation are judged at (the proven signing time, else now)
     */
    public ChainValidation validate(X509Certificate target, Collection<X509Certificate> carried, Instant at) {
        List<X509Certificate> pool = new ArrayList<>(carried);
        pool.addAll(anchors.intermediates());
        ChainValidation result = configured.validate(target, pool, at);
        if (result.chain().outcome() != Outcome.PASSED
                || result.revocation().outcome() != Outcome.NOT_CHECKED
                || sources.live().isEmpty()
                || result.path().isEmpty()) {
            return result;
        }
        List<X509CRL> crls = new ArrayList<>(sources.crls());
        List<String> problems = new ArrayList<>();
        for (X509Certificate cert : result.path()) {
            try {
                Optional<byte[]> der = sources.live().get().crl(cert);
                if (der.isPresent()) {
                    crls.add((X509CRL)
                            CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der.get())));
                }
            } catch (Exception e) {
                problems.add(e.getMessage());
            }
        }
        ChainValidation live = new CertificateChainValidator(anchors.anchors(), crls).validate(target, pool, at);
        if (problems.isEmpty()) {
            return live;
        }
        CheckResult revocation = live.revocation();
        return new ChainValidation(
                live.chain(),
                new CheckResult(
                        revocation.id(),
                        revocation.outcome(),
                        revocation.message() + " (fetching CRLs failed: " + problems + ")"),
                live.path(),
                live.revocationTime());
    }
}
