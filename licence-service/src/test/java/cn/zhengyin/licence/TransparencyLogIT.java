package cn.zhengyin.licence;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.translog.ConsistencyProof;
import cn.zhengyin.trust.translog.HashValue;
import cn.zhengyin.trust.translog.InMemoryLeafHashes;
import cn.zhengyin.trust.translog.InclusionProof;
import cn.zhengyin.trust.translog.LogEntry;
import cn.zhengyin.trust.translog.MerkleHashing;
import cn.zhengyin.trust.translog.MerkleTree;
import cn.zhengyin.trust.translog.SignedTreeHead;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The transparency log through the API: issuance, amendment and suspension each append a leaf; each version's
 * inclusion proofs verify against the signed tree head (signed with keys-dev/translog.p12); consistency proofs link
 * tree heads; the verification report carries the proofs; a leaf changed or removed in the store is detected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransparencyLogIT {
    private static final String HOLDER_NAME = "示范市透明日志科技有限公司";
    private static final String HOLDER_CODE = Holders.uniqueUscc();
    private static final String ISSUE =
            """
            {"licenceType": "business-licence", "caseNumber": "XF-2026-TL-1", "fields": {
              "uscc": "%s", "licenceNumber": "99010000202611218888",
              "name": "%s", "entityType": "有限责任公司（自然人投资或控股）",
              "legalRepresentative": "林晓峰", "businessScope": "软件开发。", "registeredCapital": 500,
              "establishedDate": "2019-03-12", "operatingFrom": "2019-03-12", "address": "示范市青禾区科创大道88号"}}
            """.formatted("%s", HOLDER_NAME); // the code: one per licence (a company holds one 营业执照)
    private TwoServices services;
    private String token;
    private X509Certificate logCertificate;
    private MongoCollection<Document> leaves;

    @BeforeAll
    void start() throws IOException {
        services = TwoServices.shared();
        token = services.token("approval-demo", "approval-demo-secret", "licence:issue licence:status licence:read");
        logCertificate = Pem.parseCertificates(Files.readAllBytes(TwoServices.KEYS.resolve("translog.crt.pem")))
                .getFirst();
        leaves = services.licence.getBean(MongoDatabase.class).getCollection("translog_leaves");
    }

    @Test
    void everyVersionIsProvablyInTheLogAndTheLogOnlyGrows() {
        SignedTreeHead before = treeHead();
        String id1 = body(post("/api/v1/licences", ISSUE.formatted(HOLDER_CODE), null), 201)
                .get("identifier")
                .asString();
        SignedTreeHead afterIssue = treeHead();
        String id2 = body(
                        post(
                                "/api/v1/licences/" + id1 + "/amendments",
                                "{\"caseNumber\":\"XF-2026-TL-2\",\"reason\":\"住所变更\",\"fields\":{\"address\":\"示范市新港路1号\"}}",
                                "amend-" + UUID.randomUUID()),
                        201)
                .get("identifier")
                .asString();
        assertThat(status(post("/api/v1/licences/" + id1 + "/suspension", "{\"reason\":\"责令整改\"}", null)))
                .isEqualTo(200);
        SignedTreeHead after = treeHead();

        assertThat(afterIssue.treeSize()).isGreaterThanOrEqualTo(before.treeSize() + 1);
        assertThat(after.treeSize()).isGreaterThanOrEqualTo(afterIssue.treeSize() + 2);
        assertThat(after.verify(logCertificate)).isTrue();
        assertThat(publicGet("/api/v1/transparency/certificate").body())
                .contains(Pem.certificates(List.of(logCertificate)).strip());

        JsonNode evidence1 = body(publicGet("/api/v1/transparency/proofs/inclusion?identifier=" + id1), 200);
        JsonNode evidence2 = body(publicGet("/api/v1/transparency/proofs/inclusion?identifier=" + id2), 200);
        assertThat(evidence1.findValuesAsString("eventType")).containsExactly("ISSUED");
        assertThat(evidence2.findValuesAsString("eventType")).containsExactly("AMENDED", "SUSPENDED");
        for (JsonNode evidence : List.of(evidence1, evidence2)) {
            assertThat(evidence.toString()).doesNotContain(HOLDER_NAME, HOLDER_CODE);
            SignedTreeHead head = treeHead(evidence.get("treeHead"));
            assertThat(head.verify(logCertificate)).isTrue();
            for (JsonNode inclusion : evidence.get("inclusions")) {
                assertThat(inclusion(inclusion.get("proof"))
                                .verify(entry(inclusion.get("entry")).leafHash(), head.rootHash()))
                        .as(inclusion.toString())
                        .isTrue();
            }
        }
        // The same proof through the index form of the endpoint, against an older tree head.
        long leafIndex =
                evidence1.get("inclusions").get(0).get("entry").get("index").asLong();
        InclusionProof inOlder = inclusion(body(
                publicGet("/api/v1/transparency/proofs/inclusion?leafIndex=" + leafIndex + "&treeSize="
                        + afterIssue.treeSize()),
                200));
        LogEntry issued = entry(body(publicGet("/api/v1/transparency/entries/" + leafIndex), 200));
        assertThat(inOlder.verify(issued.leafHash(), afterIssue.rootHash())).isTrue();

        for (SignedTreeHead older : List.of(before, afterIssue)) {
            ConsistencyProof consistency = consistency(older.treeSize(), after.treeSize());
            assertThat(consistency.verify(older.rootHash(), after.rootHash())).isTrue();
            assertThat(consistency.verify(MerkleHashing.leafHash(new byte[] {1}), after.rootHash()))
                    .isFalse();
        }
        assertThat(auditRoot(after.treeSize())).isEqualTo(after.rootHash());
    }

    @Test
    void theVerificationReportCarriesTheInclusionProofOfTheVerifiedVersion() {
        JsonNode issued = body(post("/api/v1/licences", ISSUE.formatted(Holders.uniqueUscc()), null), 201);
        String id = issued.get("identifier").asString();
        byte[] pdf = services.sendForBytes(
                        HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + id + "/pdf"))
                                .header("Authorization", "Bearer " + token)
                                .GET()
                                .build())
                .body();
        JsonNode report = TwoServices.json(
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/verifications"))
                                .header("Content-Type", "application/pdf")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf))
                                .build())
                        .body());
        assertThat(report.get("indication").asString()).isEqualTo("TOTAL_PASSED");
        JsonNode transparency = report.get("transparency");
        assertThat(transparency.get("identifier").asString()).isEqualTo(id);
        SignedTreeHead head = treeHead(transparency.get("treeHead"));
        assertThat(head.verify(logCertificate)).isTrue();
        JsonNode inclusion = transparency.get("inclusions").get(0);
        LogEntry entry = entry(inclusion.get("entry"));
        assertThat(entry.eventType()).isEqualTo("ISSUED");
        assertThat(entry.documents())
                .extracting(d -> d.sha256().hex())
                .contains(issued.get("renditions").get("PDF").get("sha256").asString());
        assertThat(inclusion(inclusion.get("proof")).verify(entry.leafHash(), head.rootHash()))
                .isTrue();
    }

    @Test
    void aLeafChangedInTheStoreFailsItsInclusionProofAndTheAudit() {
        String id = body(post("/api/v1/licences", ISSUE.formatted(Holders.uniqueUscc()), null), 201)
                .get("identifier")
                .asString();
        SignedTreeHead signed = treeHead();
        Document original = leaves.find(and(eq("identifier", id), eq("eventType", "ISSUED")))
                .first();
        try {
            leaves.updateOne(eq("_id", original.get("_id")), Updates.set("documents.0.sha256", "00".repeat(32)));
            JsonNode evidence = body(publicGet("/api/v1/transparency/proofs/inclusion?identifier=" + id), 200);
            JsonNode inclusion = evidence.get("inclusions").get(0);
            LogEntry tampered = entry(inclusion.get("entry"));
            assertThat(tampered.documents().getFirst().sha256().hex()).isEqualTo("00".repeat(32));
            assertThat(inclusion(inclusion.get("proof"))
                            .verify(
                                    tampered.leafHash(),
                                    treeHead(evidence.get("treeHead")).rootHash()))
                    .isFalse();
            assertThat(inclusion(inclusion.get("proof")).verify(tampered.leafHash(), signed.rootHash()))
                    .isFalse();
            assertThat(auditRoot(signed.treeSize())).isNotEqualTo(signed.rootHash());
        } finally {
            leaves.replaceOne(eq("_id", original.get("_id")), original);
        }
        assertThat(auditRoot(signed.treeSize())).isEqualTo(signed.rootHash());
    }

    @Test
    void aLeafRemovedFromTheStoreIsDetected() {
        String id = body(post("/api/v1/licences", ISSUE.formatted(Holders.uniqueUscc()), null), 201)
                .get("identifier")
                .asString();
        SignedTreeHead signed = treeHead();
        Document original = leaves.find(and(eq("identifier", id), eq("eventType", "ISSUED")))
                .first();
        long index = ((Number) original.get("_id")).longValue();
        try {
            leaves.deleteOne(eq("_id", index));
            // The log committed to the leaf in a signed tree head but can no longer show it: the version is not
            // provable.
            assertThat(status(publicGet("/api/v1/transparency/entries/" + index)))
                    .isEqualTo(404);
            assertThat(status(publicGet("/api/v1/transparency/proofs/inclusion?identifier=" + id)))
                    .isEqualTo(404);
            // An auditor replaying the entries of a signed tree head finds the gap.
            assertThat(auditLeaves(signed.treeSize())).hasSizeLessThan((int) signed.treeSize());
            // A log rewritten without the leaf (later leaves moved down) no longer matches the signed root.
            List<HashValue> rewritten = auditLeaves(signed.treeSize());
            assertThat(MerkleTree.root(new InMemoryLeafHashes(rewritten), rewritten.size()))
                    .isNotEqualTo(signed.rootHash());
        } finally {
            leaves.insertOne(original);
        }
        assertThat(auditRoot(signed.treeSize())).isEqualTo(signed.rootHash());
    }

    /** The leaf hashes an auditor recomputes from the public entries below {@code size} (missing ones skipped). */
    private List<HashValue> auditLeaves(long size) {
        List<HashValue> hashes = new ArrayList<>();
        for (long i = 0; i < size; i++) {
            HttpResponse<String> response = publicGet("/api/v1/transparency/entries/" + i);
            if (response.statusCode() == 200) {
                hashes.add(entry(TwoServices.json(response.body())).leafHash());
            }
        }
        return hashes;
    }

    private HashValue auditRoot(long size) {
        List<HashValue> hashes = auditLeaves(size);
        return MerkleTree.root(new InMemoryLeafHashes(hashes), hashes.size());
    }

    private SignedTreeHead treeHead() {
        return treeHead(body(publicGet("/api/v1/transparency/tree-head"), 200));
    }

    private ConsistencyProof consistency(long first, long second) {
        JsonNode json =
                body(publicGet("/api/v1/transparency/proofs/consistency?first=" + first + "&second=" + second), 200);
        List<HashValue> path = new ArrayList<>();
        json.get("path").forEach(h -> path.add(HashValue.fromHex(h.asString())));
        return new ConsistencyProof(
                json.get("firstSize").asLong(), json.get("secondSize").asLong(), path);
    }

    private static SignedTreeHead treeHead(JsonNode json) {
        return new SignedTreeHead(
                json.get("treeSize").asLong(),
                HashValue.fromHex(json.get("rootHash").asString()),
                Instant.parse(json.get("timestamp").asString()),
                Base64.getDecoder().decode(json.get("signature").asString()));
    }

    private static InclusionProof inclusion(JsonNode json) {
        List<HashValue> path = new ArrayList<>();
        json.get("auditPath").forEach(h -> path.add(HashValue.fromHex(h.asString())));
        return new InclusionProof(
                json.get("leafIndex").asLong(), json.get("treeSize").asLong(), path);
    }

    private static LogEntry entry(JsonNode json) {
        List<LogEntry.DocumentHash> documents = new ArrayList<>();
        json.get("documents")
                .forEach(d -> documents.add(new LogEntry.DocumentHash(
                        d.get("kind").asString(),
                        HashValue.fromHex(d.get("sha256").asString()))));
        return new LogEntry(
                json.get("identifier").asString(),
                json.get("version").asInt(),
                json.get("eventType").asString(),
                documents,
                Instant.parse(json.get("time").asString()));
    }

    private HttpResponse<String> publicGet(String path) {
        return services.send(
                HttpRequest.newBuilder(services.licenceUrl.resolve(path)).GET().build());
    }

    private HttpResponse<String> post(String path, String json, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(services.licenceUrl.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return services.send(b.build());
    }

    private static JsonNode body(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return TwoServices.json(response.body());
    }

    private static int status(HttpResponse<String> response) {
        return response.statusCode();
    }
}
