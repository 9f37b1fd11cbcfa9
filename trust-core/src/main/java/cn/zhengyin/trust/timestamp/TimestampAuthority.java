package cn.zhengyin.trust.timestamp;

import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SigningKeyContentSigner;
import cn.zhengyin.trust.validation.CmsCertificates;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * An RFC 3161 time-stamp responder. Signs TSTInfo with a TSA {@link SigningKey} whose certificate carries the
 * critical extended key usage id-kp-timeStamping (RFC 3161 §2.3). The token's signer info carries
 * signing-certificate-v2 (ESSCertIDv2, SHA-256; RFC 5816). Thread-safe.
 *
 * <p>Honoured from the request (RFC 3161 §2.4.1): the message imprint (SHA-256, SHA-384, SHA-512 or SM3), the
 * nonce (echoed), certReq (the TSA chain is included only when asked), reqPolicy (must be this TSA's policy).
 * Anything else is answered with a rejection status, never an exception.
 */
public final class TimestampAuthority {

    /**
     * Development time-stamp policy: {@value}. It lies under the UUID arc 2.25 (ITU-T X.667), which anyone may use
     * without registration, so it is clearly private and collides with nothing; UUID
     * 6a4ee9da-f8d3-477f-80e7-aa82e4a57e2d. Production TSAs use the operator's own registered policy OID.
     */
    public static final String DEV_POLICY_OID = "2.25.141307909858351581455340927346691898925";

    private static final Set<ASN1ObjectIdentifier> ACCEPTED_DIGESTS = Set.of(
            NISTObjectIdentifiers.id_sha256,
            NISTObjectIdentifiers.id_sha384,
            NISTObjectIdentifiers.id_sha512,
            GMObjectIdentifiers.sm3);

    private final SigningKey tsaKey;
    private final ASN1ObjectIdentifier policy;
    private final Clock clock;
    private final Supplier<BigInteger> serialNumbers;
    private final Duration accuracy;

    /**
     * @param tsaKey        the TSA key; chain signer first, the first certificate must have critical EKU timeStamping
     * @param policyOid     TSA policy OID put in every token, e.g. {@link #DEV_POLICY_OID}
     * @param clock         source of genTime
     * @param serialNumbers source of unique, positive serial numbers (RFC 3161 §2.4.2: unique per TSA)
     * @param accuracy      accuracy declared in tokens (seconds and milliseconds are used)
     */
    public TimestampAuthority(
            SigningKey tsaKey, String policyOid, Clock clock, Supplier<BigInteger> serialNumbers, Duration accuracy) {
        this.tsaKey = Objects.requireNonNull(tsaKey, "tsaKey");
        this.policy = new ASN1ObjectIdentifier(policyOid);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.serialNumbers = Objects.requireNonNull(serialNumbers, "serialNumbers");
        this.accuracy = Objects.requireNonNull(accuracy, "accuracy");
        checkTimeStampingUsage(tsaKey.certificateChain().get(0));
    }

    private static void checkTimeStampingUsage(X509Certificate cert) {
        try {
            boolean critical = cert.getCriticalExtensionOIDs() != null
                    && cert.getCriticalExtensionOIDs().contains("2.5.29.37");
            var ekus = cert.getExtendedKeyUsage();
            if (!critical || ekus == null || ekus.size() != 1 || !ekus.contains("1.3.6.1.5.5.7.3.8")) {
                throw new TimestampException("TSA certificate "
                        + cert.getSubjectX500Principal().getName()
                        + " has extended key usage " + ekus + " (critical=" + critical + "); RFC 3161 §2.3 requires "
                        + "exactly id-kp-timeStamping (1.3.6.1.5.5.7.3.8), marked critical. Issue a TSA certificate.");
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new TimestampException("Cannot read the TSA certificate's extended key usage: " + e.getMessage(), e);
        }
    }

    /** @return the policy OID this TSA puts in its tokens */
    public String policyOid() {
        return policy.getId();
    }

    /**
     * Answers a DER-encoded TimeStampReq with a DER-encoded TimeStampResp. Malformed or unacceptable requests get a
     * rejection response (status 2) with the RFC 3161 failure info, not an exception.
     */
    public byte[] respond(byte[] timeStampRequestDer) {
        TimeStampResponseGenerator responseGenerator =
                new TimeStampResponseGenerator(tokenGenerator(), ACCEPTED_DIGESTS, Set.of(policy));
        try {
            TimeStampRequest request;
            try {
                request = new TimeStampRequest(timeStampRequestDer);
            } catch (IOException | RuntimeException e) {
                // the parser's message names its exception classes: the client gets the RFC 3161 reason instead
                return responseGenerator
                        .generateFailResponse(
                                PKIStatus.REJECTION,
                                PKIFailureInfo.badDataFormat,
                                "the request is not a DER-encoded RFC 3161 TimeStampReq")
                        .getEncoded();
            }
            TimeStampResponse response = responseGenerator.generate(request, nextSerial(), Date.from(clock.instant()));
            return response.getEncoded();
        } catch (TSPException | IOException e) {
            throw new TimestampException("The TSA could not produce a response: " + e.getMessage(), e);
        }
    }

    /**
     * Issues a token directly for a SHA-256 imprint, certReq true, no nonce.
     *
     * @param sha256Imprint 32-byte SHA-256 hash of the time-stamped data
     */
    public TimeStampToken timestamp(byte[] sha256Imprint) {
        return timestamp(NISTObjectIdentifiers.id_sha256, sha256Imprint);
    }

    /**
     * Issues a token directly for an imprint made with an accepted digest (SHA-256, SHA-384, SHA-512, or SM3
     * 1.2.156.10197.1.401 as GB/T 20520 uses), certReq true, no nonce.
     *
     * @param digestAlgorithm OID of the digest
     * @param imprint         hash of the time-stamped data, of that digest's length
     */
    public TimeStampToken timestamp(ASN1ObjectIdentifier digestAlgorithm, byte[] imprint) {
        checkImprintLength(digestAlgorithm, imprint);
        TimeStampRequestGenerator requestGenerator = new TimeStampRequestGenerator();
        requestGenerator.setCertReq(true);
        requestGenerator.setReqPolicy(policy);
        TimeStampRequest request = requestGenerator.generate(digestAlgorithm, imprint);
        try {
            TimeStampResponse response = new TimeStampResponse(respond(request.getEncoded()));
            response.validate(request);
            TimeStampToken token = response.getTimeStampToken();
            if (token == null) {
                throw new TimestampException("The TSA refused to time-stamp: status " + response.getStatus() + " "
                        + response.getStatusString());
            }
            return token;
        } catch (TSPException | IOException e) {
            throw new TimestampException("The TSA response does not match its request: " + e.getMessage(), e);
        }
    }

    static void checkImprintLength(ASN1ObjectIdentifier digestAlgorithm, byte[] imprint) {
        int expected;
        if (NISTObjectIdentifiers.id_sha256.equals(digestAlgorithm)
                || GMObjectIdentifiers.sm3.equals(digestAlgorithm)) {
            expected = 32;
        } else if (NISTObjectIdentifiers.id_sha384.equals(digestAlgorithm)) {
            expected = 48;
        } else if (NISTObjectIdentifiers.id_sha512.equals(digestAlgorithm)) {
            expected = 64;
        } else {
            throw new TimestampException("Unsupported message imprint digest " + digestAlgorithm.getId()
                    + "; use SHA-256, SHA-384, SHA-512 or SM3 (1.2.156.10197.1.401).");
        }
        if (imprint.length != expected) {
            throw new TimestampException("A " + digestAlgorithm.getId() + " message imprint has " + expected
                    + " bytes; got " + imprint.length + ".");
        }
    }

    private BigInteger nextSerial() {
        BigInteger serial = serialNumbers.get();
        if (serial.signum() <= 0) {
            throw new TimestampException("Time-stamp serial numbers must be positive (RFC 3161 §2.4.2); got " + serial
                    + " from the serial number source.");
        }
        return serial;
    }

    private TimeStampTokenGenerator tokenGenerator() {
        try {
            X509Certificate tsaCert = tsaKey.certificateChain().get(0);
            var digests = new JcaDigestCalculatorProviderBuilder().build();
            DigestCalculator essCertIdDigest = digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
            SignerInfoGenerator signerInfo =
                    new JcaSignerInfoGeneratorBuilder(digests).build(new SigningKeyContentSigner(tsaKey), tsaCert);
            TimeStampTokenGenerator generator = new TimeStampTokenGenerator(signerInfo, essCertIdDigest, policy);
            generator.addCertificates(new JcaCertStore(CmsCertificates.withoutRoot(tsaKey.certificateChain())));
            generator.setAccuracySeconds((int) accuracy.toSeconds());
            generator.setAccuracyMillis(accuracy.toMillisPart());
            generator.setResolution(TimeStampTokenGenerator.R_MILLISECONDS);
            return generator;
        } catch (OperatorCreationException | CertificateEncodingException | TSPException e) {
            throw new TimestampException("Cannot set up the time-stamp generator: " + e.getMessage(), e);
        }
    }
}
