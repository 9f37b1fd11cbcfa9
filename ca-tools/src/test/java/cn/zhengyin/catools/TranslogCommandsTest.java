package cn.zhengyin.catools;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import cn.zhengyin.trust.translog.ConsistencyProof;
import cn.zhengyin.trust.translog.HashValue;
import cn.zhengyin.trust.translog.InMemoryLeafHashes;
import cn.zhengyin.trust.translog.InclusionProof;
import cn.zhengyin.trust.translog.LogEntry;
import cn.zhengyin.trust.translog.MerkleTree;
import cn.zhengyin.trust.translog.SignedTreeHead;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Offline checks of the transparency log's JSON files, signed with the dev PKI's translog key. */
class TranslogCommandsTest {
    private static final Path KEYS = Path.of("..", "keys-dev");
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static SigningKey logKey;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<LogEntry> entries = new ArrayList<>();
    private final InMemoryLeafHashes log = new InMemoryLeafHashes();

    @BeforeAll
    static void loadKey() {
        Providers.bouncyCastle();
        logKey = SoftwareKeyCustody.loadPkcs12(
                "translog", KEYS.resolve("translog.p12"), "zhengyin-dev".toCharArray(), "translog");
    }

    private int run(String... args) {
        return CaTools.run(Clock.fixed(NOW, ZoneOffset.UTC), new PrintWriter(out), new PrintWriter(err), args);
    }

    private void grow(int n) {
        for (int i = entries.size(); i < n; i++) {
            LogEntry e = new LogEntry(
                    "11100000XF0000001X001.11110100000000019Q.2026000000" + i + ".001.X",
                    1,
                    i % 3 == 0 ? "ISSUED" : "SUSPENDED",
                    List.of(new LogEntry.DocumentHash("PDF", HashValue.fromHex(String.format("%064x", i + 1)))),
                    NOW.plusSeconds(i));
            entries.add(e);
            log.append(e.leafHash());
        }
    }

    private Path write(Path file, ObjectNode json) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(json));
        return file;
    }

    private Path sth(Path file, long size) throws IOException {
        SignedTreeHead head = SignedTreeHead.sign(size, MerkleTree.root(log, size), NOW, logKey);
        return write(
                file,
                JSON.createObjectNode()
                        .put("treeSize", head.treeSize())
                        .put("rootHash", head.rootHash().hex())
                        .put("timestamp", head.timestamp().toString())
                        .put("signature", Base64.getEncoder().encodeToString(head.signature())));
    }

    private Path entry(Path file, long index, LogEntry e) throws IOException {
        ObjectNode json = JSON.createObjectNode()
                .put("index", index)
                .put("identifier", e.identifier())
                .put("version", e.version())
                .put("eventType", e.eventType())
                .put("time", e.time().toString());
        ArrayNode documents = json.putArray("documents");
        e.documents()
                .forEach(d -> documents
                        .addObject()
                        .put("kind", d.kind())
                        .put("sha256", d.sha256().hex()));
        return write(file, json);
    }

    private Path inclusion(Path file, InclusionProof p) throws IOException {
        ObjectNode json =
                JSON.createObjectNode().put("leafIndex", p.leafIndex()).put("treeSize", p.treeSize());
        ArrayNode path = json.putArray("auditPath");
        p.auditPath().forEach(h -> path.add(h.hex()));
        return write(file, json);
    }

    private Path consistency(Path file, ConsistencyProof p) throws IOException {
        ObjectNode json =
                JSON.createObjectNode().put("firstSize", p.firstSize()).put("secondSize", p.secondSize());
        ArrayNode path = json.putArray("path");
        p.path().forEach(h -> path.add(h.hex()));
        return write(file, json);
    }

    @Test
    void verifyInclusionAcceptsAGenuineEntryAndRejectsATamperedOne(@TempDir Path dir) throws IOException {
        grow(13);
        Path sth = sth(dir.resolve("sth.json"), 13);
        Path proof = inclusion(dir.resolve("proof.json"), MerkleTree.inclusionProof(log, 5, 13));
        Path entry = entry(dir.resolve("entry.json"), 5, entries.get(5));
        String cert = KEYS.resolve("translog.crt.pem").toString();

        assertThat(run(
                        "translog",
                        "verify-inclusion",
                        "--entry",
                        entry.toString(),
                        "--proof",
                        proof.toString(),
                        "--sth",
                        sth.toString(),
                        "--cert",
                        cert))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("OK: SUSPENDED of", "is leaf 5 of the log's tree of size 13");

        LogEntry e = entries.get(5);
        Path tampered = entry(
                dir.resolve("tampered.json"),
                5,
                new LogEntry(
                        e.identifier(),
                        e.version(),
                        e.eventType(),
                        List.of(new LogEntry.DocumentHash("PDF", HashValue.fromHex("ab".repeat(32)))),
                        e.time()));
        assertThat(run(
                        "translog",
                        "verify-inclusion",
                        "--entry",
                        tampered.toString(),
                        "--proof",
                        proof.toString(),
                        "--sth",
                        sth.toString(),
                        "--cert",
                        cert))
                .isEqualTo(1);
        assertThat(err.toString()).contains("NOT INCLUDED", "the entry or the log was altered");

        err.getBuffer().setLength(0);
        assertThat(run(
                        "translog",
                        "verify-inclusion",
                        "--entry",
                        entry.toString(),
                        "--proof",
                        proof.toString(),
                        "--sth",
                        sth.toString(),
                        "--cert",
                        KEYS.resolve("tsa.crt.pem").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("is not signed by");
    }

    @Test
    void verifyConsistencyAcceptsAnAppendOnlyLogAndRejectsARewrittenOne(@TempDir Path dir) throws IOException {
        grow(6);
        Path first = sth(dir.resolve("sth6.json"), 6);
        grow(11);
        Path second = sth(dir.resolve("sth11.json"), 11);
        Path proof = consistency(dir.resolve("consistency.json"), MerkleTree.consistencyProof(log, 6, 11));
        String cert = KEYS.resolve("translog.crt.pem").toString();
        assertThat(run(
                        "translog",
                        "verify-consistency",
                        "--proof",
                        proof.toString(),
                        "--first-sth",
                        first.toString(),
                        "--second-sth",
                        second.toString(),
                        "--cert",
                        cert))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("OK: the log's tree of size 11 extends its tree of size 6");

        log.replace(2, entries.get(3).leafHash()); // the log rewrites an old entry and signs the new tree
        Path rewritten = sth(dir.resolve("rewritten.json"), 11);
        Path rewrittenProof = consistency(dir.resolve("c2.json"), MerkleTree.consistencyProof(log, 6, 11));
        assertThat(run(
                        "translog",
                        "verify-consistency",
                        "--proof",
                        rewrittenProof.toString(),
                        "--first-sth",
                        first.toString(),
                        "--second-sth",
                        rewritten.toString(),
                        "--cert",
                        cert))
                .isEqualTo(1);
        assertThat(err.toString()).contains("NOT CONSISTENT");
    }
}
