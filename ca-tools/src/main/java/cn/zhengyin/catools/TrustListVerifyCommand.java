package cn.zhengyin.catools;

import cn.zhengyin.trust.trustlist.ListSignerTrust;
import cn.zhengyin.trust.trustlist.TrustListException;
import cn.zhengyin.trust.trustlist.TrustListVerifier;
import cn.zhengyin.trust.trustlist.VerifiedTrustList;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Verifies a signed trust list: its signature against the pinned list-signer certificate (or a list-signer",
            "anchor), that it is not past its nextUpdate, and (with --min-sequence) that it is no rollback.",
            "Exit codes: 0 valid, 1 invalid or stale, 2 bad input."
        })
final class TrustListVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The signed list, e.g. keys-dev/trust-list.xml.")
    Path file;

    static final class SignerTrust {
        @Option(
                names = "--signer-cert",
                paramLabel = "PEM",
                description =
                        "The pinned list-signer certificate, e.g. keys-dev/trust-list-signer.crt.pem. Repeatable.")
        List<Path> pinned = new ArrayList<>();

        @Option(
                names = "--signer-anchors",
                paramLabel = "PEM",
                description = "Anchors the list signer must chain to (instead of pinning). Repeatable.")
        List<Path> anchors = new ArrayList<>();
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    SignerTrust trust;

    @Option(
            names = "--min-sequence",
            paramLabel = "N",
            description = "The sequence number of the list accepted before: a lower one is a rollback.")
    Long minSequence;

    @Override
    public Integer call() throws Exception {
        byte[] xml;
        ListSignerTrust signerTrust;
        try {
            xml = Files.readAllBytes(file);
            signerTrust = trust.pinned.isEmpty()
                    ? ListSignerTrust.anchoredAt(TrustListCommands.certificates(trust.anchors))
                    : ListSignerTrust.pinned(TrustListCommands.certificates(trust.pinned));
        } catch (NoSuchFileException e) {
            return TrustListCommands.usage(spec, "no such file: " + e.getFile());
        } catch (IllegalArgumentException e) {
            return TrustListCommands.usage(spec, e.getMessage());
        }
        VerifiedTrustList verified;
        try {
            verified = new TrustListVerifier(signerTrust, CaTools.root(spec).clock())
                    .verify(xml, minSequence == null ? OptionalLong.empty() : OptionalLong.of(minSequence));
        } catch (TrustListException e) {
            return e.isBadInput()
                    ? TrustListCommands.usage(spec, e.getMessage())
                    : TrustListCommands.invalid(spec, e.reason() + ": " + e.getMessage());
        }
        var scheme = verified.list().scheme();
        X509Certificate signer = verified.signer();
        var out = spec.commandLine().getOut();
        out.println("VALID trust list " + file);
        out.println("  operator:    " + scheme.operatorName() + " — " + scheme.schemeName());
        out.println("  sequence:    " + scheme.sequenceNumber());
        out.println("  issued:      " + scheme.issued());
        out.println("  next update: " + scheme.nextUpdate());
        out.println("  signed by:   " + signer.getSubjectX500Principal().getName());
        out.println("  authorities: " + verified.list().authorities().size());
        out.println("  sha-256:     " + verified.sha256());
        return 0;
    }
}
