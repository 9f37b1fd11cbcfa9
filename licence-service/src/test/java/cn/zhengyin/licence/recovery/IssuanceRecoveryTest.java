package cn.zhengyin.licence.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceEvent;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceStatus;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.transparency.LicenceEventLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IssuanceRecoveryTest {
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private final FakeRegistry registry = new FakeRegistry();
    private final List<String> logged = new ArrayList<>();
    private final LicenceEventLog log = (v, type, at) -> {
        logged.add(type + " " + v.identifier());
        return logged.size();
    };
    private final IssuanceRecovery recovery =
            new IssuanceRecovery(registry, log, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    @Test
    void anOldFirstVersionWithoutHeadIsCompletedWithAnIssuedEventAndLogged() {
        LicenceVersion v = version("R1", 1, NOW.minusSeconds(600));
        registry.saveVersion(v);

        IssuanceRecovery.Outcome outcome = recovery.recover();

        assertThat(outcome.completed()).containsExactly(v.identifier());
        Licence head = registry.findLicence("R1").orElseThrow();
        assertThat(head.currentIdentifier()).isEqualTo(v.identifier());
        assertThat(head.status()).isEqualTo(LicenceStatus.VALID);
        assertThat(head.events()).extracting(LicenceEvent::type).containsExactly("ISSUED");
        assertThat(head.events().getFirst().at()).isEqualTo(v.createdAt());
        assertThat(logged).containsExactly("ISSUED " + v.identifier());
    }

    @Test
    void anOldLaterVersionTheHeadNeverReachedIsRolledBack() {
        LicenceVersion first = version("R2", 1, NOW.minusSeconds(3600));
        LicenceVersion second = version("R2", 2, NOW.minusSeconds(600));
        registry.saveVersion(first);
        registry.createLicence(head(first));
        registry.saveVersion(second);

        IssuanceRecovery.Outcome outcome = recovery.recover();

        assertThat(outcome.rolledBack()).containsExactly(second.identifier());
        assertThat(outcome.completed()).isEmpty();
        assertThat(registry.findVersion(second.identifier())).isEmpty();
        assertThat(registry.findVersion(first.identifier())).isPresent();
        assertThat(registry.findLicence("R2").orElseThrow().currentVersion()).isEqualTo(1);
    }

    @Test
    void recentUnfinishedVersionsAreLeftToTheRequestStillWorkingOnThem() {
        registry.saveVersion(version("R3", 1, NOW.minusSeconds(30)));

        IssuanceRecovery.Outcome outcome = recovery.recover();

        assertThat(outcome.completed()).isEmpty();
        assertThat(registry.findLicence("R3")).isEmpty();
    }

    @Test
    void finishedLicencesAreNotTouchedAndRecoveryIsIdempotent() {
        LicenceVersion v = version("R4", 1, NOW.minusSeconds(3600));
        registry.saveVersion(v);
        registry.createLicence(head(v));
        registry.saveVersion(version("R5", 1, NOW.minusSeconds(600)));

        assertThat(recovery.recover().completed()).hasSize(1);
        assertThat(recovery.recover().completed()).isEmpty();
        assertThat(logged).hasSize(1);
    }

    @Test
    void aGraceShorterThanTheIdempotencyLeaseIsRefused() {
        assertThatThrownBy(() -> new IssuanceRecovery(registry, log, Clock.systemUTC(), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT1M");
    }

    private static LicenceVersion version(String root, int n, Instant at) {
        String id = root + ".00" + n + ".2";
        return new LicenceVersion(
                id,
                root,
                n,
                "T",
                "Type",
                "ISS",
                "Issuer",
                "Holder",
                "HC",
                "01",
                LocalDate.of(2026, 11, 21),
                LocalDate.of(2026, 11, 21),
                Optional.empty(),
                Map.of("k", "v"),
                "CASE-1",
                "approval-demo",
                at,
                List.of(),
                n == 1 ? "ISSUE" : "AMEND",
                "fp");
    }

    private static Licence head(LicenceVersion v) {
        return new Licence(
                v.root(),
                v.typeCode(),
                v.issuerCode(),
                v.holderCode(),
                v.version(),
                v.identifier(),
                LicenceStatus.VALID,
                v.validFrom(),
                v.validUntil(),
                List.of(),
                0);
    }

    /** Same contract as MongoLicenceRegistry for the operations recovery uses. */
    private static final class FakeRegistry implements LicenceRegistry {
        @Override
        public List<Licence> findByHolderCodes(java.util.Collection<String> holderCodes) {
            return List.of();
        }

        private final Map<String, LicenceVersion> versions = new LinkedHashMap<>();
        private final Map<String, Licence> heads = new LinkedHashMap<>();

        @Override
        public boolean saveVersion(LicenceVersion v) {
            return versions.putIfAbsent(v.identifier(), v) == null;
        }

        @Override
        public boolean createLicence(Licence l) {
            return heads.putIfAbsent(l.root(), l) == null;
        }

        @Override
        public Optional<Licence> findLicence(String root) {
            return Optional.ofNullable(heads.get(root));
        }

        @Override
        public Optional<LicenceVersion> findVersion(String id) {
            return Optional.ofNullable(versions.get(id));
        }

        @Override
        public List<LicenceVersion> versions(String root) {
            return versions.values().stream().filter(v -> v.root().equals(root)).toList();
        }

        @Override
        public boolean moveToVersion(String root, long rev, LicenceVersion v, LicenceEvent e) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean changeStatus(String root, long rev, LicenceStatus f, LicenceStatus t, LicenceEvent e) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<LicenceVersion> unfinishedVersions(Instant olderThan) {
            return versions.values().stream()
                    .filter(v -> v.createdAt().isBefore(olderThan))
                    .filter(v ->
                            !heads.containsKey(v.root()) || heads.get(v.root()).currentVersion() < v.version())
                    .toList();
        }

        @Override
        public boolean deleteUnfinishedVersion(String id) {
            LicenceVersion v = versions.get(id);
            if (v == null || (heads.containsKey(v.root()) && heads.get(v.root()).currentVersion() >= v.version())) {
                return false;
            }
            return versions.remove(id) != null;
        }

        @Override
        public Optional<LicenceVersion> findVersionByFileSha256(String sha) {
            return Optional.empty();
        }

        @Override
        public boolean addRendition(String identifier, cn.zhengyin.licence.registry.Rendition rendition) {
            throw new UnsupportedOperationException("recovery adds no renditions");
        }

        @Override
        public List<String> versionIdentifiers(String afterExclusive, int limit) {
            throw new UnsupportedOperationException("recovery lists no versions");
        }
    }
}
