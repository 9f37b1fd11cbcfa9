package cn.zhengyin.catools;

import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.pdf.PdfSignatureVerifier;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.ses.SesVerificationReport;
import cn.zhengyin.trust.ses.SesVerifier;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.RevocationPolicy;
import cn.zhengyin.trust.validation.SignatureReport;
import cn.zhengyin.trust.xml.XmlSignatureVerifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Offline verification of a licence file: a PAdES PDF, a licence XML document, or (with {@code --data}) a GB/T 38540
 * SES_Signature over a data file. Uses only what the file carries plus the trust anchors given — no network.
 * Exit code 0 only for TOTAL_PASSED; 1 for TOTAL_FAILED or INDETERMINATE (and for files that cannot be read).
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Verifies a licence file offline (PDF, XML, or an SES signature with --data).",
            "Exit code: 0 TOTAL_PASSED, 1 not passed, 2 bad usage."
        })
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The licence PDF or XML, or a DER SES_Signature (with --data).")
    Path file;

    @Option(
            names = "--trust-anchors",
            paramLabel = "PEM",
            defaultValue = "keys-dev/trust-anchors.pem",
            description = "PEM file(s) of trust anchors (default: ${DEFAULT-VALUE}). Repeatable.")
    List<Path> trustAnchors = new ArrayList<>();

    @Option(
            names = "--intermediates",
            paramLabel = "PEM",
            description = "PEM file(s) of intermediate CA certificates (SES signatures carry only the signer's).")
    List<Path> intermediates = new ArrayList<>();

    @Option(names = "--data", paramLabel = "FILE", description = "The signed original, when FILE is an SES_Signature.")
    Path data;

    @Option(names = "--json", description = "Print the full report as JSON instead of a summary.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Providers.bouncyCastle();
        Clock clock = CaTools.root(spec).clock();
        Set<X509Certificate> anchors = new HashSet<>();
        for (Path p : trustAnchors) {
            anchors.addAll(Pem.parseCertificates(Files.readAllBytes(p)));
        }
        List<X509Certificate> intermediateCerts = new ArrayList<>();
        for (Path p : intermediates) {
            intermediateCerts.addAll(Pem.parseCertificates(Files.readAllBytes(p)));
        }
        byte[] content = Files.readAllBytes(file);
        PrintWriter out = spec.commandLine().getOut();
        Object report;
        Indication indication;
        if (data != null) {
            SesVerificationReport ses = new SesVerifier(
                            anchors, intermediateCerts, List.of(), RevocationPolicy.CHECK_IF_AVAILABLE)
                    .verifySignature(content, Files.readAllBytes(data), clock.instant());
            report = ses;
            indication = ses.indication();
            if (!json) {
                out.println(ses.indication() + (ses.subIndication() == null ? "" : " / " + ses.subIndication())
                        + "  GB/T 38540 SES signature " + file);
                printChecks(out, ses.checks(), "  ");
            }
        } else {
            DocumentVerificationReport document = looksLikeXml(content)
                    ? new XmlSignatureVerifier(anchors, clock).verify(content)
                    : new PdfSignatureVerifier(anchors, List.of(), clock).verify(content);
            report = document;
            indication = document.indication();
            if (!json) {
                print(out, document);
            }
        }
        if (json) {
            out.println(JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .build()
                    .writeValueAsString(report));
        }
        return indication == Indication.TOTAL_PASSED ? 0 : CaTools.EXIT_FAILURE;
    }

    private void print(PrintWriter out, DocumentVerificationReport report) {
        out.println(report.indication() + (report.subIndication() == null ? "" : " / " + report.subIndication()) + "  "
                + file + "  (SHA-256 "
                + Optional.ofNullable(report.documentSha256()).orElse("-") + ")");
        printChecks(out, report.documentChecks(), "  ");
        int n = 1;
        for (SignatureReport signature : report.signatures()) {
            out.println("  signature " + n++ + ": " + signature.indication()
                    + (signature.subIndication() == null ? "" : " / " + signature.subIndication())
                    + "  signer " + signature.signerSubject().orElse("unknown"));
            printChecks(out, signature.checks(), "    ");
        }
    }

    private static void printChecks(PrintWriter out, List<CheckResult> checks, String indent) {
        for (CheckResult check : checks) {
            String mark =
                    check.outcome() == Outcome.PASSED ? "ok  " : check.outcome() == Outcome.FAILED ? "FAIL" : "--  ";
            out.println(indent + mark + " " + check.id() + ": " + check.message());
        }
    }

    private static boolean looksLikeXml(byte[] content) {
        int i = content.length >= 3 && (content[0] & 0xFF) == 0xEF ? 3 : 0;
        while (i < content.length && i < 1024 && Character.isWhitespace(content[i])) {
            i++;
        }
        return i < content.length && content[i] == '<';
    }
}
