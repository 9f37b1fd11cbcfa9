package cn.zhengyin.licence.transparency.internal;

import cn.zhengyin.licence.transparency.TransparencyViews.ConsistencyProofView;
import cn.zhengyin.licence.transparency.TransparencyViews.EntryView;
import cn.zhengyin.licence.transparency.TransparencyViews.InclusionProofView;
import cn.zhengyin.licence.transparency.TransparencyViews.TransparencyEvidence;
import cn.zhengyin.licence.transparency.TransparencyViews.TreeHeadView;
import cn.zhengyin.service.problem.ProblemException;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.translog.TransparencyLogException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public reads of the transparency log (docs/transparency-log.md). Every answer is checkable offline with
 * {@code ca-tools translog verify-inclusion / verify-consistency} and the log's certificate.
 */
@RestController
@RequestMapping("/api/v1/transparency")
class TransparencyController {
    private final MongoTransparencyLog log;

    TransparencyController(MongoTransparencyLog log) {
        this.log = log;
    }

    /** The latest signed tree head ({@code sth.json}). */
    @GetMapping("/tree-head")
    TreeHeadView treeHead() {
        return TreeHeadView.of(log.treeHead());
    }

    /** The log's certificate and its issuers, PEM ({@code log.crt.pem}: the first certificate). */
    @GetMapping(value = "/certificate", produces = "application/pem-certificate-chain")
    String certificate() {
        return Pem.certificates(log.certificateChain());
    }

    /** One leaf ({@code entry.json}). */
    @GetMapping("/entries/{index}")
    EntryView entry(@PathVariable long index) {
        return log.entry(index)
                .map(e -> EntryView.of(e.index(), e.entry()))
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "no-such-entry",
                        "No such log entry",
                        "the log has no leaf " + index + " (it has " + log.size() + " leaves)"));
    }

    /** The inclusion proof of one leaf in the tree of {@code treeSize} leaves (default: the latest tree head's size). */
    @GetMapping(value = "/proofs/inclusion", params = "leafIndex")
    InclusionProofView inclusion(@RequestParam long leafIndex, @RequestParam Optional<Long> treeSize) {
        long size = treeSize.orElseGet(() -> log.treeHead().treeSize());
        return InclusionProofView.of(guard(() -> log.inclusionProof(leafIndex, size)));
    }

    /** Every logged event of a licence version, each with its inclusion proof in the latest signed tree head. */
    @GetMapping(value = "/proofs/inclusion", params = "identifier")
    TransparencyEvidence inclusion(@RequestParam String identifier) {
        return log.evidenceFor(identifier)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "not-logged",
                        "Not in the log",
                        "no event of licence version '" + identifier
                                + "' is in the transparency log; give the full identifier of a version"));
    }

    /** The proof that the tree of {@code first} leaves is a prefix of the tree of {@code second} leaves. */
    @GetMapping("/proofs/consistency")
    ConsistencyProofView consistency(@RequestParam long first, @RequestParam long second) {
        return ConsistencyProofView.of(guard(() -> log.consistencyProof(first, second)));
    }

    private static <T> T guard(java.util.function.Supplier<T> proof) {
        try {
            return proof.get();
        } catch (TransparencyLogException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "bad-proof-request", "No such proof", e.getMessage());
        }
    }
}
