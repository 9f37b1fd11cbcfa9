package cn.zhengyin.seal.premade;

import cn.zhengyin.seal.authorisation.GranteeKind;
import cn.zhengyin.seal.authorisation.SealAuthorisationService;
import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealCertificate;
import cn.zhengyin.seal.lifecycle.SealEventType;
import cn.zhengyin.seal.lifecycle.SealImageMaker;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.seal.lifecycle.SealStructureMaker;
import cn.zhengyin.seal.lifecycle.ValidityPeriod;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.crypto.SigningKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the seals declared in configuration ({@code zhengyin.seals}, keys made beforehand, e.g. the keys-dev seal
 * ZYDEV-SEAL-0001) as ISSUED seals, with an authorisation for each allowed client for the configured licence types
 * (all types when none are configured), when the
 * store does not have them yet. A seal with an SM2 key ({@code sm2-key}) also gets its SM2 certificate, its default
 * image and a GB/T 38540 SESeal made by the {@link SealStructureMaker}, so it can make SES signatures; a seal imported
 * earlier without them is completed on the next start. Runs at start-up; a second run finds them and does nothing.
 */
public final class PreMadeSealImporter {
    private static final Logger log = LoggerFactory.getLogger(PreMadeSealImporter.class);
    private final SealRepository seals;
    private final SealAuthorisationService authorisations;
    private final SealImageMaker images;
    private final SealStructureMaker structures;
    private final Clock clock;

    public PreMadeSealImporter(
            SealRepository seals,
            SealAuthorisationService authorisations,
            SealImageMaker images,
            SealStructureMaker structures,
            Clock clock) {
        this.seals = seals;
        this.authorisations = authorisations;
        this.images = images;
        this.structures = structures;
        this.clock = clock;
    }

    /**
     * @param key    the seal's ECDSA key in custody, its chain issued by {@code spec.issuerCa()}
     * @param sm2Key the seal's SM2 key in custody, its chain issued by {@code spec.sm2IssuerCa()}, if it has one
     * @return true if the store changed (imported, or completed with the SM2 certificate and SESeal)
     */
    public boolean importIfAbsent(PreMadeSeal spec, SigningKey key, Optional<SigningKey> sm2Key) {
        Optional<SealCertificate> sm2 = sm2Key.map(k -> certificate(k, SignatureAlgorithm.SM2_SM3, spec.sm2IssuerCa()));
        Optional<Seal> existing = seals.find(spec.id());
        if (existing.isPresent()) {
            return complete(existing.get(), sm2);
        }
        X509Certificate certificate = key.certificateChain().getFirst();
        List<SealCertificate> certificates = new ArrayList<>();
        certificates.add(certificate(key, SignatureAlgorithm.ECDSA_P256_SHA256, spec.issuerCa()));
        sm2.ifPresent(certificates::add);
        var imported = Seal.importPreMade(
                spec.id(),
                spec.organisation(),
                spec.type(),
                spec.purpose(),
                spec.name(),
                new ValidityPeriod(
                        certificate.getNotBefore().toInstant(),
                        certificate.getNotAfter().toInstant()),
                certificates,
                "configuration",
                "pre-made seal imported from configuration (key '" + key.keyId() + "'"
                        + sm2Key.map(k -> ", SM2 key '" + k.keyId() + "'").orElse("") + ")",
                clock.instant());
        Seal seal = sm2.isPresent() ? withStructures(imported.seal(), List.of()) : imported.seal();
        try {
            seals.insert(seal);
        } catch (IllegalStateException raced) {
            return false;
        }
        for (String client : spec.allowedClients()) {
            authorisations.grant(
                    spec.id(),
                    GranteeKind.CLIENT,
                    client,
                    spec.licenceTypes(),
                    Optional.empty(),
                    Optional.empty(),
                    "configuration",
                    "allowed client of the pre-made seal in configuration"
                            + (spec.licenceTypes().isEmpty() ? "" : " for licence types " + sorted(spec)));
        }
        log.info(
                "Imported pre-made seal {} ({}) as ISSUED{}, authorised for {} (licence types: {})",
                spec.id(),
                spec.name(),
                seal.seseal().isPresent() ? " with an SM2 certificate and a GB/T 38540 SESeal" : "",
                spec.allowedClients(),
                spec.licenceTypes().isEmpty() ? "all" : sorted(spec));
        return true;
    }

    /** A seal imported before its SM2 key was configured gets the SM2 certificate, image and SESeal now. */
    private boolean complete(Seal seal, Optional<SealCertificate> sm2) {
        boolean imported = !seal.events().isEmpty() && seal.events().getFirst().type() == SealEventType.IMPORTED;
        if (sm2.isEmpty() || !imported || seal.seseal().isPresent()) {
            return false;
        }
        Seal completed = withStructures(seal, List.of(sm2.get()));
        if (completed.seseal().isEmpty()) {
            return false;
        }
        seals.update(completed, Optional.empty());
        log.info("Completed pre-made seal {} with an SM2 certificate and a GB/T 38540 SESeal", seal.id());
        return true;
    }

    private Seal withStructures(Seal seal, List<SealCertificate> added) {
        String imageId = seal.imageId().orElseGet(() -> images.makeDefaultImage(seal));
        Seal withCertificates = seal.withPreMadeArtefacts(added, imageId, Optional.empty());
        byte[] png = images.png(imageId)
                .orElseThrow(() -> new IllegalStateException(
                        "the image library has lost the image " + imageId + " of seal " + seal.id()));
        return withCertificates.withPreMadeArtefacts(List.of(), imageId, structures.make(withCertificates, png));
    }

    private static List<String> sorted(PreMadeSeal spec) {
        return spec.licenceTypes().stream().sorted().toList();
    }

    private static SealCertificate certificate(SigningKey key, SignatureAlgorithm expected, String issuerCa) {
        if (key.algorithm() != expected) {
            throw new IllegalStateException(
                    "key '" + key.keyId() + "' is " + key.algorithm() + "; the seal needs " + expected + " here");
        }
        return new SealCertificate(key.algorithm(), key.keyId(), issuerCa, key.certificateChain());
    }
}
