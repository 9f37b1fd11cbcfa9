package cn.zhengyin.licence.transparency;

import cn.zhengyin.trust.translog.ConsistencyProof;
import cn.zhengyin.trust.translog.HashValue;
import cn.zhengyin.trust.translog.InclusionProof;
import cn.zhengyin.trust.translog.LogEntry;
import cn.zhengyin.trust.translog.SignedTreeHead;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** The JSON forms of the log's objects (hashes in lower-case hex, signatures in base64, times ISO-8601 UTC). */
public final class TransparencyViews {
    private TransparencyViews() {}

    /** A signed tree head: {@code sth.json} for ca-tools. */
    public record TreeHeadView(
            long treeSize, String rootHash, String timestamp, String signature, String signatureAlgorithm) {
        public static TreeHeadView of(SignedTreeHead sth) {
            return new TreeHeadView(
                    sth.treeSize(),
                    sth.rootHash().hex(),
                    sth.timestamp().toString(),
                    Base64.getEncoder().encodeToString(sth.signature()),
                    "SHA256withECDSA");
        }

        public SignedTreeHead toSignedTreeHead() {
            return new SignedTreeHead(
                    treeSize,
                    HashValue.fromHex(rootHash),
                    Instant.parse(timestamp),
                    Base64.getDecoder().decode(signature));
        }
    }

    /** One document hash of an entry. */
    public record DocumentView(String kind, String sha256) {}

    /** A log entry with its index: {@code entry.json} for ca-tools. {@code leafHash} is informative only. */
    public record EntryView(
            long index,
            String identifier,
            int version,
            String eventType,
            List<DocumentView> documents,
            String time,
            String leafHash) {
        public static EntryView of(long index, LogEntry entry) {
            return new EntryView(
                    index,
                    entry.identifier(),
                    entry.version(),
                    entry.eventType(),
                    entry.documents().stream()
                            .map(d -> new DocumentView(d.kind(), d.sha256().hex()))
                            .toList(),
                    entry.time().toString(),
                    entry.leafHash().hex());
        }

        public LogEntry toLogEntry() {
            return new LogEntry(
                    identifier,
                    version,
                    eventType,
                    documents.stream()
                            .map(d -> new LogEntry.DocumentHash(d.kind(), HashValue.fromHex(d.sha256())))
                            .toList(),
                    Instant.parse(time));
        }
    }

    /** An inclusion proof: {@code proof.json} for ca-tools. */
    public record InclusionProofView(long leafIndex, long treeSize, List<String> auditPath) {
        public static InclusionProofView of(InclusionProof proof) {
            return new InclusionProofView(
                    proof.leafIndex(),
                    proof.treeSize(),
                    proof.auditPath().stream().map(HashValue::hex).toList());
        }

        public InclusionProof toInclusionProof() {
            return new InclusionProof(
                    leafIndex,
                    treeSize,
                    auditPath.stream().map(HashValue::fromHex).toList());
        }
    }

    /** A consistency proof between two tree sizes. */
    public record ConsistencyProofView(long firstSize, long secondSize, List<String> path) {
        public static ConsistencyProofView of(ConsistencyProof proof) {
            return new ConsistencyProofView(
                    proof.firstSize(),
                    proof.secondSize(),
                    proof.path().stream().map(HashValue::hex).toList());
        }

        public ConsistencyProof toConsistencyProof() {
            return new ConsistencyProof(
                    firstSize, secondSize, path.stream().map(HashValue::fromHex).toList());
        }
    }

    /** One logged event of a licence version with its inclusion proof in the tree head it is answered with. */
    public record Inclusion(EntryView entry, InclusionProofView proof) {}

    /**
     * Every logged event of one licence version, each with an inclusion proof in {@code treeHead}: the
     * {@code transparency} section of a verification report and the answer of
     * {@code GET /api/v1/transparency/proofs/inclusion?identifier=}.
     */
    public record TransparencyEvidence(String identifier, TreeHeadView treeHead, List<Inclusion> inclusions) {}
}
