package cn.zhengyin.seal.ca;

import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealCertificate;
import cn.zhengyin.seal.lifecycle.SealCertificateAuthority;
import cn.zhengyin.trust.crypto.GeneratedKey;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.pki.CertificateIssuer;
import cn.zhengyin.trust.pki.CertificateProfile;
import cn.zhengyin.trust.pki.Credential;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SealCertificateAuthority} over the in-process issuing CAs (dev: keys-dev {@code seal-ca.p12} for ECDSA,
 * {@code sm2-seal-ca.p12} for SM2). Certificates run from now to the end of the seal's validity, capped at the CA's.
 */
public final class DevSealCertificateAuthority implements SealCertificateAuthority {
    private final CertificateIssuer issuer;
    private final Credential ecdsaCa;
    private final Credential sm2Ca;
    private final Clock clock;

    /** @param ecdsaCa the ECDSA issuing CA; its name is the CRL name; likewise {@code sm2Ca} */
    public DevSealCertificateAuthority(CertificateIssuer issuer, Credential ecdsaCa, Credential sm2Ca, Clock clock) {
        this.issuer = issuer;
        this.ecdsaCa = ecdsaCa;
        this.sm2Ca = sm2Ca;
        this.clock = clock;
    }

    @Override
    public SealCertificate issue(Seal seal, GeneratedKey key) {
        Credential ca = key.algorithm() == SignatureAlgorithm.SM2_SM3 ? sm2Ca : ecdsaCa;
        Instant now = clock.instant();
        Instant end = seal.validity().notAfter();
        Instant caEnd = ca.certificate().getNotAfter().toInstant();
        if (end.isAfter(caEnd)) {
            end = caEnd;
        }
        long days = Math.max(1, Duration.between(now, end).toDays());
        X509Certificate certificate = issuer.issue(
                new CertificateProfile.SealSigning(
                        seal.name(),
                        seal.organisation().name(),
                        seal.organisation().uscc(),
                        seal.id()),
                key.publicKey(),
                Period.ofDays((int) days),
                ca);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(ca.chain());
        return new SealCertificate(key.algorithm(), key.keyId(), ca.name(), chain);
    }
}
