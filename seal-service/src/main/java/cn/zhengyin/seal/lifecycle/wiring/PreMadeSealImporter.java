package cn.zhengyin.seal.lifecycle.wiring;

import cn.zhengyin.seal.authorisation.GranteeKind;
import cn.zhengyin.seal.authorisation.SealAuthorisationService;
import cn.zhengyin.seal.config.SealServiceProperties.SealSpec;
import cn.zhengyin.seal.lifecycle.Organisation;
import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealCertificate;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.seal.lifecycle.SealType;
import cn.zhengyin.seal.lifecycle.ValidityPeriod;
import cn.zhengyin.trust.crypto.SigningKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the seals declared in configuration ({@code zhengyin.seals}, keys made beforehand, e.g. the keys-dev seal
 * ZYDEV-SEAL-0001) as ISSUED seals, with an authorisation for each allowed client for all licence types, when the
 * store does not have them yet. Runs at start-up; a second run finds them and does nothing.
 */
public final class PreMadeSealImporter {
    private static final Logger log = LoggerFactory.getLogger(PreMadeSealImporter.class);
    private final SealRepository seals;
    private final SealAuthorisationService authorisations;
    private final Clock clock;

    public PreMadeSealImporter(SealRepository seals, SealAuthorisationService authorisations, Clock clock) {
        this.seals = seals;
        this.authorisations = authorisations;
        this.clock = clock;
    }

    /** @param key the seal's ECDSA key in custody, its chain issued by {@code issuerCa} */
    public boolean importIfAbsent(SealSpec spec, SigningKey key, String issuerCa) {
        if (seals.find(spec.id()).isPresent()) {
            return false;
        }
        X509Certificate certificate = key.certificateChain().getFirst();
        SealType type = SealType.ofCode(spec.type());
        var imported = Seal.importPreMade(spec.id(), new Organisation(spec.organisationName(), spec.organisationCode()),
                type, spec.purpose(), spec.name(),
                new ValidityPeriod(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()),
                List.of(new SealCertificate(key.algorithm(), key.keyId(), issuerCa, key.certificateChain())),
                "configuration", "pre-made seal imported from configuration (key '" + key.keyId() + "')",
                clock.instant());
        try {
            seals.insert(imported.seal());
        } catch (IllegalStateException raced) {
            return false;
        }
        for (String client : spec.allowedClients()) {
            authorisations.grant(spec.id(), GranteeKind.CLIENT, client, Set.of(), Optional.empty(), Optional.empty(),
                    "configuration", "allowed client of the pre-made seal in configuration");
        }
        log.info("Imported pre-made seal {} ({}) as ISSUED, authorised for {}", spec.id(), spec.name(),
                spec.allowedClients());
        return true;
    }
}
