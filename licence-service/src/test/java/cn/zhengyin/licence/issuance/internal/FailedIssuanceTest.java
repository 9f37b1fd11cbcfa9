package cn.zhengyin.licence.issuance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.licence.authority.IssuingAuthority;
import cn.zhengyin.licence.issuance.FailedIssuances;
import cn.zhengyin.licence.issuance.IdempotencyGuard;
import cn.zhengyin.licence.issuance.IssuanceException;
import cn.zhengyin.licence.issuance.IssueLicenceCommand;
import cn.zhengyin.licence.issuance.LicenceIssuer;
import cn.zhengyin.licence.issuance.VersionProducer;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.licencetype.LicenceTypeFixture;
import cn.zhengyin.licence.registry.PublicLinks;
import cn.zhengyin.licence.registry.internal.MongoLicenceFileStore;
import cn.zhengyin.licence.registry.internal.MongoLicenceRegistry;
import cn.zhengyin.licence.rendition.LicencePdfRenderer;
import cn.zhengyin.licence.rendition.LicenceXmlRenderer;
import cn.zhengyin.licence.sealing.JointSealing;
import cn.zhengyin.licence.sealing.LicenceSealer;
import cn.zhengyin.licence.transparency.LicenceEventLog;
import cn.zhengyin.service.store.EmbeddedMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #14 finding 4: a request that fails must not burn a serial number, hold its Idempotency-Key or go unrecorded.
 * The issuer runs on the real MongoDB adapters (serial counters, idempotency records, registry, files) on an embedded
 * store; only the seal service is replaced, by a sealer that fails as often as a test asks.
 */
class FailedIssuanceTest {
    private static final String CLIENT = "approval-demo";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T02:00:00Z"), ZoneOffset.UTC);

    private static EmbeddedMongoServer server;
    private static MongoClient mongo;
    private static LicencePdfRenderer renderer;
    private static LicenceType businessLicence;

    private MongoDatabase db;
    private final AtomicInteger sealingFailuresToCome = new AtomicInteger();
    private LicenceIssuer issuer;
    private final List<FailedIssuances.FailedIssuance> reported = new ArrayList<>();

    @BeforeAll
    static void startStore() {
        server = EmbeddedMongoServer.inMemory();
        mongo = MongoClients.create(server.connectionString());
        renderer = new LicencePdfRenderer();
        businessLicence = LicenceTypeFixture.businessLicence();
    }

    @AfterAll
    static void stopStore() {
        mongo.close();
        server.close();
    }

    @BeforeEach
    void newIssuer() {
        db = mongo.getDatabase("failed_issuance_" + System.nanoTime());
        IssuingAuthority authority = new IssuingAuthority(
                "示范市青禾区市场监督管理局",
                businessLicence.sample().issuerCode(),
                "ZYDEV-SEAL-0001",
                Set.of(businessLicence.typeCode()));
        LicenceSealer sealer = (pdf, request) -> {
            if (sealingFailuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new LicenceSealer.SealingFailedException("the seal service is unavailable", true, null);
            }
            return pdf;
        };
        MongoLicenceRegistry registry = new MongoLicenceRegistry(db, CLOCK);
        VersionProducer versions = new VersionProducer(
                renderer,
                sealer,
                new LicenceXmlRenderer(),
                (document, sealId, identifier, at) -> "<licence/>".getBytes(StandardCharsets.UTF_8),
                new cn.zhengyin.licence.rendition.LicenceOfdRenderer(),
                (ofd, sealId, identifier, stamp, at) -> ofd,
                new MongoLicenceFileStore(db),
                registry,
                new PublicLinks(URI.create("https://zhengyin.example.cn")),
                JointSealing.ONE_AFTER_ANOTHER);
        issuer = new LicenceIssuer(
                new LicenceTypeCatalogue(List.of(businessLicence)),
                client -> CLIENT.equals(client) ? Optional.of(authority) : Optional.empty(),
                registry,
                new MongoSerialNumberSource(db),
                new IdempotencyGuard(new MongoIdempotencyStore(db), CLOCK),
                versions,
                CLOCK,
                LicenceEventLog.NONE,
                reported::add,
                new MongoHolderHoldings(db));
    }

    private static IssueLicenceCommand command(String holderName, String key) {
        Map<String, Object> fields = new HashMap<>(businessLicence.sample().fieldValues());
        fields.put("name", holderName);
        fields.remove("registrationAuthority");
        fields.remove("issueDate");
        return new IssueLicenceCommand(CLIENT, "business-licence", "FAIL-1", fields, Optional.ofNullable(key));
    }

    private long serialsTaken() {
        Document counter = db.getCollection("counters").find().first();
        return counter == null ? 0 : ((Number) counter.get("value")).longValue();
    }

