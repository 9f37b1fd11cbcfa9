package cn.zhengyin.seal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.seal.RunningSealService;
import cn.zhengyin.trust.crypto.ProvisionedKeyCustody;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.testing.MovableClock;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walks seals through every state over HTTP against the running service ({@link RunningSealService}), checking CRL
 * and OCSP at each step.
 */
class SealLifecycleIntegrationTest extends RunningSealService {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String USCC = "11110100000000019Q";
    static final String BUSINESS_LICENCE = cn.zhengyin.trust.identifier.LicenceIdentifier.first(
                    "11100000XF0000001X001", USCC, "LC2026001")
            .toString();

    /** For files handed to openssl. */
    @TempDir
    static Path files;

    static final String ALICE = token("alice", "seal:apply seal:approve seal:read");
    static final String BOB = token("bob", "seal:approve seal:read");
    static final String ADMIN = token("carol-admin", "seal:admin seal:read");
    static final String LICENCE_SERVICE = token("licence-service", "seal:sign seal:read");
    static final String OTHER_CLIENT = token("other-client", "seal:sign");
    static final String MONITORING = token("prometheus", "monitoring:read");

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    ProvisionedKeyCustody custody;

    final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, String body, byte[] bytes) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return JSON.readValue(body, Map.class);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list() {
            return JSON.readValue(body, List.class);
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
        return new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), response.body());
    }

    Answer post(String path, String token, Object body) throws Exception {
        return call("POST", path, token, body);
    }

    Answer get(String path, String token) throws Exception {
        return call("GET", path, token, null);
    }

    void expectConflict(String path, String token, String message) throws Exception {
        Answer a = post(path, token, Map.of("reason", "test"));
        assertThat(a.status()).as(path + " → " + a.body()).isEqualTo(409);
        assertThat(a.json().get("detail").toString()).contains(message);
    }

    Answer sign(String sealId, String token, String licenceType) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "sealId",
                sealId,
                "digestAlgorithm",
                "SHA-256",
                "digest",
                Base64.getEncoder().encodeToString(new byte[32])));
        if (licenceType != null) {
            body.put("licenceType", licenceType);
        }
        return post("/api/v1/signatures/pades", token, body);
    }

    void expectRefused(String sealId, String token, String licenceType, String why) throws Exception {
        Answer a = sign(sealId, token, licenceType);
        assertThat(a.status()).as(a.body()).isEqualTo(403);
        assertThat(a.json().get("detail").toString()).contains(why);
    }

    Map<String, Object> apply(String type, String name) throws Exception {
        Answer a = post(
                "/api/v1/seals",
                ALICE,
                Map.of(
                        "organisationName",
                        "证印示范市市场监督管理局",
                        "organisationUscc",
                        USCC,
                        "type",
                        type,
                        "name",
                        name,
                        "kindName",
                        "业务专用章",
                        "validUntil",
                        clock.instant().plus(Duration.ofDays(365)).toString(),
                        "reason",
                        "新设合同专用章"));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    X509CRL crl(String ca) throws Exception {
        Answer a = get("/crl/" + ca + ".crl", null);
        assertThat(a.status()).isEqualTo(200);
        return (X509CRL) CertificateFactory.getInstance("X.509", cn.zhengyin.trust.crypto.Providers.bouncyCastle())
                .generateCRL(new ByteArrayInputStream(a.bytes()));
    }

    static boolean opensslPresent() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    String opensslCrlText(String ca) throws Exception {
        Path file = files.resolve(ca + ".crl");
        Files.write(file, get("/crl/" + ca + ".crl", null).bytes());
        return run(files, "openssl", "crl", "-inform", "DER", "-in", file.toString(), "-noout", "-text");
    }

    String opensslOcsp(X509Certificate certificate) throws Exception {
        Path pem = files.resolve("seal-" + certificate.getSerialNumber().toString(16) + ".pem");
        Files.writeString(
                pem,
                "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
        Path keys = KEYS_DEV.toAbsolutePath();
        return run(
                files,
                "openssl",
                "ocsp",
                "-issuer",
                keys.resolve("seal-ca.crt.pem").toString(),
                "-cert",
                pem.toString(),
                "-url",
                "http://127.0.0.1:" + port + "/ocsp",
                "-resp_text",
                "-CAfile",
                keys.resolve("root-ca.crt.pem").toString(),
                "-verify_other",
                keys.resolve("seal-ca.crt.pem").toString());
    }

    /** OCSP with Bouncy Castle via GET /ocsp/{base64}: checks the nonce echo and the signature. */
    SingleResp bcOcsp(X509Certificate certificate) throws Exception {
        X509Certificate issuer = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(KEYS_DEV.resolve("seal-ca.crt.pem")));
        CertificateID id = new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer),
                certificate.getSerialNumber());
        byte[] nonce = new byte[16];
        new java.security.SecureRandom().nextBytes(nonce);
        byte[] request = new OCSPReqBuilder()
                .addRequest(id)
                .setRequestExtensions(new Extensions(
                        new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce))))
                .build()
                .getEncoded();
        Answer a = get("/ocsp/" + Base64.getUrlEncoder().encodeToString(request), null);
        assertThat(a.status()).isEqualTo(200);
        OCSPResp resp = new OCSPResp(a.bytes());
        assertThat(resp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(basic.getCerts()[0])))
                .isTrue();
        assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)
                        .getExtnValue()
                        .getOctets())
                .isEqualTo(nonce);
        return basic.getResponses()[0];
    }

    static List<BigInteger> serials(X509CRL crl) {
        return crl.getRevokedCertificates() == null
                ? List.of()
                : crl.getRevokedCertificates().stream()
                        .map(X509CRLEntry::getSerialNumber)
                        .toList();
    }

    @SuppressWarnings("unchecked")
    X509Certificate certificateOf(Map<String, Object> seal, String algorithm) throws Exception {
        Map<String, Object> c = ((List<Map<String, Object>>) seal.get("certificates"))
                .stream()
                        .filter(x -> x.get("algorithm").equals(algorithm))
                        .findFirst()
                        .orElseThrow();
        return (X509Certificate) CertificateFactory.getInstance(
                        "X.509", cn.zhengyin.trust.crypto.Providers.bouncyCastle())
                .generateCertificate(new ByteArrayInputStream(
                        Base64.getDecoder().decode(((List<String>) c.get("chain")).getFirst())));
    }

    /**
     * Health that turns before a signer or verifier would notice (docs/operations.md): with the clock moved on, an
     * issued seal whose certificates end within 30 days makes {@code sealCertificates} OUT_OF_SERVICE; once the TSA
     * certificate has expired {@code certificates} is DOWN. Details only for scope monitoring:read.
     */
    @Test
    void healthTurnsOutOfServiceBeforeASealCertificateEndsAndDownOnceTheTsaCertificateHasExpired() throws Exception {
        String id = apply("04", "证印示范市市场监督管理局监控测试专用章").get("id").toString();
        String seal = "/api/v1/seals/" + id;
        assertThat(post(seal + "/approve", BOB, Map.of("reason", "材料齐全")).status())
                .isEqualTo(200);
        assertThat(post(seal + "/make", ADMIN, Map.of("reason", "制作")).status()).isEqualTo(200);
        assertThat(post(seal + "/issue", ADMIN, Map.of("reason", "交付")).status())
                .isEqualTo(200);
        String ecdsa = "/components/sealCertificates/details/seal/" + id + "~1ecdsa";

        assertThat(get("/actuator/health", ALICE).json()).doesNotContainKey("components");
        var now = JSON.readTree(get("/actuator/health", MONITORING).body());
        assertThat(now.at("/components/sealCertificates/status").asString()).isEqualTo("UP");
        assertThat(now.at(ecdsa + "/status").asString()).isEqualTo("UP");
        assertThat(now.at("/components/keyCustody/details/checked/" + id + "~1ecdsa")
                        .asString())
                .isEqualTo("signed");
        try {
            clock.offset(Duration.ofDays(350)); // the seal (valid for 365 days) has 15 days left
            var soon = JSON.readTree(get("/actuator/health", MONITORING).body());
            assertThat(soon.at("/components/sealCertificates/status").asString())
                    .isEqualTo("OUT_OF_SERVICE");
            assertThat(soon.at(ecdsa + "/status").asString()).isEqualTo("OUT_OF_SERVICE");
            assertThat(soon.at("/status").asString()).isIn("OUT_OF_SERVICE", "DOWN");

            clock.offset(Duration.ofDays(365 * 6)); // beyond the dev TSA certificate's notAfter (2031)
            Answer expired = get("/actuator/health", MONITORING);
            assertThat(expired.status()).isEqualTo(503);
            var down = JSON.readTree(expired.body());
            assertThat(down.at("/status").asString()).isEqualTo("DOWN");
            assertThat(down.at("/components/certificates/status").asString()).isEqualTo("DOWN");
            assertThat(down.at("/components/certificates/details/certificate/tsa/status")
                            .asString())
                    .isEqualTo("DOWN");
            assertThat(down.at(ecdsa).isMissingNode())
                    .as("an expired seal is no longer active")
                    .isTrue();
            assertThat(JSON.readTree(get("/actuator/health/liveness", null).body())
                            .get("status")
                            .asString())
                    .as("liveness does not restart for a certificate")
                    .isEqualTo("UP");
        } finally {
            clock.offset(Duration.ZERO);
        }
    }

    @Test
    void walksOneSealThroughEveryStateWithCrlOcspAndSigningChecks() throws Exception {
        boolean openssl = opensslPresent();
        String id = apply("04", "证印示范市市场监督管理局合同专用章").get("id").toString();
        String seal = "/api/v1/seals/" + id;
        assertThat(get(seal, ALICE).json()).containsEntry("state", "APPLIED").containsEntry("typeName", "合同专用章");

        expectConflict(seal + "/make", ADMIN, "seal " + id + " is APPLIED; only APPROVED seals can be made");
        expectConflict(seal + "/issue", ADMIN, "is APPLIED; only MADE seals can be issued");
        expectConflict(seal + "/suspend", ADMIN, "is APPLIED; only ISSUED seals can be suspended");
        expectConflict(seal + "/reinstate", ADMIN, "is APPLIED; only SUSPENDED seals can be reinstated");
        expectConflict(seal + "/destroy", ADMIN, "is APPLIED; only REVOKED or EXPIRED seals can be destroyed");
        Answer fourEyes = post(seal + "/approve", ALICE, Map.of("reason", "self"));
        assertThat(fourEyes.status()).isEqualTo(409);
        assertThat(fourEyes.json()).containsEntry("type", "https://zhengyin.dev/problems/four-eyes-rule");
        assertThat(fourEyes.json().get("detail").toString()).contains("four-eyes rule");
        assertThat(post(seal + "/approve", ADMIN, Map.of("reason", "x")).status())
                .as("admin lacks seal:approve")
                .isEqualTo(403);

        assertThat(post(seal + "/approve", BOB, Map.of("reason", "材料齐全")).json())
                .containsEntry("state", "APPROVED");
        expectConflict(seal + "/approve", BOB, "is APPROVED; only APPLIED seals can be approved");
        expectConflict(seal + "/reject", BOB, "is APPROVED; only APPLIED seals can be rejected");

        Map<String, Object> made =
                post(seal + "/make", ADMIN, Map.of("reason", "制作")).json();
        assertThat(made)
                .containsEntry("state", "MADE")
                .containsEntry("sesealPending", false)
                .containsEntry("sesealAvailable", true);
        assertThat(made.get("imageId").toString()).startsWith("sha256:");
        X509Certificate ecdsa = certificateOf(made, "ECDSA_P256_SHA256");
        X509Certificate sm2 = certificateOf(made, "SM2_SM3");
        assertThat(org.bouncycastle.asn1.x500.X500Name.getInstance(
                                ecdsa.getSubjectX500Principal().getEncoded())
                        .toString())
                .contains("CN=证印示范市市场监督管理局合同专用章")
                .contains(id);
        assertThat(sm2.getSigAlgOID()).isEqualTo("1.2.156.10197.1.501");
        Answer seseal = get(seal + "/seseal", ALICE);
        assertThat(seseal.status()).isEqualTo(200);
        var sesReport = new cn.zhengyin.trust.ses.SesVerifier(
                        java.util.Set.copyOf(cn.zhengyin.trust.pki.Pem.parseCertificates(
                                java.nio.file.Files.readAllBytes(KEYS_DEV.resolve("sm2-root-ca.crt.pem")))),
                        cn.zhengyin.trust.pki.Pem.parseCertificates(
                                java.nio.file.Files.readAllBytes(KEYS_DEV.resolve("sm2-seal-ca.crt.pem"))),
                        java.util.List.of(),
                        cn.zhengyin.trust.validation.RevocationPolicy.CHECK_IF_AVAILABLE)
                .verifySeal(seseal.bytes(), clock.instant());
        assertThat(sesReport.isPassed()).as(sesReport.toString()).isTrue();
        var decoded =
                (cn.zhengyin.trust.ses.ElectronicSeal.V4) cn.zhengyin.trust.ses.SesCodec.decodeSeal(seseal.bytes());
        assertThat(decoded.sealInfo().property().name()).isEqualTo(made.get("name"));
        assertThat(get(seal + "/certificates", ALICE).list()).hasSize(2);
        assertThat(get(seal + "/image.png", ALICE).status()).isEqualTo(200);
        expectConflict(seal + "/make", ADMIN, "is MADE; only APPROVED seals can be made");
        expectConflict(seal + "/suspend", ADMIN, "is MADE; only ISSUED seals can be suspended");

        assertThat(post(seal + "/issue", ADMIN, Map.of("reason", "交付")).json()).containsEntry("state", "ISSUED");
        expectRefused(id, LICENCE_SERVICE, "1001", "'licence-service' has no authorisation to use seal " + id);
        Answer granted = post(
                seal + "/authorisations",
                ADMIN,
                Map.of("grantee", "licence-service", "licenceTypes", List.of("1001"), "reason", "营业执照签发"));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(sign(id, LICENCE_SERVICE, "1001").status()).isEqualTo(200);
        expectRefused(id, LICENCE_SERVICE, "2002", "not authorised to use seal " + id + " for licence type '2002'");
        expectRefused(id, OTHER_CLIENT, "1001", "'other-client' has no authorisation");
        assertThat(serials(crl("seal-ca"))).doesNotContain(ecdsa.getSerialNumber());
        assertThat(bcOcsp(ecdsa).getCertStatus()).isNull(); // GOOD

        // 挂失: both certificates on hold
        assertThat(post(seal + "/suspend", ADMIN, Map.of("reason", "印章挂失")).json())
                .containsEntry("state", "SUSPENDED");
        expectConflict(seal + "/suspend", ADMIN, "seal " + id + " is SUSPENDED; only ISSUED seals can be suspended");
        expectConflict(seal + "/issue", ADMIN, "is SUSPENDED; only MADE seals can be issued");
        expectRefused(id, LICENCE_SERVICE, "1001", "is SUSPENDED (reported lost");
        X509CRL ecdsaCrl = crl("seal-ca");
        assertThat(ecdsaCrl.getRevokedCertificate(ecdsa.getSerialNumber()).getRevocationReason())
                .isEqualTo(java.security.cert.CRLReason.CERTIFICATE_HOLD);
        assertThat(crl("sm2-seal-ca")
                        .getRevokedCertificate(sm2.getSerialNumber())
                        .getRevocationReason())
                .isEqualTo(java.security.cert.CRLReason.CERTIFICATE_HOLD);
        SingleResp held = bcOcsp(ecdsa);
        assertThat(held.getCertStatus()).isInstanceOf(RevokedStatus.class);
        assertThat(((RevokedStatus) held.getCertStatus()).getRevocationReason()).isEqualTo(6);
        if (openssl) {
            String text = opensslCrlText("seal-ca");
            assertThat(text)
                    .contains(ecdsa.getSerialNumber().toString(16).toUpperCase())
                    .contains("Certificate Hold");
            String ocsp = opensslOcsp(ecdsa);
            assertThat(ocsp)
                    .contains("Response verify OK")
                    .contains(": revoked")
                    .contains("certificateHold");
        }

        // 解挂
        assertThat(post(seal + "/reinstate", ADMIN, Map.of("reason", "找回")).json())
                .containsEntry("state", "ISSUED");
        assertThat(serials(crl("seal-ca"))).doesNotContain(ecdsa.getSerialNumber());
        assertThat(serials(crl("sm2-seal-ca"))).doesNotContain(sm2.getSerialNumber());
        assertThat(bcOcsp(ecdsa).getCertStatus()).isNull();
        if (openssl) {
            assertThat(opensslCrlText("seal-ca"))
                    .doesNotContain(ecdsa.getSerialNumber().toString(16).toUpperCase());
            assertThat(opensslOcsp(ecdsa)).contains("Response verify OK").contains(": good");
        }
        assertThat(sign(id, LICENCE_SERVICE, "1001").status()).isEqualTo(200);

        // validity over: EXPIRED is computed, never stored
        clock.offset(Duration.ofDays(400));
        try {
            expectRefused(id, LICENCE_SERVICE, "1001", "is EXPIRED (its validity ended at");
            assertThat(get(seal, ALICE).json())
                    .containsEntry("state", "EXPIRED")
                    .containsEntry("storedState", "ISSUED");
            expectConflict(seal + "/suspend", ADMIN, "is EXPIRED");
        } finally {
            clock.offset(Duration.ZERO);
        }

        // 注销
        Answer noReason = post(seal + "/revoke", ADMIN, Map.of("revocationReason", "keyCompromise"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(post(seal + "/revoke", ADMIN, Map.of("reason", "x", "revocationReason", "certificateHold"))
                        .status())
                .isEqualTo(400);
        expectConflict(seal + "/destroy", ADMIN, "is ISSUED; only REVOKED or EXPIRED seals can be destroyed");
        Map<String, Object> revoked = post(
                        seal + "/revoke", ADMIN, Map.of("reason", "私钥泄露", "revocationReason", "keyCompromise"))
                .json();
        assertThat(revoked).containsEntry("state", "REVOKED");
        expectConflict(seal + "/reinstate", ADMIN, "is REVOKED; only SUSPENDED seals can be reinstated");
        expectConflict(
                seal + "/revoke",
                ADMIN,
                "is REVOKED; only MADE or ISSUED or SUSPENDED or EXPIRED seals can be revoked");
        expectRefused(id, LICENCE_SERVICE, "1001", "is REVOKED (revoked: keyCompromise)");
        assertThat(crl("seal-ca").getRevokedCertificate(ecdsa.getSerialNumber()).getRevocationReason())
                .isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
        assertThat(crl("sm2-seal-ca")
                        .getRevokedCertificate(sm2.getSerialNumber())
                        .getRevocationReason())
                .isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
        SingleResp revokedStatus = bcOcsp(ecdsa);
        assertThat(((RevokedStatus) revokedStatus.getCertStatus()).getRevocationReason())
                .isEqualTo(1);
        if (openssl) {
            assertThat(opensslCrlText("seal-ca")).contains("Key Compromise");
            assertThat(opensslOcsp(ecdsa)).contains(": revoked").contains("keyCompromise");
        }

        // 销毁: keys gone, certificates still published
        String ecdsaKey = SealLifecycleService.keyId(id, SignatureAlgorithm.ECDSA_P256_SHA256);
        String sm2Key = SealLifecycleService.keyId(id, SignatureAlgorithm.SM2_SM3);
        assertThat(custody.find(ecdsaKey)).isPresent();
        assertThat(post(seal + "/destroy", ADMIN, Map.of("reason", "销毁")).json())
                .containsEntry("state", "DESTROYED");
        assertThat(custody.find(ecdsaKey)).isEmpty();
        assertThat(custody.find(sm2Key)).isEmpty();
        assertThat(cn.zhengyin.trust.crypto.KeystoreFileKeyCustody.open(KEY_STORE, "zhengyin-dev".toCharArray(), clock)
                        .find(ecdsaKey))
                .isEmpty();
        expectConflict(seal + "/destroy", ADMIN, "is DESTROYED; only REVOKED or EXPIRED seals can be destroyed");
        expectRefused(id, LICENCE_SERVICE, "1001", "is DESTROYED (its keys are destroyed)");
        assertThat(get(seal + "/certificates", ALICE).list()).hasSize(2);
        assertThat(serials(crl("seal-ca"))).contains(ecdsa.getSerialNumber());

        List<Map<String, Object>> events = get(seal + "/events", ALICE).list();
        assertThat(events)
                .extracting(e -> e.get("type"))
                .containsExactly(
                        "APPLIED", "APPROVED", "MADE", "ISSUED", "SUSPENDED", "REINSTATED", "REVOKED", "DESTROYED");
        assertThat(events.get(1)).containsEntry("actor", "bob").containsEntry("reason", "材料齐全");

        List<Map<String, Object>> usages = get(seal + "/usages", ALICE).list();
        assertThat(usages).extracting(u -> u.get("result")).contains("SIGNED", "REFUSED");
        assertThat(usages)
                .filteredOn(u -> "REFUSED".equals(u.get("result")))
                .extracting(u -> u.get("detail").toString())
                .anyMatch(d -> d.contains("SUSPENDED"))
                .anyMatch(d -> d.contains("REVOKED"))
                .anyMatch(d -> d.contains("EXPIRED"))
                .anyMatch(d -> d.contains("DESTROYED"))
                .anyMatch(d -> d.contains("no authorisation"));
        assertThat(get("/api/v1/seal-usages?organisation=" + USCC, ALICE).list())
                .hasSizeGreaterThanOrEqualTo(usages.size());
    }

    @Test
    void rejectedApplicationCannotBeApprovedAndUnknownSealsAre404() throws Exception {
        String id = apply("99", "证印示范市市场监督管理局业务专用章x").get("id").toString();
        Answer missingKind = post(
                "/api/v1/seals",
                ALICE,
                Map.of(
                        "organisationName",
                        "某单位",
                        "organisationUscc",
                        USCC,
                        "type",
                        "99",
                        "name",
                        "某单位印章",
                        "validUntil",
                        "2099-01-01T00:00:00Z"));
        assertThat(missingKind.status()).isEqualTo(400);
        assertThat(missingKind.body()).contains("kind name");
        Answer badUscc = post(
                "/api/v1/seals",
                ALICE,
                Map.of(
                        "organisationName",
                        "某单位",
                        "organisationUscc",
                        "11110100000000018Q",
                        "type",
                        "01",
                        "name",
                        "某单位",
                        "validUntil",
                        "2099-01-01T00:00:00Z"));
        assertThat(badUscc.status()).isEqualTo(400);
        assertThat(post("/api/v1/seals/" + id + "/reject", BOB, Map.of()).status())
                .as("reason required")
                .isEqualTo(400);
        assertThat(post("/api/v1/seals/" + id + "/reject", BOB, Map.of("reason", "材料不全"))
                        .json())
                .containsEntry("state", "REJECTED");
        expectConflict("/api/v1/seals/" + id + "/approve", BOB, "is REJECTED; only APPLIED seals can be approved");
        expectConflict("/api/v1/seals/" + id + "/make", ADMIN, "is REJECTED; only APPROVED seals can be made");

        Answer unknown = post("/api/v1/seals/S-NOPE/approve", BOB, Map.of("reason", "x"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json()).containsEntry("type", "https://zhengyin.dev/problems/seal-not-found");
        assertThat(get("/api/v1/seals/S-NOPE", ALICE).status()).isEqualTo(404);
        assertThat(sign("S-NOPE", LICENCE_SERVICE, null).status()).isEqualTo(404);
        assertThat(post("/api/v1/seals", BOB, Map.of("type", "01")).status())
                .as("bob lacks seal:apply")
                .isEqualTo(403);
        assertThat(get("/api/v1/seals?state=REJECTED&organisation=" + USCC, ALICE)
                        .list())
                .extracting(s -> s.get("id"))
                .contains(id);
    }

    /** A seal of {@code type} applied by Alice, approved by Bob, made and issued by the administrator. */
    String issuedSeal(String type, String name) throws Exception {
        String id = apply(type, name).get("id").toString();
        String seal = "/api/v1/seals/" + id;
        assertThat(post(seal + "/approve", BOB, Map.of("reason", "材料齐全")).status())
                .isEqualTo(200);
        assertThat(post(seal + "/make", ADMIN, Map.of("reason", "制作")).status()).isEqualTo(200);
        assertThat(post(seal + "/issue", ADMIN, Map.of("reason", "交付")).status())
                .isEqualTo(200);
        return id;
    }

    /**
     * Issue #14, finding 6: persons and OAuth2 clients are different namespaces (a PERSON grant never lets the client
     * of the same name sign), a grantee must exist (a registered client, a person of the directory) and wildcards are
     * refused with a 400 problem.
     */
    @Test
    void aGranteeMustExistIsNeverAWildcardAndAPersonIsNotTheClientOfTheSameName() throws Exception {
        String id = issuedSeal("04", "证印示范市市场监督管理局授权对象测试章");
        String grants = "/api/v1/seals/" + id + "/authorisations";
        for (String wildcard : List.of("*", "licence-*", "%", "licence-servic?")) {
            for (String kind : List.of("CLIENT", "PERSON")) {
                Answer refused =
                        post(grants, ADMIN, Map.of("granteeKind", kind, "grantee", wildcard, "reason", "通配授权"));
                assertThat(refused.status())
                        .as(kind + " " + wildcard + " → " + refused.body())
                        .isEqualTo(400);
                assertThat(refused.json().get("detail").toString()).contains("wildcard");
            }
        }
        Answer unknownClient = post(grants, ADMIN, Map.of("grantee", "nobody-xyz", "reason", "不存在的应用"));
        assertThat(unknownClient.status()).as(unknownClient.body()).isEqualTo(400);
        assertThat(unknownClient.json().get("detail").toString())
                .contains("'nobody-xyz' is not a registered OAuth2 client");
        Answer unknownPerson =
                post(grants, ADMIN, Map.of("granteeKind", "PERSON", "grantee", "nobody-xyz", "reason", "不存在的人"));
        assertThat(unknownPerson.status()).as(unknownPerson.body()).isEqualTo(400);
        assertThat(unknownPerson.json().get("detail").toString()).contains("'nobody-xyz' is not a person");
        assertThat(get(grants, ALICE).list()).isEmpty();

        // the person licence-service exists, and a grant to them is not a grant to the client licence-service
        Answer person = post(
                grants,
                ADMIN,
                Map.of(
                        "granteeKind",
                        "PERSON",
                        "grantee",
                        "licence-service",
                        "licenceTypes",
                        List.of("1001"),
                        "reason",
                        "同名的个人"));
        assertThat(person.status()).as(person.body()).isEqualTo(201);
        expectRefused(id, LICENCE_SERVICE, "1001", "'licence-service' has no authorisation to use seal " + id);

        Answer client = post(
                grants, ADMIN, Map.of("grantee", "licence-service", "licenceTypes", List.of("1001"), "reason", "应用授权"));
        assertThat(client.status()).as(client.body()).isEqualTo(201);
        assertThat(sign(id, LICENCE_SERVICE, "1001").status()).isEqualTo(200);
        assertThat(get(grants, ALICE).list())
                .extracting(a -> a.get("granteeKind") + ":" + a.get("grantee"))
                .containsExactlyInAnyOrder("PERSON:licence-service", "CLIENT:licence-service");
    }

    @Test
    void preMadeDevSealIsImportedAsIssuedAndAuthorisedForTheLicenceService() throws Exception {
        Map<String, Object> dev =
                get("/api/v1/seals/ZYDEV-SEAL-0001", LICENCE_SERVICE).json();
        assertThat(dev)
                .containsEntry("state", "ISSUED")
                .containsEntry("type", "99")
                .containsEntry("kindName", "电子证照专用章");
        // and for the approval system's sealing client, which seals its own documents (用印, docs/sealing.md)
        assertThat(get("/api/v1/seals/ZYDEV-SEAL-0001/authorisations", ALICE).list())
                .extracting(a -> a.get("grantee"))
                .containsExactlyInAnyOrder("licence-service", "approval-sealing-demo");
        Answer unnamed = sign("ZYDEV-SEAL-0001", LICENCE_SERVICE, null);
        assertThat(unnamed.status())
                .as("a licence seal signs only a named licence")
                .isEqualTo(403);
        Answer signed = post(
                "/api/v1/signatures/pades",
                LICENCE_SERVICE,
                Map.of(
                        "sealId",
                        "ZYDEV-SEAL-0001",
                        "digest",
                        Base64.getEncoder().encodeToString(new byte[32]),
                        "licenceIdentifier",
                        BUSINESS_LICENCE));
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(signed.json().get("cms").toString()).isNotBlank();
        X509Certificate devCert = certificateOf(dev, "ECDSA_P256_SHA256");
        assertThat(bcOcsp(devCert).getCertStatus()).isNull();
    }

    @Test
    void ocspAnswersMalformedRequestsWithoutFailing() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ocsp"))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray("garbage".getBytes()))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
        assertThat(new OCSPResp(response.body()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    // ---- XML (XAdES) signing: the seal signs only a canonical SignedInfo of the allowed shape --------------------

    private static final String XML_DOC = """
            <LicenceDocument xmlns="urn:zhengyin:licence:1" Id="licence-1"><Metadata/><Fields/></LicenceDocument>""";

    private cn.zhengyin.trust.xml.XmlSignaturePreparation prepareXml() throws Exception {
        java.util.List<X509Certificate> chain = cn.zhengyin.trust.pki.Pkcs12.read(
                        KEYS_DEV.resolve("dev-seal.p12"), "zhengyin-dev".toCharArray())
                .chain();
        return new cn.zhengyin.trust.xml.XadesEnvelopedSigner()
                .prepare(
                        cn.zhengyin.trust.xml.SecureXml.parse(XML_DOC.getBytes(StandardCharsets.UTF_8)),
                        "licence-1",
                        chain,
                        clock.instant());
    }

    private Answer signXml(String token, byte[] signedInfo) throws Exception {
        return post(
                "/api/v1/signatures/xml",
                token,
                Map.of(
                        "sealId",
                        "ZYDEV-SEAL-0001",
                        "signedInfo",
                        Base64.getEncoder().encodeToString(signedInfo),
                        "licenceIdentifier",
                        BUSINESS_LICENCE));
    }

    @Test
    void aPreparedSignedInfoIsSignedAndTheXmlDocumentVerifies() throws Exception {
        var preparation = prepareXml();
        Answer answer = signXml(LICENCE_SERVICE, preparation.canonicalSignedInfo());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        byte[] signed = preparation.complete(
                Base64.getDecoder().decode(answer.json().get("signatureValue").toString()));
        var anchors = java.util.Set.copyOf(cn.zhengyin.trust.pki.Pem.parseCertificates(
                java.nio.file.Files.readAllBytes(KEYS_DEV.resolve("root-ca.crt.pem"))));
        var report = new cn.zhengyin.trust.xml.XmlSignatureVerifier(anchors, clock).verify(signed);
        assertThat(report.isPassed()).as(report.toString()).isTrue();
        assertThat(get("/api/v1/seals/ZYDEV-SEAL-0001/usages", ALICE).list())
                .anyMatch(u -> "XAdES".equals(u.get("format")) && "SIGNED".equals(u.get("result")));
    }

    @Test
    void xmlSigningRefusesAnythingButACanonicalAllowedSignedInfo() throws Exception {
        String canonical = new String(prepareXml().canonicalSignedInfo(), StandardCharsets.UTF_8);
        Answer arbitrary = signXml(LICENCE_SERVICE, "<a>transfer 1,000,000</a>".getBytes(StandardCharsets.UTF_8));
        assertThat(arbitrary.status()).isEqualTo(422);
        assertThat(arbitrary.body()).contains("SignedInfo");
        Answer reformatted = signXml(
                LICENCE_SERVICE,
                canonical.replace("<ds:SignatureMethod", "<ds:SignatureMethod ").getBytes(StandardCharsets.UTF_8));
        assertThat(reformatted.status()).isEqualTo(422);
        assertThat(reformatted.body()).contains("canonical");
        Answer sha1 = signXml(
                LICENCE_SERVICE,
                canonical
                        .replace(
                                "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
                                "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(sha1.status()).isEqualTo(422);
        Answer doctype = signXml(
                LICENCE_SERVICE,
                ("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + canonical)
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(doctype.status()).isIn(400, 422);
        assertThat(doctype.body()).doesNotContain("root:");
        assertThat(signXml(OTHER_CLIENT, canonical.getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(403);
        assertThat(get("/api/v1/seals/ZYDEV-SEAL-0001/usages", ALICE).list())
                .filteredOn(u -> "XAdES".equals(u.get("format")) && "REFUSED".equals(u.get("result")))
                .hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void anApprovedSealTakesItsImpressionFromTheImageLibraryBeforeItIsMade() throws Exception {
        Answer generated = post(
                "/api/v1/seal-images/generate?format=png&dpi=300",
                ADMIN,
                Map.of("type", "04", "name", "证印示范市市场监督管理局", "purpose", "合同专用章", "organisationCode", USCC));
        assertThat(generated.status()).as(generated.body()).isIn(200, 201);
        String imageId = generated.json().get("id").toString();
        String id = apply("04", "证印示范市市场监督管理局合同专用章").get("id").toString();
        String seal = "/api/v1/seals/" + id;
        assertThat(post(seal + "/image", ADMIN, Map.of("imageId", imageId)).status())
                .as("not yet approved")
                .isEqualTo(409);
        post(seal + "/approve", BOB, Map.of("reason", "ok"));
        assertThat(post(seal + "/image", ADMIN, Map.of("imageId", "sha256:" + "0".repeat(64)))
                        .status())
                .isEqualTo(400);
        assertThat(post(seal + "/image", ALICE, Map.of("imageId", imageId)).status())
                .isEqualTo(403);
        Answer attached = post(seal + "/image", ADMIN, Map.of("imageId", imageId, "reason", "备案印模"));
        assertThat(attached.status()).as(attached.body()).isEqualTo(200);
        assertThat(attached.json()).containsEntry("imageId", imageId);
        Map<String, Object> made =
                post(seal + "/make", ADMIN, Map.of("reason", "制作")).json();
        assertThat(made).containsEntry("imageId", imageId);
        assertThat(post(seal + "/image", ADMIN, Map.of("imageId", imageId)).status())
                .as("already made")
                .isEqualTo(409);
        assertThat(get(seal + "/events", ALICE).list())
                .extracting(e -> e.get("type"))
                .contains("IMAGE_ATTACHED");
    }

    @Test
    void sealNamesTakeGb18030RareCharactersAndRefuseInvisibleOnesNamingTheCodePoint() throws Exception {
        String rare = "𪚥䶮堃龍数字科技有限公司";
        Answer generated = post(
                "/api/v1/seal-images/generate?format=png&dpi=300",
                ADMIN,
                Map.of("type", "01", "name", rare, "organisationCode", USCC));
        assertThat(generated.status()).as(generated.body()).isIn(200, 201);

        Answer gap = post(
                "/api/v1/seal-images/generate?format=png&dpi=300",
                ADMIN,
                Map.of("type", "01", "name", "证印示范𰀀科技有限公司", "organisationCode", USCC));
        assertThat(gap.status()).as(gap.body()).isEqualTo(400);
        assertThat(gap.body()).contains("U+30000");

        for (String[] bad : new String[][] {
            {"name", "证印示范市\u202E有限公司", "U+202E"},
            {"name", "证印示范市\u0000有限公司", "U+0000"},
            {"kindName", "业务\u200B专用章", "U+200B"},
            {"organisation.name", "证印示范市\n数字科技有限公司", "U+000A"}
        }) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of(
                    "organisationName",
                    bad[0].equals("organisation.name") ? bad[1] : "证印示范市市场监督管理局",
                    "organisationUscc",
                    USCC,
                    "type",
                    "99",
                    "name",
                    bad[0].equals("name") ? bad[1] : "证印示范市市场监督管理局业务专用章",
                    "kindName",
                    bad[0].equals("kindName") ? bad[1] : "业务专用章",
                    "validUntil",
                    clock.instant().plus(Duration.ofDays(365)).toString()));
            Answer refused = post("/api/v1/seals", ALICE, body);
            assertThat(refused.status()).as(bad[0] + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains(bad[2]).contains(bad[0]);
        }
    }
}
