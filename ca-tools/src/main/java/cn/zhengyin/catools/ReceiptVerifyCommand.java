package cn.zhengyin.catools;

import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.validation.CertificateChainValidator;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.Outcome;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Re-checks a receipt offline: the compact JWS the licence service returns as {@code receipt} (or the whole saved
 * JSON answer holding it). Checks the header ({@code alg ES256}, {@code typ}), the {@code x5c} certificate path to a
 * trust anchor at the receipt's {@code iat}, the certificate's digitalSignature key usage, and the ES256 signature;
 * then prints the report's summary. Exit code 0 only if the receipt is valid and the report passed (a verification
 * report with indication TOTAL_PASSED, or a status answer of a found licence that is VALID); 1 otherwise.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Re-checks a saved verification receipt (JWS) offline and prints the report it signs.",
            "Exit code: 0 receipt valid and report PASSED, 1 otherwise, 2 bad usage."
        })
final class ReceiptVerifyCommand implements Callable<Integer> {
    static final String TYPE = "zhengyin-verification-report+jwt";

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "FILE",
            description = "The receipt: a compact JWS, or the saved JSON answer with a " + "'receipt' field.")
    Path file;

    @Option(
            names = "--trust-anchors",
            paramLabel = "PEM",
            defaultValue = "keys-dev/trust-anchors.pem",
            description = "PEM file(s) of trust anchors (default: ${DEFAULT-VALUE}). Repeatable.")
    List<Path> trustAnchors = new ArrayList<>();

    @Option(names = "--json", description = "Also print the signed payload (the report) as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Providers.bouncyCastle();
        PrintWriter out = spec.commandLine().getOut();
        Set<X509Certificate> anchors = new HashSet<>();
        for (Path p : trustAnchors) {
            anchors.addAll(Pem.parseCertificates(Files.readAllBytes(p)));
        }
        JsonMapper mapper = JsonMapper.builder().build();
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            JsonNode saved = mapper.readTree(text);
            if (!saved.hasNonNull("receipt")) {
                out.println("INVALID  " + file + " is JSON without a 'receipt' field");
                return CaTools.EXIT_FAILURE;
            }
            text = saved.get("receipt").asString();
        }
        List<CheckResult> checks = new ArrayList<>();
        JWSObject jws;
        try {
            jws = JWSObject.parse(text);
        } catch (ParseException e) {
            out.println("INVALID  " + file + " is not a compact JWS: " + e.getMessage());
            return CaTools.EXIT_FAILURE;
        }
        var header = jws.getHeader();
        boolean headerOk = JWSAlgorithm.ES256.equals(header.getAlgorithm())
                && new JOSEObjectType(TYPE).equals(header.getType())
                && header.getX509CertChain() != null
                && !header.getX509CertChain().isEmpty();
        checks.add(new CheckResult(
                "receipt.header",
                headerOk ? Outcome.PASSED : Outcome.FAILED,
                "alg "
                        + header.getAlgorithm() + ", typ " + header.getType() + ", x5c "
                        + (header.getX509CertChain() == null
                                ? "absent"
                                : header.getX509CertChain().size() + " certificate(s)")
                        + (headerOk ? "" : "; expected " + "alg ES256, typ " + TYPE + " and an x5c chain")));
        JsonNode payload;
        try {
            payload = mapper.readTree(jws.getPayload().toBytes());
        } catch (RuntimeException e) {
            payload = mapper.createObjectNode();
            checks.add(CheckResult.failed("receipt.payload", "The payload is not JSON: " + e.getMessage()));
        }
        Instant issuedAt = payload.hasNonNull("iat")
                ? Instant.ofEpochSecond(payload.get("iat").asLong())
                : CaTools.root(spec).clock().instant();
        if (headerOk) {
            List<X509Certificate> chain = new ArrayList<>();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Base64 der : header.getX509CertChain()) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der.decode())));
            }
            X509Certificate signer = chain.getFirst();
            var validation = new CertificateChainValidator(anchors, List.of())
                    .validate(signer, chain.subList(1, chain.size()), issuedAt);
            checks.add(new CheckResult(
                    "receipt.certificate-chain",
                    validation.chain().outcome(),
                    signer.getSubjectX500Principal().getName() + " at " + issuedAt + ": "
                            + validation.chain().message()));
            boolean[] usage = signer.getKeyUsage();
            checks.add(
                    usage != null && usage[0] && signer.getBasicConstraints() < 0
                            ? CheckResult.passed("receipt.key-usage", "End-entity certificate with digitalSignature.")
                            : CheckResult.failed(
                                    "receipt.key-usage",
                                    "The x5c certificate is not an end-entity certificate "
                                            + "with the digitalSignature key usage."));
            try {
                boolean valid = signer.getPublicKey() instanceof ECPublicKey ec && jws.verify(new ECDSAVerifier(ec));
                checks.add(
                        valid
                                ? CheckResult.passed(
                                        "receipt.signature",
                                        "ES256 signature verifies with the x5c " + "certificate's key.")
                                : CheckResult.failed(
                                        "receipt.signature",
                                        "The ES256 signature does "
                                                + "not verify: the receipt was changed or not signed with this certificate's key."));
            } catch (JOSEException e) {
                checks.add(
                        CheckResult.failed("receipt.signature", "The signature cannot be verified: " + e.getMessage()));
            }
        }
        boolean receiptValid = checks.stream().noneMatch(CheckResult::isFailed)
                && checks.stream().anyMatch(c -> c.id().equals("receipt.signature"));
        JsonNode report = payload.path("report");
        String kind = payload.path("kind").asString("");
        boolean passed = switch (kind) {
            case "licence-verification" ->
                "TOTAL_PASSED".equals(report.path("indication").asString(""));
            case "licence-status" ->
                report.path("found").asBoolean(false)
                        && "VALID".equals(report.path("status").asString(""));
            default -> false;
        };
        out.println((receiptValid ? "RECEIPT VALID" : "RECEIPT INVALID") + "  " + file + "  (issued " + issuedAt
                + " by " + payload.path("iss").asString("?") + ")");
        for (CheckResult check : checks) {
            out.println("  " + (check.outcome() == Outcome.PASSED ? "ok  " : "FAIL") + " " + check.id() + ": "
                    + check.message());
        }
        if (kind.equals("licence-verification")) {
            out.println("report: " + report.path("indication").asString("?") + " / "
                    + report.path("subIndication").asString("?") + "  mode "
                    + report.path("mode").asString("?")
                    + ", validated at " + report.path("validationTime").asString("?"));
            out.println("  " + report.path("summaryZh").asString(""));
            out.println("  " + report.path("summaryEn").asString(""));
        } else if (kind.equals("licence-status")) {
            out.println("status: " + report.path("identifier").asString("?") + " found="
                    + report.path("found").asBoolean(false) + " status="
                    + report.path("status").asString("-") + " currentVersion="
                    + report.path("currentVersion").asBoolean(false) + "  "
                    + report.path("message").asString(""));
        } else {
            out.println("report: unknown kind '" + kind + "'");
        }
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(payload));
        }
        return receiptValid && passed ? 0 : CaTools.EXIT_FAILURE;
    }
}
