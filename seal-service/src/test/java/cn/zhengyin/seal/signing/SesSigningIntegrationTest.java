package cn.zhengyin.seal.signing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.seal.RunningSealService;
import cn.zhengyin.seal.authorisation.SealAuthorisationService;
import cn.zhengyin.seal.config.SealServiceProperties;
import cn.zhengyin.seal.lifecycle.SealImageMaker;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.seal.lifecycle.SealStructureMaker;
import cn.zhengyin.seal.premade.PreMadeSealImporter;
import cn.zhengyin.trust.crypto.KeyCustody;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.ses.SealSignature;
import cn.zhengyin.trust.ses.SealSigner;
import cn.zhengyin.trust.ses.SesCodec;
import cn.zhengyin.trust.ses.SesVerificationReport;
import cn.zhengyin.trust.ses.SesVerifier;
import cn.zhengyin.trust.validation.RevocationPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * GB/T 38540 signing over HTTP against the running service: the pre-made dev seal and a freshly made seal sign an SM3
 * hash, the SES_Signature verifies with {@link SesVerifier} against the original over the SM2 dev PKI, and refusals
 * are answered as problems and recorded. A seal imported without an SM2 key (as a configured seal without
 * {@code sm2-key} is) has no SESeal (409). Runs on the shared {@link RunningSealService}.
 */
class SesSigningIntegrationTest extends RunningSealService {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String USCC = "11110100000000019Q";
    static final String PROPERTY_INFO = "/Doc_0/Signs/Sign_0/Signature.xml";
    static final String BUSINESS_LICENCE = cn.zhengyin.trust.identifier.LicenceIdentifier.first(
                    "11100000XF0000001X001", USCC, "SES2026001")
            .toString();
    static final byte[] ORIGINAL = "<ofd:Signature>证印示范 SES</ofd:Signature>".getBytes(StandardCharsets.UTF_8);

    /** For files handed to openssl. */
    @TempDir
    static Path files;

    /**
     * A seal with only an ECDSA key, imported as a configured seal without {@code sm2-key} is (once per service): a
     * 业务专用章 of the market authority that licence-service may use for any document.
     */
    static final String ECDSA_ONLY = "ZYTEST-ECDSA-ONLY";

    @Autowired
    SealRepository seals;

    @Autowired
    SealAuthorisationService authorisations;

    @Autowired
    KeyCustody custody;

    @Autowired
    SealImageMaker images;

    @Autowired
    ObjectProvider<SealStructureMaker> structures;

    @Autowired
    Clock clock;

    @BeforeEach
    void importTheEcdsaOnlySeal() {
        var spec = new SealServiceProperties.SealSpec(
                ECDSA_ONLY,
                "dev-seal",
                "证印示范市市场监督管理局业务专用章",
                "证印示范市市场监督管理局",
                USCC,
                "业务专用章",
                "99",
                List.of("licence-service"),
                List.of(),
                "seal-ca",
                "",
                "sm2-seal-ca");
        new PreMadeSealImporter(
                        seals, authorisations, images, structures.getIfAvailable(SealStructureMaker::pending), clock)
                .importIfAbsent(
                        spec.toPreMadeSeal(),
                        custody.signingKey(spec.key()),
                        spec.sm2KeyName().map(custody::signingKey));
    }

    static final String ALICE = token("alice", "seal:apply seal:approve seal:read");
    static final String BOB = token("bob", "seal:approve seal:read");
    static final String ADMIN = token("carol-admin", "seal:admin seal:read");
    static final String LICENCE_SERVICE = token("licence-service", "seal:sign seal:read");
    static final String OTHER_CLIENT = token("other-client", "seal:sign");
    static final String READER = token("reader", "seal:read");

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, String body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return JSON.readValue(body, Map.class);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list() {
            return JSON.readValue(body, List.class);
        }

