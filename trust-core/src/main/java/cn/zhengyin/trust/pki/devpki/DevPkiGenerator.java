package cn.zhengyin.trust.pki.devpki;

import cn.zhengyin.trust.pki.CertificateIssuer;
import cn.zhengyin.trust.pki.CertificateProfile;
import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.CrlDistributionPoints;
import cn.zhengyin.trust.pki.CrlIssuer;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds a {@link DevPki} from a {@link DevPkiDeclaration}: fresh keys, certificates, empty initial CRLs. */
public final class DevPkiGenerator {
    private final Clock clock;
    private final SecureRandom random;
    private final CertificateIssuer certificates;
    private final CrlIssuer crls;

    public DevPkiGenerator(Clock clock, SecureRandom random, CrlDistributionPoints crlDistributionPoints) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.certificates = new CertificateIssuer(clock, random, crlDistributionPoints);
        this.crls = new CrlIssuer(clock);
    }

    public DevPki generate(DevPkiDeclaration declaration) {
        Map<String, Credential> byName = new LinkedHashMap<>();
        Map<String, X509CRL> initialCrls = new LinkedHashMap<>();
        List<X509Certificate> anchors = new ArrayList<>();
        for (DevPkiDeclaration.Entity entity : declaration.entities()) {
            KeyPair keyPair = entity.algorithm().generateKeyPair(random);
            Credential credential = switch (entity.profile()) {
                case CertificateProfile.RootCa root ->
                    certificates.issueRoot(entity.name(), root, keyPair, entity.validity());
                default ->
                    certificates.issueCredential(
                            entity.name(),
                            entity.profile(),
                            keyPair,
                            entity.validity(),
                            Objects.requireNonNull(
                                    byName.get(entity.issuer().orElseThrow()),
                                    "issuer declared before what it issues (DevPkiDeclaration checks this)"));
            };
            byName.put(entity.name(), credential);
            if (entity.profile() instanceof CertificateProfile.RootCa) {
                anchors.add(credential.certificate());
            }
            if (entity.profile().isCa()) {
                initialCrls.put(
                        entity.name(),
                        crls.issue(
                                credential,
                                CrlIssuer.crlNumberFor(clock.instant()),
                                declaration.crlNextUpdate(),
                                List.of()));
            }
        }
        return new DevPki(List.copyOf(byName.values()), initialCrls, anchors);
    }
}
