package cn.zhengyin.catools;

import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.translog.ConsistencyProof;
import cn.zhengyin.trust.translog.HashValue;
import cn.zhengyin.trust.translog.InclusionProof;
import cn.zhengyin.trust.translog.LogEntry;
import cn.zhengyin.trust.translog.SignedTreeHead;
import cn.zhengyin.trust.translog.TransparencyLogException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the JSON files the licence service's transparency endpoints answer with (docs/transparency-log.md). */
final class TranslogFiles {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TranslogFiles() {}

    /** A proof that does not hold; exit code 1 with the message. */
    static final class NotVerified extends RuntimeException {
        NotVerified(String message) {
            super(message);
        }
    }

    static JsonNode read(Path file) throws IOException {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (JacksonException e) {
            throw new NotVerified(file + " is not JSON: " + e.getOriginalMessage());
        }
    }

    static X509Certificate certificate(Path pem) throws IOException {
        return Pem.parseCertificates(Files.readAllBytes(pem)).getFirst();
    }

    static SignedTreeHead treeHead(Path file) throws IOException {
        JsonNode json = read(file);
        return parse(
                file,
                () -> new SignedTreeHead(
                        number(json, "treeSize", file),
                        HashValue.fromHex(text(json, "rootHash", file)),
                        Instant.parse(text(json, "timestamp", file)),
                        Base64.getDecoder().decode(text(json, "signature", file))));
    }

    /** The entry and, if the file gives one, its leaf index. */
    record Entry(LogEntry entry, Long index) {}

    static Entry entry(Path file) throws IOException {
        JsonNode json = read(file);
        return parse(file, () -> {
            List<LogEntry.DocumentHash> documents = new ArrayList<>();
            for (JsonNode d : array(json, "documents", file)) {
                documents.add(
                        new LogEntry.DocumentHash(text(d, "kind", file), HashValue.fromHex(text(d, "sha256", file))));
            }
            LogEntry entry = new LogEntry(
                    text(json, "identifier", file),
                    (int) number(json, "version", file),
                    text(json, "eventType", file),
                    documents,
                    Instant.parse(text(json, "time", file)));
            return new Entry(entry, json.has("index") ? json.get("index").asLong() : null);
        });
    }

    static InclusionProof inclusionProof(Path file) throws IOException {
        JsonNode json = read(file);
        return parse(
                file,
                () -> new InclusionProof(
                        number(json, "leafIndex", file),
                        number(json, "treeSize", file),
                        hashes(array(json, "auditPath", file))));
    }

    static ConsistencyProof consistencyProof(Path file) throws IOException {
        JsonNode json = read(file);
        return parse(
                file,
                () -> new ConsistencyProof(
                        number(json, "firstSize", file),
                        number(json, "secondSize", file),
                        hashes(array(json, "path", file))));
    }

    private static List<HashValue> hashes(JsonNode array) {
        List<HashValue> hashes = new ArrayList<>();
        array.forEach(h -> hashes.add(HashValue.fromHex(h.asString())));
        return hashes;
    }

    private static <T> T parse(Path file, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (TransparencyLogException | DateTimeParseException | IllegalArgumentException e) {
            throw new NotVerified(file + " is malformed: " + e.getMessage());
        }
    }

    private static String text(JsonNode json, String field, Path file) {
        JsonNode value = json.get(field);
        if (value == null || !value.isString()) {
            throw new NotVerified(file + " has no text field '" + field + "'");
        }
        return value.asString();
    }

    private static long number(JsonNode json, String field, Path file) {
        JsonNode value = json.get(field);
        if (value == null || !value.isIntegralNumber()) {
            throw new NotVerified(file + " has no integer field '" + field + "'");
        }
        return value.asLong();
    }

    private static JsonNode array(JsonNode json, String field, Path file) {
        JsonNode value = json.get(field);
        if (value == null || !value.isArray()) {
            throw new NotVerified(file + " has no array field '" + field + "'");
        }
        return value;
    }
}
