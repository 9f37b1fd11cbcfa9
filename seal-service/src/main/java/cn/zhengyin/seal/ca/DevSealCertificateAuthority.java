package cn.zhengyin.seal.ca;

import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealCertificate;
import cn.zhengyin.seal.lifecycle.SealCertificateAuthority;
import cn.zhengyin.trust.crypto.GeneratedKey;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.pki.AuthorityInformationAccess;
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
 * ECDSA certificates carry an authorityInfoAccess with the OCSP responder that answers for the ECDSA CA (this service's
 * {@code /ocsp}); SM2 certificates carry none, as no responder answers for the SM2 CA (its CRL does).
 */
public final class DevSealCertificateAuthority implements SealCertificateAuthority {
    private final CertificateIssuer issuer;
    private final Credential ecdsaCa;
    private final Credential sm2Ca;
    private final AuthorityInformationAccess ecdsaAccess;
    private final Clock clock;

    /**
     * @param ecdsaCa     the ECDSA issuing CA; its name is the CRL name; likewise {@code sm2Ca}
     * @param ecdsaAccess the authorityInfoAccess of ECDSA seal certificates (the OCSP responder for {@code ecdsaCa}),
     *                    or {@link AuthorityInformationAccess#none()}
     */
    public DevSealCertificateAuthority(
            CertificateIssuer issuer,
            Credential ecdsaCa,
            Credential sm2Ca,
            AuthorityInformationAccess ecdsaAccess,
            Clock clock) {
        this.issuer = issuer;
        this.ecdsaCa = ecdsaCa;
        this.sm2Ca = sm2Ca;
        this.ecdsaAccess = java.util.Objects.requireNonNull(ecdsaAccess, "ecdsaAccess");
        this.clock = clock;
    }

    @Override
    public SealCertificate issue(Seal seal, GeneratedKey key) {
        boolean sm2 = key.algorithm() == SignatureAlgorithm.SM2_SM3;
        Credential ca = sm2 ? sm2Ca : ecdsaCa;
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
                        seal.id(),
                        sm2 ? AuthorityInformationAccess.none() : ecdsaAccess),
                key.publicKey(),
                Period.ofDays((int) days),
                ca);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(ca.chain());
        return new SealCertificate(key.algorithm(), key.keyId(), ca.name(), chain);
    }
}
