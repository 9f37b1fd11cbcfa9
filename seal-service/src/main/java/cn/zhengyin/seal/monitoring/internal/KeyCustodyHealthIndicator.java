package cn.zhengyin.seal.monitoring.internal;

import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealCertificate;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.seal.lifecycle.SealState;
import cn.zhengyin.trust.crypto.KeyCustody;
import cn.zhengyin.trust.crypto.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Key custody by a test signature: for (at most {@code limit}) issued seals, in id order, each certificate's key is
 * asked for in custody, signs a fresh challenge and the signature is checked against the certificate. DOWN when any
 * key is missing, cannot sign or signs wrongly — the next signing request with that seal would be refused with
 * {@code key-unavailable}. The keys are used only through the custody, as for signing.
 */
final class KeyCustodyHealthIndicator implements HealthIndicator {
    private final SealRepository seals;
    private final KeyCustody custody;
    private final Clock clock;
    private final int limit;

    KeyCustodyHealthIndicator(SealRepository seals, KeyCustody custody, Clock clock, int limit) {
        this.seals = seals;
        this.custody = custody;
        this.clock = clock;
        this.limit = limit;
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        List<Seal> issued = seals.search(Optional.empty(), Optional.empty()).stream()
                .filter(s -> s.stateAt(now) == SealState.ISSUED)
                .sorted(Comparator.comparing(Seal::id))
                .toList();
        byte[] challenge = ("zhengyin key custody check " + now).getBytes(StandardCharsets.UTF_8);
        Map<String, String> keys = new LinkedHashMap<>();
        boolean allGood = true;
        for (Seal seal : issued.subList(0, Math.min(limit, issued.size()))) {
            for (SealCertificate certificate : seal.certificates()) {
                String name = seal.id() + "/" + SealWatches.algorithm(certificate);
                String result = check(certificate, challenge);
                allGood &= result.equals("signed");
                keys.put(name, result);
            }
        }
        Health.Builder health = allGood ? Health.up() : Health.down();
        return health.withDetail("issuedSeals", issued.size())
                .withDetail("checked", keys)
                .build();
    }

    private String check(SealCertificate certificate, byte[] challenge) {
        try {
            SigningKey key = custody.signingKey(certificate.keyId());
            byte[] signature = key.sign(challenge);
            Signature verifier = Signature.getInstance(certificate.algorithm().jcaName(), "BC");
            verifier.initVerify(certificate.certificate().getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature) ? "signed" : "the signature does not verify with the seal's certificate";
        } catch (GeneralSecurityException | RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