        String detail() {
            return String.valueOf(json().get("detail"));
        }
    }

    Answer call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }

    Answer post(String path, String token, Object body) throws Exception {
        return call("POST", path, token, body);
    }

    Answer get(String path, String token) throws Exception {
        return call("GET", path, token, null);
    }

    Answer signSes(String sealId, String token, String dataHash, String propertyInfo) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("sealId", sealId));
        if (sealId.startsWith("ZYDEV-")) {
            // the pre-made seal is a licence seal: it signs only licences of its organisation, named by identifier
            body.put("licenceIdentifier", BUSINESS_LICENCE);
        }
        if (dataHash != null) {
            body.put("dataHash", dataHash);
        }
        if (propertyInfo != null) {
            body.put("propertyInfo", propertyInfo);
        }
        return post("/api/v1/signatures/ses", token, body);
    }

    Answer signOriginal(String sealId, String token) throws Exception {
        return signSes(sealId, token, Base64.getEncoder().encodeToString(SealSigner.sm3(ORIGINAL)), PROPERTY_INFO);
    }

    static SesVerifier verifier() throws Exception {
        Set<X509Certificate> anchors =
                Set.copyOf(Pem.parseCertificates(Files.readAllBytes(KEYS_DEV.resolve("sm2-root-ca.crt.pem"))));
        List<X509Certificate> intermediates =
                Pem.parseCertificates(Files.readAllBytes(KEYS_DEV.resolve("sm2-seal-ca.crt.pem")));
        return new SesVerifier(anchors, intermediates, List.of(), RevocationPolicy.CHECK_IF_AVAILABLE);
    }

    /** Decodes the answer's SES_Signature, checks it is v4 over our hash, and verifies it against the original. */
    byte[] expectVerifiableSignature(Answer answer, String sealId) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("sealId", sealId).containsEntry("format", "SES");
        byte[] der =
                Base64.getDecoder().decode(answer.json().get("sesSignature").toString());
        SealSignature decoded = SesCodec.decodeSignature(der);
        assertThat(decoded).isInstanceOf(SealSignature.V4.class);
        assertThat(decoded.toSign().seal().sealInfo().esId()).isEqualTo(sealId);
        assertThat(decoded.timeStamp()).isPresent();

        SesVerificationReport report = verifier().verifySignature(der, ORIGINAL, Instant.now());
        assertThat(report.isPassed()).as(report.toString()).isTrue();
        assertThat(report.check(SesVerifier.TIMESTAMP).orElseThrow().outcome())
                .as(report.toString())
                .isEqualTo(cn.zhengyin.trust.validation.Outcome.PASSED);
        assertThat(report.check(SesVerifier.SIGNER_AUTHORISED).orElseThrow().outcome())
                .isEqualTo(cn.zhengyin.trust.validation.Outcome.PASSED);
        SesVerificationReport tampered = verifier()
                .verifySignature(
                        der, "<ofd:Signature>篡改</ofd:Signature>".getBytes(StandardCharsets.UTF_8), Instant.now());
        assertThat(tampered.isPassed()).isFalse();
        assertThat(tampered.check(SesVerifier.DATA_HASH).orElseThrow().isFailed())
                .isTrue();
        return der;
    }

    @Test
    void thePreMadeDevSealSignsAnSm3HashAndTheSesSignatureVerifies() throws Exception {
        Map<String, Object> dev =
                get("/api/v1/seals/ZYDEV-SEAL-0001", LICENCE_SERVICE).json();
        assertThat(dev).containsEntry("sesealAvailable", true).containsEntry("sesealPending", false);
        byte[] der = expectVerifiableSignature(signOriginal("ZYDEV-SEAL-0001", LICENCE_SERVICE), "ZYDEV-SEAL-0001");

        if (opensslPresent()) {
            Path file = files.resolve("dev.ses.der");
            Files.write(file, der);
            String out = run("openssl", "asn1parse", "-inform", "DER", "-in", file.toString());
            List<String> depth1 = out.lines().filter(l -> l.contains(":d=1 ")).toList();
            assertThat(depth1).as(out).hasSize(5);
            assertThat(depth1.get(0)).contains("SEQUENCE"); // TBS_Sign
            assertThat(depth1.get(1)).contains("OCTET STRING"); // cert
            assertThat(depth1.get(2)).containsAnyOf("SM2-with-SM3", "1.2.156.10197.1.501");
            assertThat(depth1.get(3)).contains("BIT STRING"); // signature
            assertThat(depth1.get(4)).contains("cont [ 0 ]"); // timeStamp
            assertThat(out.lines().filter(l -> l.contains(":d=2 ")).findFirst().orElseThrow())
                    .contains("INTEGER")
                    .contains(":04"); // TBS_Sign.version 4
            assertThat(out).contains(PROPERTY_INFO);
        }
        assertThat(get("/api/v1/seals/ZYDEV-SEAL-0001/usages", READER).list())
                .anyMatch(u -> "SES".equals(u.get("format"))
                        && "SIGNED".equals(u.get("result"))
                        && u.get("digestHex").equals(java.util.HexFormat.of().formatHex(SealSigner.sm3(ORIGINAL))));
    }

    @Test
    void aFreshlyMadeSealSignsSesAndIsRefusedWhenSuspendedOrForAnUnauthorisedClient() throws Exception {
        Answer applied = post(
                "/api/v1/seals",
                ALICE,
                Map.of(
                        "organisationName",
                        "证印示范市市场监督管理局",
                        "organisationUscc",
                        USCC,
                        "type",
                        "99",
                        "name",
                        "证印示范市市场监督管理局电子签章专用章",
                        "kindName",
                        "电子签章专用章",
                        "validUntil",
                        Instant.now().plus(Duration.ofDays(365)).toString(),
                        "reason",
                        "电子签章"));
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        String id = applied.json().get("id").toString();
        String seal = "/api/v1/seals/" + id;
        assertThat(post(seal + "/approve", BOB, Map.of("reason", "同意")).status())
                .isEqualTo(200);
        assertThat(post(seal + "/make", ADMIN, Map.of("reason", "制作")).json()).containsEntry("sesealAvailable", true);
        assertThat(post(seal + "/issue", ADMIN, Map.of("reason", "交付")).status())
                .isEqualTo(200);

        Answer unauthorised = signOriginal(id, LICENCE_SERVICE);
        assertThat(unauthorised.status()).as(unauthorised.body()).isEqualTo(403);
        assertThat(unauthorised.detail()).contains("'licence-service' has no authorisation to use seal " + id);
        assertThat(post(seal + "/authorisations", ADMIN, Map.of("grantee", "licence-service", "reason", "电子签章"))
                        .status())
                .isEqualTo(201);

        expectVerifiableSignature(signOriginal(id, LICENCE_SERVICE), id);

        Answer other = signOriginal(id, OTHER_CLIENT);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json()).containsEntry("type", "https://zhengyin.dev/problems/signing-refused");
        assertThat(other.detail()).contains("'other-client' has no authorisation");
        assertThat(signOriginal(id, READER).status())
                .as("seal:read is not seal:sign")
                .isEqualTo(403);
        assertThat(signOriginal(id, null).status()).isEqualTo(401);

        assertThat(post(seal + "/suspend", ADMIN, Map.of("reason", "印章挂失")).status())
                .isEqualTo(200);
        Answer suspended = signOriginal(id, LICENCE_SERVICE);
        assertThat(suspended.status()).isEqualTo(403);
        assertThat(suspended.detail()).contains("is SUSPENDED (reported lost");

        List<Map<String, Object>> ses = get(seal + "/usages", READER).list().stream()
                .filter(u -> "SES".equals(u.get("format")))
                .toList();
        assertThat(ses).filteredOn(u -> "SIGNED".equals(u.get("result"))).hasSize(1);
        assertThat(ses)
                .filteredOn(u -> "REFUSED".equals(u.get("result")))
                .extracting(u -> u.get("detail").toString())
                .anyMatch(d -> d.contains("SUSPENDED"))
                .anyMatch(d -> d.contains("'other-client' has no authorisation"))
                .anyMatch(d -> d.contains("'licence-service' has no authorisation"));
    }

    @Test
    void badRequestsAreProblemsAndASealWithoutSesealIsAConflict() throws Exception {
        String sm3 = Base64.getEncoder().encodeToString(SealSigner.sm3(ORIGINAL));
        Answer notBase64 = signSes("ZYDEV-SEAL-0001", LICENCE_SERVICE, "%%%", PROPERTY_INFO);
        assertThat(notBase64.status()).isEqualTo(400);
        assertThat(notBase64.detail()).contains("not valid base64");
        Answer sha1Length = signSes(
                "ZYDEV-SEAL-0001", LICENCE_SERVICE, Base64.getEncoder().encodeToString(new byte[20]), PROPERTY_INFO);
        assertThat(sha1Length.status()).isEqualTo(400);
        assertThat(sha1Length.detail()).contains("32 bytes; got 20");
        assertThat(signSes("ZYDEV-SEAL-0001", LICENCE_SERVICE, null, PROPERTY_INFO)
                        .status())
                .isEqualTo(400);
        Answer noScope = signSes("ZYDEV-SEAL-0001", LICENCE_SERVICE, sm3, null);
        assertThat(noScope.status()).isEqualTo(400);
        assertThat(noScope.detail()).contains("propertyInfo is required").contains("签名保护范围");
        Answer blankScope = signSes("ZYDEV-SEAL-0001", LICENCE_SERVICE, sm3, "  ");
        assertThat(blankScope.status()).isEqualTo(400);
        Answer nonAscii = signSes("ZYDEV-SEAL-0001", LICENCE_SERVICE, sm3, "/证照/Signature.xml");
        assertThat(nonAscii.status()).isEqualTo(400);
        assertThat(nonAscii.detail()).contains("IA5String");

        Answer unknown = signSes("S-NOPE", LICENCE_SERVICE, sm3, PROPERTY_INFO);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json()).containsEntry("type", "https://zhengyin.dev/problems/seal-not-found");

        Answer noSeseal = signSes(ECDSA_ONLY, LICENCE_SERVICE, sm3, PROPERTY_INFO);
        assertThat(noSeseal.status()).as(noSeseal.body()).isEqualTo(409);
        assertThat(noSeseal.json()).containsEntry("type", "https://zhengyin.dev/problems/seseal-unavailable");
        assertThat(noSeseal.detail()).contains("has no GB/T 38540 SESeal").contains("sm2-key");
        assertThat(get("/api/v1/seals/" + ECDSA_ONLY + "/usages", READER).list())
                .anyMatch(u -> "SES".equals(u.get("format")) && "REFUSED".equals(u.get("result")));
        Answer padesStillWorks = post(
                "/api/v1/signatures/pades",
                LICENCE_SERVICE,
                Map.of("sealId", ECDSA_ONLY, "digest", Base64.getEncoder().encodeToString(new byte[32])));
        assertThat(padesStillWorks.status())
                .as("a seal that is not a licence seal (业务专用章) signs without a licence identifier: "
                        + padesStillWorks.body())
                .isEqualTo(200);
        Answer otherAuthority = post(
                "/api/v1/signatures/pades",
                LICENCE_SERVICE,
                Map.of(
                        "sealId",
                        ECDSA_ONLY,
                        "digest",
                        Base64.getEncoder().encodeToString(new byte[32]),
                        "licenceIdentifier",
                        cn.zhengyin.trust.identifier.LicenceIdentifier.first(
                                        "11100000XF00000021001", "11110100000000027K", "LQ1")
                                .toString()));
        assertThat(otherAuthority.status())
                .as("but an identifier it is given must still be of its organisation: " + otherAuthority.body())
                .isEqualTo(403);
        assertThat(otherAuthority.detail()).contains("has issuer code 11110100000000027K");
    }

    static boolean opensslPresent() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
