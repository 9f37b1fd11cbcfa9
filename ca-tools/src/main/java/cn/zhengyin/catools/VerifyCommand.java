package cn.zhengyin.catools;

import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.ofd.OfdSignatureVerifier;
import cn.zhengyin.trust.pdf.PdfSignatureVerifier;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.pki.PkiException;
import cn.zhengyin.trust.ses.SesVerificationReport;
import cn.zhengyin.trust.ses.SesVerifier;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.Conclusion;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.LicenceStanding;
import cn.zhengyin.trust.validation.RevocationSources;
import cn.zhengyin.trust.validation.SignatureReport;
import cn.zhengyin.trust.validation.SubIndication;
import cn.zhengyin.trust.validation.TrustAnchors;
import cn.zhengyin.trust.validation.ValidationPolicy;
import cn.zhengyin.trust.validation.VerificationConclusion;
import cn.zhengyin.trust.xml.SecureXml;
import cn.zhengyin.trust.xml.XmlSignatureVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Offline verification of a signed file under a named validation policy: a PAdES PDF, an OFD sealed with GB/T 38540
 * (recognised by content: a ZIP package), an XML document (XAdES, or plain enveloped XMLDSig under {@code baseline}), or (with {@code --data}) a GB/T 38540 SES_Signature over a data
 * file. Uses only what the file carries plus the trust anchors, intermediates and CRLs given — no network, no
 * licence registry. Revocation status must be known (embedded in the file or from {@code --crl}); unknown status is
 * INDETERMINATE / TRY_LATER. Exit code 0 only for conclusion VALID; 1 for FAILED or INDETERMINATE; 2 for bad input.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Verifies a signed file offline (PDF, OFD, XML, or an SES signature with --data) under a validation policy.",
            "Exit code: 0 VALID, 1 FAILED or INDETERMINATE, 2 bad input."
        })
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The signed PDF, OFD or XML, or a DER SES_Signature (with --data).")
    Path file;

    @Option(
            names = "--policy",
            paramLabel = "NAME",
            defaultValue = "licence",
            description = "Validation policy: licence (this store's licences: time-stamp required, Zhengyin's XML "
                    + "shape) or baseline (ETSI EN 319 102-1 basic validation of any PAdES/XAdES/CAdES B-B or better)."
                    + " Default: ${DEFAULT-VALUE}.")
    String policy;

    @Option(
            names = "--trust-anchors",
            paramLabel = "PEM",
            defaultValue = "keys-dev/trust-anchors.pem",
            description = "PEM file(s) of trust anchors (default: ${DEFAULT-VALUE}). Repeatable.")
    List<Path> trustAnchors = new ArrayList<>();

    @Option(
            names = "--intermediates",
            paramLabel = "PEM",
            description = "PEM file(s) of intermediate CA certificates (SES signatures and seals carry only the end "
                    + "certificate). Repeatable.")
    List<Path> intermediates = new ArrayList<>();

    @Option(
            names = "--crl",
            paramLabel = "FILE",
            description = "A CRL (PEM or DER) for offline revocation checking, used after the file's own validation "
                    + "data. Repeatable.")
    List<Path> crls = new ArrayList<>();

    @Option(names = "--data", paramLabel = "FILE", description = "The signed original, when FILE is an SES_Signature.")
    Path data;

    @Option(names = "--json", description = "Print the conclusion and the full report as JSON instead of a summary.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Providers.bouncyCastle();
        ValidationPolicy chosen;
        try {
            chosen = ValidationPolicy.named(policy);
        } catch (IllegalArgumentException e) {
            throw bad("--policy: " + e.getMessage());
        }
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path p : trustAnchors) {
            anchors.addAll(certificates("--trust-anchors", p));
        }
        List<X509Certificate> intermediateCerts = new ArrayList<>();
        for (Path p : intermediates) {
            intermediateCerts.addAll(certificates("--intermediates", p));
        }
        List<X509CRL> crlList = new ArrayList<>();
        for (Path p : crls) {
            try {
                crlList.add(Pem.parseCrl(read("--crl", p)));
            } catch (PkiException e) {
                throw bad("--crl " + p + ": " + e.getMessage());
            }
        }
        byte[] content = read("FILE", file);
        byte[] original = data == null ? null : read("--data", data);
        Clock clock = CaTools.root(spec).clock();
        TrustAnchors trust = TrustAnchors.of(anchors, intermediateCerts);
        RevocationSources revocation = RevocationSources.offline(crlList);
        PrintWriter out = spec.commandLine().getOut();
        Object report;
        Indication indication;
        SubIndication subIndication;
        if (original != null) {
            SesVerificationReport ses =
                    new SesVerifier(trust, revocation).verifySignature(content, original, clock.instant(), chosen);
            report = ses;
            indication = ses.indication();
            subIndication = ses.subIndication();
        } else {
            DocumentVerificationReport document = isZip(content)
                    // an OFD (GB/T 33190): a ZIP package with OFD.xml, sealed with GB/T 38540
                    ? new OfdSignatureVerifier(new SesVerifier(trust, revocation))
                            .verify(content, clock.instant(), chosen)
                    : looksLikeXml(content)
                            ? new XmlSignatureVerifier(trust, revocation, clock, SecureXml.DEFAULT_MAX_BYTES)
                                    .verify(content, chosen)
                            : new PdfSignatureVerifier(
                                            trust, revocation, clock, PdfSignatureVerifier.DEFAULT_MAX_DOCUMENT_BYTES)
                                    .verify(content, chosen);
            report = document;
            indication = document.indication();
            subIndication = document.subIndication();
        }
        VerificationConclusion conclusion =
                VerificationConclusion.derive(indication, subIndication, chosen, LicenceStanding.notConsulted());
        if (json) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("policy", chosen.name().id());
            answer.put("conclusion", conclusion.conclusion());
            answer.put("conclusionReason", conclusion.reason());
            answer.put("indication", indication);
            answer.put("subIndication", subIndication);
            answer.put(original != null ? "sesSignature" : "document", report);
            out.println(JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .build()
                    .writeValueAsString(answer));
        } else {
            out.println(conclusion.conclusion() + "  " + indication
                    + (subIndication == null || subIndication == SubIndication.NONE ? "" : " / " + subIndication)
                    + "  policy " + chosen.name().id() + "  " + file
                    + (report instanceof DocumentVerificationReport d
                            ? "  (SHA-256 "
                                    + Optional.ofNullable(d.documentSha256()).orElse("-") + ")"
                            : "  (GB/T 38540 SES signature)"));
            out.println("  conclusion: " + conclusion.reason());
            if (report instanceof DocumentVerificationReport d) {
                print(out, d);
            } else if (report instanceof SesVerificationReport s) {
                printChecks(out, s.checks(), "  ");
            }
        }
        return conclusion.conclusion() == Conclusion.VALID ? 0 : CaTools.EXIT_FAILURE;
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private byte[] read(String option, Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw bad(option + " " + path + " cannot be read: "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
    }

    private List<X509Certificate> certificates(String option, Path path) {
        try {
            return Pem.parseCertificates(read(option, path));
        } catch (PkiException e) {
            throw bad(option + " " + path + ": " + e.getMessage());
        }
    }

    private static void print(PrintWriter out, DocumentVerificationReport report) {
        printChecks(out, report.documentChecks(), "  ");
        int n = 1;
        for (SignatureReport signature : report.signatures()) {
            out.println("  signature " + n++ + " (" + signature.fieldName() + "): " + signature.indication()
                    + (signature.subIndication() == null || signature.subIndication() == SubIndication.NONE
                            ? ""
                            : " / " + signature.subIndication())
                    + "  signer " + signature.signerSubject().orElse("unknown")
                    + signature.timestampTime().map(t -> "  time " + t).orElse(""));
            printChecks(out, signature.checks(), "    ");
        }
    }

    private static void printChecks(PrintWriter out, List<CheckResult> checks, String indent) {
        for (CheckResult check : checks) {
            String mark = switch (check.outcome()) {
                case PASSED -> "ok  ";
                case FAILED -> "FAIL";
                case WARNING -> "warn";
                case NOT_CHECKED -> "--  ";
            };
            out.println(indent + mark + " " + check.id() + ": " + check.message());
        }
    }

    /** A ZIP archive (an OFD package) starts with a local file header, {@code PK\3\4}. */
    private static boolean isZip(byte[] content) {
        return content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    private static boolean looksLikeXml(byte[] content) {
        int i = content.length >= 3 && (content[0] & 0xFF) == 0xEF ? 3 : 0;
        while (i < content.length && i < 1024 && Character.isWhitespace(content[i])) {
            i++;
        }
        return i < content.length && content[i] == '<';
    }
}
