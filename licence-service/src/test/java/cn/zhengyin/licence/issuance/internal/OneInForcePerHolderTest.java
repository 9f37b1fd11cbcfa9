package cn.zhengyin.licence.issuance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.licence.authority.IssuingAuthority;
import cn.zhengyin.licence.issuance.HolderHoldings;
import cn.zhengyin.licence.issuance.IdempotencyGuard;
import cn.zhengyin.licence.issuance.IssuanceException;
import cn.zhengyin.licence.issuance.IssueLicenceCommand;
import cn.zhengyin.licence.issuance.LicenceIssuer;
import cn.zhengyin.licence.issuance.VersionProducer;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.licencetype.LicenceTypeFixture;
import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceEvent;
import cn.zhengyin.licence.registry.LicenceStatus;
import cn.zhengyin.licence.registry.PublicLinks;
import cn.zhengyin.licence.registry.internal.MongoLicenceFileStore;
import cn.zhengyin.licence.registry.internal.MongoLicenceRegistry;
import cn.zhengyin.licence.rendition.LicencePdfRenderer;
import cn.zhengyin.licence.rendition.LicenceXmlRenderer;
import cn.zhengyin.licence.sealing.LicenceSealer;
import cn.zhengyin.licence.transparency.LicenceEventLog;
import cn.zhengyin.service.store.EmbeddedMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #15: a licence type whose descriptor says {@code oneInForcePerHolder} (营业执照) issues one licence in force per
 * holder code. Runs the issuer on the real MongoDB adapters on an embedded store; the seal service is a pass-through.
 */
class OneInForcePerHolderTest {
    private static final String CLIENT = "approval-demo";
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static EmbeddedMongoServer server;
    private static MongoClient mongo;
    private static LicencePdfRenderer renderer;
    private static LicenceType businessLicence;

    private MongoDatabase db;
    private MongoLicenceRegistry registry;
    private LicenceIssuer issuer;

    @BeforeAll
    static void startStore() {
        server = EmbeddedMongoServer.inMemory();
        mongo = MongoClients.create(server.connectionString());
        renderer = new LicencePdfRenderer();
        // the shipped business licence: its type.json switches the rule on
        businessLicence = LicenceTypeFixture.businessLicence();
        assertThat(businessLicence.descriptor().oneInForcePerHolder()).isTrue();
    }

    @AfterAll
    static void stopStore() {
        renderer.close();
        mongo.close();
        server.close();
    }

    @BeforeEach
    void newIssuer() {
        db = mongo.getDatabase("one_in_force_" + System.nanoTime());
        IssuingAuthority authority = new IssuingAuthority(
                "示范市青禾区市场监督管理局",
                businessLicence.sample().issuerCode(),
                "ZYDEV-SEAL-0001",
                Set.of(businessLicence.typeCode()));
        LicenceSealer sealer = (pdf, request) -> pdf;
        registry = new MongoLicenceRegistry(db, CLOCK);
        VersionProducer versions = new VersionProducer(
                renderer,
                sealer,
                new LicenceXmlRenderer(),
                (document, sealId, identifier, at) -> "<licence/>".getBytes(StandardCharsets.UTF_8),
                new cn.zhengyin.licence.rendition.LicenceOfdRenderer(),
                (ofd, sealId, identifier, stamp, at) -> ofd,
                new MongoLicenceFileStore(db),
                registry,
                new PublicLinks(URI.create("https://zhengyin.example.cn")));
        issuer = new LicenceIssuer(
                new LicenceTypeCatalogue(List.of(businessLicence)),
                client -> CLIENT.equals(client) ? Optional.of(authority) : Optional.empty(),
                registry,
                new MongoSerialNumberSource(db),
                new IdempotencyGuard(new MongoIdempotencyStore(db), CLOCK),
                versions,
                CLOCK,
                LicenceEventLog.NONE,
                failure -> {},
                new MongoHolderHoldings(db));
    }

    private static IssueLicenceCommand command(String key) {
        Map<String, Object> fields = new HashMap<>(businessLicence.sample().fieldValues());
        fields.remove("registrationAuthority");
        fields.remove("issueDate");
        return new IssueLicenceCommand(CLIENT, "business-licence", "ONE-1", fields, Optional.ofNullable(key));
    }

    private void revoke(Licence licence) {
        assertThat(registry.changeStatus(
                        licence.root(),
                        licence.revision(),
                        LicenceStatus.VALID,
                        LicenceStatus.REVOKED,
                        new LicenceEvent("REVOKED", 1, CLIENT, "吊销", "ONE-2", NOW)))
                .isTrue();
    }

    @Test
    void aSecondIssuanceForTheHolderIsRefusedNamingTheFirstUntilTheFirstIsRevoked() {
        LicenceIssuer.IssuedLicence first = issuer.issue(command("first"));

        assertThatThrownBy(() -> issuer.issue(command("second")))
                .isInstanceOfSatisfying(IssuanceException.HolderHasLicence.class, e -> {
                    assertThat(e.existing()).isEqualTo(first.licence().currentIdentifier());
                    assertThat(e.getMessage())
                            .contains(first.licence().currentIdentifier())
                            .contains(first.licence().holderCode());
                });
        // the refused request did not take its key: once the first is revoked, the same key issues
        revoke(registry.findLicence(first.licence().root()).orElseThrow());
        LicenceIssuer.IssuedLicence second = issuer.issue(command("second"));

        assertThat(second.replayed()).isFalse();
        assertThat(second.licence().root()).isNotEqualTo(first.licence().root());
        assertThat(second.licence().holderCode()).isEqualTo(first.licence().holderCode());
    }

    @Test
    void aRetryWithTheSameKeyAnswersTheOriginalLicence() {
        LicenceIssuer.IssuedLicence first = issuer.issue(command("retry"));

        LicenceIssuer.IssuedLicence again = issuer.issue(command("retry"));

        assertThat(again.replayed()).isTrue();
        assertThat(again.licence().root()).isEqualTo(first.licence().root());
    }

    @Test
    void aStaleClaimWhoseLicenceWasNeverStoredDoesNotBlockTheHolder() {
        String holder = (String) businessLicence.sample().fieldValues().get("uscc");
        String id = businessLicence.typeCode() + ":" + holder;
        String neverStored = "never-stored-root";
        new MongoHolderHoldings(db)
                .insert(new HolderHoldings.Holding(
                        id, CLIENT + "\u0000crashed", Optional.of(neverStored), NOW.minus(Duration.ofMinutes(3))));

        LicenceIssuer.IssuedLicence issued = issuer.issue(command("after-crash"));

        assertThat(issued.licence().holderCode()).isEqualTo(holder);
        assertThat(new MongoHolderHoldings(db).find(id).orElseThrow().licence())
                .contains(issued.licence().root());
    }

    @Test
    void ofConcurrentIssuancesForOneHolderExactlyOneSucceeds() throws Exception {
        int requests = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<LicenceIssuer.IssuedLicence>> results = new java.util.ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String key = "race-" + i;
                Callable<LicenceIssuer.IssuedLicence> issue = () -> {
                    start.await();
                    return issuer.issue(command(key));
                };
                results.add(pool.submit(issue));
            }
            start.countDown();
            int issued = 0;
            int refused = 0;
            for (Future<LicenceIssuer.IssuedLicence> result : results) {
                try {
                    result.get(60, TimeUnit.SECONDS);
                    issued++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(IssuanceException.HolderHasLicence.class);
                    refused++;
                }
            }
            assertThat(issued).isEqualTo(1);
            assertThat(refused).isEqualTo(requests - 1);
            assertThat(db.getCollection("licences").countDocuments()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
