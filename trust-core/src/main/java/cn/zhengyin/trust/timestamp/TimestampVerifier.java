package cn.zhengyin.trust.timestamp;

import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.validation.CertificateChainValidator;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.CmsCertificates;
import cn.zhengyin.trust.validation.SigningCertificateReference;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Verifies an RFC 3161 time-stamp token: TSA certificate present, critical EKU id-kp-timeStamping only
 * (RFC 3161 §2.3), signing-certificate reference (RFC 5816), CMS signature, message imprint over the time-stamped
 * data, TSA certificate valid at genTime and chained to a trust anchor, revocation against supplied CRLs.
 * Returns a value, never throws for a bad token. Thread-safe.
 */
public final class TimestampVerifier {

    static final String PREFIX = "timestamp.";
    public static final String TSA_CERTIFICATE = PREFIX + "tsa-certificate";
    public static final String TSA_KEY_USAGE = PREFIX + "tsa-key-usage";
    public static final String SIGNING_CERTIFICATE = PREFIX + "signing-certificate";
    public static final String SIGNATURE = PREFIX + "signature";
    public static final String IMPRINT = PREFIX + "message-imprint";
    public static final String CHAIN = PREFIX + CertificateChainValidator.CHAIN;
    public static final String REVOCATION = PREFIX + CertificateChainValidator.REVOCATION;

    private static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
    private static final String EKU_OID = "2.5.29.37";

    private final CertificateChainValidator chains;

    /**
     * @param trustAnchors trusted TSA roots
     * @param crls         CRLs for the TSA chain; empty: revocation NOT_CHECKED
     */
    public TimestampVerifier(Set<X509Certificate> trustAnchors, Collection<X509CRL> crls) {
        this.chains = new CertificateChainValidator(trustAnchors, crls);
    }

    /**
     * @param token           the token
     * @param timestampedData the data the token should cover (for a PAdES signature time-stamp: the signature value);
     *                        hashed with the token's imprint algorithm
     */
    public TimestampVerification verify(TimeStampToken token, byte[] timestampedData) {
        List<CheckResult> checks = new ArrayList<>();
        Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
        String policy = token.getTimeStampInfo().getPolicy().getId();
        Optional<X509Certificate> found = Optional.empty();
        List<X509Certificate> embedded = List.of();
        try {
            found = CmsCertificates.first(token.getCertificates(), token.getSID());
            embedded = CmsCertificates.all(token.getCertificates());
        } catch (RuntimeException e) {
            // Bouncy Castle decodes the token's certificates lazily: a malformed one surfaces here (found by fuzzing)
            checks.add(CheckResult.failed(
                    TSA_CERTIFICATE, "The token's certificates field is malformed: " + e.getMessage() + "."));
        }
        if (found.isEmpty() && checks.isEmpty()) {
            checks.add(CheckResult.failed(
                    TSA_CERTIFICATE,
                    "The token does not contain the TSA certificate named by "
                            + "its signer identifier; request tokens with certReq=true (RFC 3161 §2.4.1)."));
        } else if (found.isPresent()) {
            checks.add(CheckResult.passed(
                    TSA_CERTIFICATE,
                    "TSA certificate " + found.get().getSubjectX500Principal().getName() + "."));
        }
        found.ifPresent(cert -> {
            checks.add(keyUsage(cert));
            checks.add(SigningCertificateReference.check(SIGNING_CERTIFICATE, token.getSignedAttributes(), cert));
            checks.add(signature(token, cert));
        });
        checks.add(imprint(token, timestampedData));
        if (found.isPresent()) {
            var chain = chains.validate(found.get(), embedded, genTime);
            checks.add(new CheckResult(
                    CHAIN, chain.chain().outcome(), chain.chain().message()));
            checks.add(new CheckResult(
                    REVOCATION, chain.revocation().outcome(), chain.revocation().message()));
        }
        return new TimestampVerification(
                Optional.of(genTime),
                found.map(c -> c.getSubjectX500Principal().getName()),
                Optional.of(policy),
                checks);
    }

    private static CheckResult keyUsage(X509Certificate cert) {
        try {
            List<String> ekus = cert.getExtendedKeyUsage();
            boolean critical = cert.getCriticalExtensionOIDs() != null
                    && cert.getCriticalExtensionOIDs().contains(EKU_OID);
            if (ekus != null && critical && ekus.equals(List.of(TIME_STAMPING))) {
                return CheckResult.passed(TSA_KEY_USAGE, "Critical extended key usage id-kp-timeStamping.");
            }
            return CheckResult.failed(
                    TSA_KEY_USAGE,
                    "TSA certificate extended key usage is " + ekus + " (critical="
                            + critical + "); RFC 3161 §2.3 requires exactly id-kp-timeStamping (" + TIME_STAMPING
                            + "), critical.");
        } catch (CertificateParsingException e) {
            return CheckResult.failed(TSA_KEY_USAGE, "Unreadable extended key usage: " + e.getMessage());
        }
    }

    private static CheckResult signature(TimeStampToken token, X509Certificate cert) {
        try {
            boolean valid = token.isSignatureValid(new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(Providers.bouncyCastle())
                    .build(cert));
            return valid
                    ? CheckResult.passed(SIGNATURE, "The token's signature verifies with the TSA key.")
                    : CheckResult.failed(SIGNATURE, "The token's signature does not verify with the TSA key.");
        } catch (Exception e) {
            return CheckResult.failed(SIGNATURE, "The token's signature does not verify: " + e.getMessage());
        }
    }

    private static CheckResult imprint(TimeStampToken token, byte[] data) {
        var info = token.getTimeStampInfo();
        String algorithm = new DefaultAlgorithmNameFinder().getAlgorithmName(info.getHashAlgorithm());
        try {
            byte[] digest = Digests.named(algorithm).digest(data);
            return Arrays.equals(digest, info.getMessageImprintDigest())
                    ? CheckResult.passed(IMPRINT, "The " + algorithm + " message imprint covers the time-stamped data.")
                    : CheckResult.failed(
                            IMPRINT,
                            "The " + algorithm + " message imprint does not match the "
                                    + "time-stamped data: the token was issued for other data.");
        } catch (GeneralSecurityException e) {
            return CheckResult.failed(
                    IMPRINT,
                    "Unsupported imprint algorithm " + info.getHashAlgorithm().getAlgorithm() + ".");
        }
    }
}