    @Test
    void aCharacterNoFontHasIsRefusedBeforeASerialIsTakenAndTheKeyStaysFree() {
        String key = "glyph-" + System.nanoTime();

        assertThatThrownBy(() -> issuer.issue(command("示范𰀀科技有限公司", key))) // U+30000, Extension G
                .isInstanceOfSatisfying(
                        IssuanceException.InvalidFields.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("name");
                            assertThat(v.message()).contains("U+30000");
                        }));
        assertThat(serialsTaken()).as("no serial burnt").isZero();
        assertThat(db.getCollection("idempotency_records").countDocuments())
                .as("the key was never claimed")
                .isZero();
        assertThat(reported).singleElement().satisfies(failure -> {
            assertThat(failure.identifier()).isEmpty();
            assertThat(failure.denied()).isFalse();
            assertThat(failure.reason()).as("the field, not its value").isEqualTo("InvalidFields: name");
            assertThat(failure.caseNumber()).isEqualTo("FAIL-1");
        });

        // the same key carries the corrected request at once, and it gets the first serial
        LicenceIssuer.IssuedLicence issued = issuer.issue(command("示范𪚥科技有限公司", key));
        assertThat(issued.replayed()).isFalse();
        assertThat(issued.version().identifier()).contains(".20260000001.001.");
        assertThat(issued.version().holderName()).isEqualTo("示范𪚥科技有限公司");
        assertThat(serialsTaken()).isEqualTo(1);
    }

    @Test
    void aSealingFailureReleasesTheKeyAndTheRetryFinishesTheSameLicenceWithoutAnotherSerial() {
        String key = "seal-" + System.nanoTime();
        sealingFailuresToCome.set(1);

        assertThatThrownBy(() -> issuer.issue(command("示范市青禾数字科技有限公司", key)))
                .isInstanceOf(LicenceSealer.SealingFailedException.class);
        assertThat(serialsTaken()).isEqualTo(1);
        assertThat(reported).singleElement().satisfies(failure -> {
            assertThat(failure.identifier())
                    .hasValueSatisfying(id -> assertThat(id).contains(".20260000001.001."));
            assertThat(failure.reason()).startsWith("SealingFailedException: the seal service is unavailable");
        });

        // no 409 "in progress" for the lease's 30 seconds: the retry runs now and keeps the identifier it was given
        LicenceIssuer.IssuedLicence issued = issuer.issue(command("示范市青禾数字科技有限公司", key));
        assertThat(issued.version().identifier()).contains(".20260000001.001.");
        assertThat(serialsTaken()).as("the retry took no second serial").isEqualTo(1);
    }

    @Test
    void controlAndInvisibleCharactersAreRefusedNamingTheFieldAndCodePoint() {
        List<String> refused = new ArrayList<>();
        for (String name : List.of("示范\u0000科技", "示范\n科技", "示范\u202E科技", "示范\u200B科技", "示范\uD840科技")) {
            assertThatThrownBy(() -> issuer.issue(command(name, null)))
                    .isInstanceOfSatisfying(
                            IssuanceException.InvalidFields.class,
                            e -> refused.add(e.violations().getFirst().message()));
        }
        assertThat(refused)
                .zipSatisfy(
                        List.of("U+0000", "U+000A", "U+202E", "U+200B", "U+D840"),
                        (message, codePoint) ->
                                assertThat(message).contains(codePoint).contains("'name'"));
        assertThat(serialsTaken()).isZero();
    }

    @Test
    void aFailureWithoutAKeyReportsTheIdentifierItTookSoTheGapInTheSerialsIsAccountedFor() {
        sealingFailuresToCome.set(1);
        assertThatThrownBy(() -> issuer.issue(command("示范市青禾数字科技有限公司", null)))
                .isInstanceOf(LicenceSealer.SealingFailedException.class);
        LicenceIssuer.IssuedLicence next = issuer.issue(command("示范市青禾数字科技有限公司", null));

        assertThat(next.version().identifier()).contains(".20260000002.001.");
        assertThat(reported)
                .singleElement()
                .satisfies(failure -> assertThat(failure.identifier())
                        .hasValueSatisfying(id -> assertThat(id).contains(".20260000001.001.")));
    }

    @Test
    void aCaseNumberWithAControlCharacterIsRefusedBeforeASerialIsTaken() {
        IssueLicenceCommand valid = command("示范市青禾数字科技有限公司", null);
        IssueLicenceCommand bad = new IssueLicenceCommand(
                valid.client(), valid.licenceType(), "FAIL-\u0007", valid.fields(), Optional.empty());
        assertThatThrownBy(() -> issuer.issue(bad))
                .isInstanceOfSatisfying(
                        IssuanceException.InvalidFields.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("caseNumber");
                            assertThat(v.message()).contains("U+0007");
                        }));
        assertThat(serialsTaken()).isZero();
    }
}
