package cn.zhengyin.seal.ca;

import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SigningKeyContentSigner;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * OCSP responder (RFC 6960) for one CA, signing with a delegated responder certificate issued by that CA (with
 * id-pkix-ocsp-nocheck). Status comes from the seal store: a seal certificate is good, revoked (certificateHold while
 * the seal is suspended, else the revocation reason and time) or, if the store does not know the serial and it is not
 * one of the CA's other known certificates, unknown. Requests about other CAs' certificates get "unknown". The nonce
 * of a request is echoed. Thread-safe.
 */
public final class OcspResponder {
    private final String caName;
    private final X509CertificateHolder caCertificate;
    private final SigningKey responderKey;
    private final X509CertificateHolder[] responderChain;
    private final SealRepository seals;
    private final Set<BigInteger> otherGoodSerials;
    private final Clock clock;
    private final Duration nextUpdateIn;
    private final DigestCalculatorProvider digests;

    /**
     * @param otherGoodSerials serials of the CA's certificates that are not seals (TSA, OCSP responder) and are good
     * @param nextUpdateIn     how long a response may be cached (nextUpdate - thisUpdate)
     */
    public OcspResponder(
            String caName,
            X509Certificate caCertificate,
            SigningKey responderKey,
            SealRepository seals,
            Set<BigInteger> otherGoodSerials,
            Clock clock,
            Duration nextUpdateIn) {
        try {
            this.caName = caName;
            this.caCertificate = new JcaX509CertificateHolder(caCertificate);
            this.responderKey = responderKey;
            this.responderChain = new X509CertificateHolder[] {
                new JcaX509CertificateHolder(responderKey.certificateChain().getFirst())
            };
            this.seals = seals;
            this.otherGoodSerials = Set.copyOf(otherGoodSerials);
            this.clock = clock;
            this.nextUpdateIn = nextUpdateIn;
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (CertificateEncodingException | OperatorCreationException e) {
            throw new IllegalStateException("OCSP responder cannot be set up: " + e.getMessage(), e);
        }
    }

    /** Answers a DER OCSPRequest with a DER OCSPResponse (malformedRequest for garbage, never an exception). */
    public byte[] respond(byte[] requestDer) {
        OCSPReq request;
        try {
            request = new OCSPReq(requestDer);
            if (request.getRequestList().length == 0) {
                return status(OCSPRespBuilder.MALFORMED_REQUEST);
            }
        } catch (IOException | RuntimeException e) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(
                    new RespID(responderChain[0].getSubjectPublicKeyInfo(), digests.get(CertificateID.HASH_SHA1)));
            for (Req req : request.getRequestList()) {
                CertificateID id = req.getCertID();
                builder.addResponse(id, statusOf(id), Date.from(now), Date.from(now.plus(nextUpdateIn)), null);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            BasicOCSPResp basic =
                    builder.build(new SigningKeyContentSigner(responderKey), responderChain, Date.from(now));
            return new OCSPRespBuilder()
                    .build(OCSPRespBuilder.SUCCESSFUL, basic)
                    .getEncoded();
        } catch (OCSPException | OperatorCreationException | IOException e) {
            return status(OCSPRespBuilder.INTERNAL_ERROR);
        }
    }

    private CertificateStatus statusOf(CertificateID id) throws OCSPException {
        if (!id.matchesIssuer(caCertificate, digests)) {
            return new UnknownStatus();
        }
        BigInteger serial = id.getSerialNumber();
        Optional<Seal> seal = seals.findByCertificate(caName, serial);
        if (seal.isEmpty()) {
            return otherGoodSerials.contains(serial) ? CertificateStatus.GOOD : new UnknownStatus();
        }
        return seal.get()
                .revocation()
                .<CertificateStatus>map(
                        r -> new RevokedStatus(Date.from(r.at()), r.reason().code()))
                .orElse(CertificateStatus.GOOD);
    }

    private static byte[] status(int status) {
        try {
            OCSPResp response = new OCSPRespBuilder().build(status, null);
            return response.getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
