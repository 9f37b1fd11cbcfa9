package cn.zhengyin.catools;

import cn.zhengyin.trust.translog.HashValue;
import cn.zhengyin.trust.translog.InclusionProof;
import cn.zhengyin.trust.translog.SignedTreeHead;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "verify-inclusion",
        mixinStandardHelpOptions = true,
        description = {
            "Checks offline that a log entry is in the tree a signed tree head vouches for.",
            "Exit 0 if the tree head's signature verifies with the log certificate and the inclusion proof leads",
            "from the entry's leaf hash to the signed root; 1 otherwise, with the reason."
        })
final class TranslogVerifyInclusionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--entry",
            required = true,
            paramLabel = "FILE",
            description = "entry.json (GET /api/v1/transparency/entries/{index}).")
    Path entry;

    @Option(
            names = "--proof",
            required = true,
            paramLabel = "FILE",
            description = "proof.json (GET /api/v1/transparency/proofs/inclusion?leafIndex=&treeSize=).")
    Path proof;

    @Option(
            names = "--sth",
            required = true,
            paramLabel = "FILE",
            description = "sth.json, the signed tree head (GET /api/v1/transparency/tree-head).")
    Path sth;

    @Option(
            names = "--cert",
            required = true,
            paramLabel = "FILE",
            description =
                    "The log's certificate, PEM (keys-dev/translog.crt.pem, GET /api/v1/transparency/certificate).")
    Path cert;

    @Override
    public Integer call() throws IOException {
        X509Certificate certificate = TranslogFiles.certificate(cert);
        SignedTreeHead head = TranslogFiles.treeHead(sth);
        TranslogFiles.Entry logged = TranslogFiles.entry(entry);
        InclusionProof inclusion = TranslogFiles.inclusionProof(proof);
        if (!head.verify(certificate)) {
            throw new TranslogFiles.NotVerified("the tree head in " + sth + " is not signed by "
                    + certificate.getSubjectX500Principal().getName()
                    + "; fetch the log's certificate or a genuine head");
        }
        if (inclusion.treeSize() != head.treeSize()) {
            throw new TranslogFiles.NotVerified("the proof is for a tree of size " + inclusion.treeSize()
                    + " but the signed tree head is for size " + head.treeSize()
                    + "; ask for the proof with treeSize=" + head.treeSize());
        }
        if (logged.index() != null && logged.index() != inclusion.leafIndex()) {
            throw new TranslogFiles.NotVerified(
                    "the entry is leaf " + logged.index() + " but the proof is for leaf " + inclusion.leafIndex());
        }
        HashValue leafHash = logged.entry().leafHash();
        if (!inclusion.verify(leafHash, head.rootHash())) {
            throw new TranslogFiles.NotVerified("NOT INCLUDED: entry "
                    + logged.entry().identifier() + " "
                    + logged.entry().eventType() + " (leaf hash " + leafHash + ") with this proof does not lead to"
                    + " the signed root " + head.rootHash() + " of tree size " + head.treeSize()
                    + "; the entry or the log was altered");
        }
        spec.commandLine()
                .getOut()
                .println("OK: " + logged.entry().eventType() + " of "
                        + logged.entry().identifier()
                        + " is leaf " + inclusion.leafIndex() + " of the log's tree of size " + head.treeSize()
                        + " (root " + head.rootHash() + ", signed " + head.timestamp() + " by "
                        + certificate.getSubjectX500Principal().getName() + ")");
        return 0;
    }
}
