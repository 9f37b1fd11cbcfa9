package cn.zhengyin.catools;

import cn.zhengyin.trust.translog.ConsistencyProof;
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
        name = "verify-consistency",
        mixinStandardHelpOptions = true,
        description = {
            "Checks offline that a later signed tree head extends an earlier one (append-only log).",
            "Exit 0 if both heads are signed by the log certificate and the consistency proof holds; 1 otherwise."
        })
final class TranslogVerifyConsistencyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--proof",
            required = true,
            paramLabel = "FILE",
            description = "consistency.json (GET /api/v1/transparency/proofs/consistency?first=&second=).")
    Path proof;

    @Option(names = "--first-sth", required = true, paramLabel = "FILE", description = "The earlier signed tree head.")
    Path firstSth;

    @Option(names = "--second-sth", required = true, paramLabel = "FILE", description = "The later signed tree head.")
    Path secondSth;

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "The log's certificate, PEM.")
    Path cert;

    @Override
    public Integer call() throws IOException {
        X509Certificate certificate = TranslogFiles.certificate(cert);
        SignedTreeHead first = TranslogFiles.treeHead(firstSth);
        SignedTreeHead second = TranslogFiles.treeHead(secondSth);
        ConsistencyProof consistency = TranslogFiles.consistencyProof(proof);
        for (var head :
                java.util.List.of(java.util.Map.entry(firstSth, first), java.util.Map.entry(secondSth, second))) {
            if (!head.getValue().verify(certificate)) {
                throw new TranslogFiles.NotVerified("the tree head in " + head.getKey() + " is not signed by "
                        + certificate.getSubjectX500Principal().getName());
            }
        }
        if (consistency.firstSize() != first.treeSize() || consistency.secondSize() != second.treeSize()) {
            throw new TranslogFiles.NotVerified("the proof links sizes " + consistency.firstSize() + " and "
                    + consistency.secondSize() + " but the tree heads have sizes " + first.treeSize() + " and "
                    + second.treeSize() + "; ask for first=" + first.treeSize() + "&second=" + second.treeSize());
        }
        if (!consistency.verify(first.rootHash(), second.rootHash())) {
            throw new TranslogFiles.NotVerified("NOT CONSISTENT: the tree of size " + second.treeSize() + " (root "
                    + second.rootHash() + ") does not extend the tree of size " + first.treeSize() + " (root "
                    + first.rootHash() + "); the log changed or removed entries it had signed");
        }
        spec.commandLine()
                .getOut()
                .println("OK: the log's tree of size " + second.treeSize() + " extends its tree of size "
                        + first.treeSize() + " (roots " + first.rootHash() + " -> " + second.rootHash() + ")");
        return 0;
    }
}
