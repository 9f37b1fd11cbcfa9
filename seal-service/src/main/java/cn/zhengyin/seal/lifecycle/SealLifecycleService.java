package cn.zhengyin.seal.lifecycle;

import cn.zhengyin.trust.crypto.GeneratedKey;
import cn.zhengyin.trust.crypto.KeyCustody;
import cn.zhengyin.trust.crypto.KeyCustodyException;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.pki.RevocationReason;
import cn.zhengyin.trust.seal.SealType;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs the seal's transitions: each loads the seal, applies the domain rule, performs the side effects in a
 * retry-safe order and stores the result with one conditional update. Side effects and their order:
 * <ul>
 *   <li>make: key generated in custody under a fixed id (a retry finds it) → certificate issued and stored on the seal
 *       (a retry reuses it) → chain attached in custody (replaces, harmless twice) → image stored on the seal →
 *       SESeal → state MADE;</li>
 *   <li>suspend, reinstate, revoke: the state is the CRL and OCSP source, so the update is the whole effect; then the
 *       listener drops cached CRLs;</li>
 *   <li>destroy: keys destroyed in custody (idempotent) → state DESTROYED.</li>
 * </ul>
 */
public final class SealLifecycleService {
    private final SealRepository seals;
    private final KeyCustody custody;
    private final SealCertificateAuthority ca;
    private final SealImageMaker images;
    private final SealStructureMaker structures;
    private final CertificateStatusListener statusListener;
    private final Clock clock;
    private final Supplier<String> ids;

    public SealLifecycleService(
            SealRepository seals,
            KeyCustody custody,
            SealCertificateAuthority ca,
            SealImageMaker images,
            SealStructureMaker structures,
            CertificateStatusListener statusListener,
            Clock clock,
            Supplier<String> ids) {
        this.seals = seals;
        this.custody = custody;
        this.ca = ca;
        this.images = images;
        this.structures = structures;
        this.statusListener = statusListener;
        this.clock = clock;
        this.ids = ids;
    }

    /** Seal ids {@code S-} followed by 16 random upper-case hex digits. */
    public static Supplier<String> randomIds() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] bytes = new byte[8];
            random.nextBytes(bytes);
            return "S-" + HexFormat.of().withUpperCase().formatHex(bytes);
        };
    }

    public Seal apply(SealApplication application, String applicant, String reason) {
        SealTransition t = Seal.apply(
                ids.get(),
                application.organisation(),
                application.type(),
                application.kindName(),
                application.name(),
                application.validity(),
                applicant,
                reason,
                clock.instant());
        seals.insert(t.seal());
        return t.seal();
    }

    public Seal find(String id) {
        return seals.find(id).orElseThrow(() -> new SealNotFoundException(id));
    }

    public List<Seal> search(Optional<String> organisationUscc, Optional<SealType> type, Optional<SealState> state) {
        var now = clock.instant();
        return seals.search(organisationUscc, type).stream()
                .filter(s -> state.isEmpty() || s.stateAt(now) == state.get())
                .toList();
    }

    public Seal approve(String id, String actor, String reason) {
        return store(find(id).approve(actor, reason, clock.instant()));
    }

    public Seal reject(String id, String actor, String reason) {
        return store(find(id).reject(actor, reason, clock.instant()));
    }

    /**
     * Chooses the seal's impression from the image library (an uploaded or generated image) while the seal is
     * APPROVED, before it is made: the image goes into the SESeal and onto every signed document.
     */
    public Seal attachImage(String id, String imageId, String actor, String reason) {
        Seal seal = find(id);
        Seal changed = seal.withImage(imageId);
        if (!images.usable(imageId)) {
            throw new SealValidationException(
                    "imageId",
                    "image " + imageId + " is not in the seal image library as a "
                            + "PNG or a generated SVG; upload or generate it at /api/v1/seal-images first");
        }
        return seals.update(
                changed,
                Optional.of(new SealEvent(
                        SealEventType.IMAGE_ATTACHED,
                        seal.state(),
                        seal.state(),
                        actor,
                        (reason == null || reason.isBlank() ? "" : reason + "; ") + "image " + imageId,
                        clock.instant())));
    }

    /** Makes the seal: keys, certificates, image, SESeal. Safe to retry after any failure. */
    public Seal make(String id, String actor, String reason) {
        Seal seal = find(id);
        seal.requireMakeable(clock.instant());
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            String keyId = keyId(seal.id(), algorithm);
            GeneratedKey key = custody.find(keyId).orElseGet(() -> generate(keyId, algorithm));
            SealCertificate certificate = seal.certificate(algorithm).orElse(null);
            if (certificate == null || !certificate.keyId().equals(keyId)) {
                certificate = ca.issue(seal, key);
                seal = seals.update(seal.withCertificate(certificate), Optional.empty());
            }
            custody.attachCertificateChain(keyId, certificate.chain());
        }
        if (seal.imageId().isEmpty()) {
            seal = seals.update(seal.withImage(images.makeDefaultImage(seal)), Optional.empty());
        }
        byte[] png = images.png(seal.imageId().orElseThrow())
                .orElseThrow(() -> new IllegalStateException("the image library has lost the seal's image"));
        Optional<byte[]> seseal = structures.make(seal, png);
        return store(seal.made(seseal, actor, reason, clock.instant()));
    }

    public Seal issue(String id, String actor, String reason) {
        return store(find(id).issue(actor, reason, clock.instant()));
    }

    public Seal suspend(String id, String actor, String reason) {
        return storeAndPublish(find(id).suspend(actor, reason, clock.instant()));
    }

    public Seal reinstate(String id, String actor, String reason) {
        return storeAndPublish(find(id).reinstate(actor, reason, clock.instant()));
    }

    public Seal revoke(String id, RevocationReason crlReason, String actor, String reason) {
        return storeAndPublish(find(id).revoke(crlReason, actor, reason, clock.instant()));
    }

    /** Destroys the seal's keys in custody, then records the destruction. Safe to retry. */
    public Seal destroy(String id, String actor, String reason) {
        Seal seal = find(id);
        seal.requireDestroyable(clock.instant());
        for (SealCertificate certificate : seal.certificates()) {
            custody.destroy(certificate.keyId());
        }
        return storeAndPublish(seal.destroy(actor, reason, clock.instant()));
    }

    /** The custody id of a seal's key: lower case, as PKCS#12 aliases are case-insensitive. */
    public static String keyId(String sealId, SignatureAlgorithm algorithm) {
        String suffix = algorithm == SignatureAlgorithm.SM2_SM3 ? "sm2" : "ecdsa";
        return "seal-" + sealId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-") + "-" + suffix;
    }

    private GeneratedKey generate(String keyId, SignatureAlgorithm algorithm) {
        try {
            return custody.generate(keyId, algorithm);
        } catch (KeyCustodyException e) {
            // another attempt generated it meanwhile
            return custody.find(keyId).orElseThrow(() -> e);
        }
    }

    private Seal store(SealTransition transition) {
        return seals.update(transition.seal(), Optional.of(transition.event()));
    }

    private Seal storeAndPublish(SealTransition transition) {
        Seal stored = store(transition);
        statusListener.statusChanged(stored);
        return stored;
    }
}
