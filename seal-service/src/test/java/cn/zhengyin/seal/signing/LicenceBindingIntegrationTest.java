package cn.zhengyin.seal.signing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.seal.RunningSealService;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.ses.SealSigner;
import cn.zhengyin.trust.ses.SesCodec;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each authority seals only its own licences (issues #20 and #14 finding 3), against the running service with the
 * shipped configuration: the three dev seals are imported with their organisations and licence types, every signing
 * endpoint refuses a licence identifier of another authority, of a type the authorisation does not cover, contradicting
 * the stated licenceType, malformed or missing (licence seals), the JWS endpoint refuses payloads that are not its
 * licence's credential or status list, and each refusal is recorded with the identifier and digest.
 */
class LicenceBindingIntegrationTest extends RunningSealService {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String MARKET = "11110100000000019Q";
    static final String FORESTRY = "11110100000000027K";
    static final String HEALTH = "111101000000000439";
    static final String BUSINESS_LICENCE = "11100000XF0000001X001";
    static final String FOOD_LICENCE = "11100000XF0000001X002";
    static final String FOREST_RIGHT = "11100000XF00000021001";
    static final String PHYSICIAN = "11100000XF00000034001";

    static final String MARKET_SEAL = "ZYDEV-SEAL-0001";
    static final String FORESTRY_SEAL = "ZYDEV-SEAL-0002";
    static final String HEALTH_SEAL = "ZYDEV-SEAL-0003";

    static final String FOREST_LICENCE =
            LicenceIdentifier.first(FOREST_RIGHT, FORESTRY, "LQ2026001").toString();
    static final String BUSINESS =
            LicenceIdentifier.first(BUSINESS_LICENCE, MARKET, "YZ2026001").toString();
    static final String PHYSICIAN_LICENCE =
            LicenceIdentifier.first(PHYSICIAN, HEALTH, "YS2026001").toString();

    static final String LICENCE_SERVICE = token("licence-service", "seal:sign seal:read");
    static final String READER = token("reader", "seal:read");
    static final String ALICE = token("alice", "seal:apply seal:approve seal:read");
    static final String BOB = token("bob", "seal:approve seal:read");
    static final String ADMIN = token("carol-admin", "seal:admin seal:read");

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

    Answer get(String path, String token) throws Exception {
        return call("GET", path, token, null);
    }

    Answer post(String path, String token, Object body) throws Exception {
        return call("POST", path, token, body);
    }

    /** PAdES digest signing; null values are left out of the request. */
    Answer pades(String sealId, byte[] digest, String licenceIdentifier, String licenceType) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("sealId", sealId);
        body.put("digestAlgorithm", "SHA-256");
        body.put("digest", Base64.getEncoder().encodeToString(digest));
        if (licenceIdentifier != null) {
            body.put("licenceIdentifier", licenceIdentifier);
        }
        if (licenceType != null) {
            body.put("licenceType", licenceType);
        }
        return post("/api/v1/signatures/pades", LICENCE_SERVICE, body);
    }

    Answer ses(String sealId, byte[] sm3, String licenceIdentifier) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of(
                "sealId",
                sealId,
                "dataHash",
                Base64.getEncoder().encodeToString(sm3),
                "propertyInfo",
                "/Doc_0/Signs/Sign_0/Signature.xml"));
        if (licenceIdentifier != null) {
            body.put("licenceIdentifier", licenceIdentifier);
        }
        return post("/api/v1/signatures/ses", LICENCE_SERVICE, body);
    }

    Answer xml(String sealId, byte[] signedInfo, String licenceIdentifier) throws Exception {
        Map<String, Object> body = new HashMap<>(
                Map.of("sealId", sealId, "signedInfo", Base64.getEncoder().encodeToString(signedInfo)));
        if (licenceIdentifier != null) {
            body.put("licenceIdentifier", licenceIdentifier);
        }
        return post("/api/v1/signatures/xml", LICENCE_SERVICE, body);
    }

    Answer jws(String sealId, String typ, Map<String, Object> payload, String licenceIdentifier) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("sealId", sealId, "signingInput", signingInput(typ, payload)));
        if (licenceIdentifier != null) {
            body.put("licenceIdentifier", licenceIdentifier);
        }
        return post("/api/v1/signatures/jws", LICENCE_SERVICE, body);
    }

    static String signingInput(String typ, Map<String, Object> payload) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "ES256");
        header.put("typ", typ);
        return b64(JSON.writeValueAsString(header)) + "." + b64(JSON.writeValueAsString(payload));
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** An SD-JWT VC payload as the licence service makes it for a share. */
    static Map<String, Object> credential(String issuerCode, String typeCode) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", "http://localhost:8081");
        payload.put("iat", 1_790_000_000L);
        payload.put("exp", 1_790_086_400L);
        payload.put("vct", "urn:zhengyin:licence-type:" + typeCode);
        payload.put("licence_type", "林权证");
        payload.put("issuer_name", "证印示范市林业局");
        payload.put("issuer_code", issuerCode);
        payload.put("_sd_alg", "sha-256");
        payload.put("_sd", List.of("x".repeat(43)));
        return payload;
    }

    static Map<String, Object> statusList() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sub", "http://localhost:8081/s/abc/status");
        payload.put("iat", 1_790_000_000L);
        payload.put("ttl", 300);
        payload.put("status_list", Map.of("bits", 2, "lst", "eNpjAAAAAQAB"));
        return payload;
    }

    static byte[] digest(int seed) {
        byte[] d = new byte[32];
        d[0] = (byte) seed;
        d[31] = (byte) 0x5a;
        return d;
    }

    List<Map<String, Object>> usages(String sealId) throws Exception {
        return get("/api/v1/seals/" + sealId + "/usages", READER).list();
    }

    static void expectRefused(Answer answer, String... why) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.json()).containsEntry("type", "https://zhengyin.dev/problems/signing-refused");
        assertThat(answer.detail()).contains(why);
        assertThat(answer.body()).doesNotContain("\"cms\"").doesNotContain("signatureValue");
    }

    @SuppressWarnings("unchecked")
    static X509Certificate certificate(Map<String, Object> seal, String algorithm) throws Exception {
        Map<String, Object> c = ((List<Map<String, Object>>) seal.get("certificates"))
                .stream()
                        .filter(x -> x.get("algorithm").equals(algorithm))
                        .findFirst()
                        .orElseThrow();
        return (X509Certificate) CertificateFactory.getInstance("X.509", Providers.bouncyCastle())
                .generateCertificate(new ByteArrayInputStream(
                        Base64.getDecoder().decode(((List<String>) c.get("chain")).getFirst())));
    }

    /** The OCSP responder URLs in the certificate's authorityInfoAccess (empty without the extension). */
    static List<String> ocspUrls(X509Certificate certificate) throws Exception {
        var extension = new JcaX509CertificateHolder(certificate).getExtension(Extension.authorityInfoAccess);
        if (extension == null) {
            return List.of();
        }
        return java.util.Arrays.stream(AuthorityInformationAccess.getInstance(extension.getParsedValue())
                        .getAccessDescriptions())
                .filter(d -> d.getAccessMethod().equals(AccessDescription.id_ad_ocsp))
                .map(d -> ASN1IA5String.getInstance(d.getAccessLocation().getName())
                        .getString())
                .toList();
    }

    // ---- the three dev seals ---------------------------------------------------------------------------------------

    @Test
    void eachAuthorityHasItsOwnDevSealAuthorisedForItsOwnLicenceTypes() throws Exception {
        record Expected(String id, String organisation, String uscc, Set<String> types) {}
        for (Expected e : List.of(
                new Expected(MARKET_SEAL, "证印示范市市场监督管理局", MARKET, Set.of(BUSINESS_LICENCE, FOOD_LICENCE)),
                new Expected(FORESTRY_SEAL, "证印示范市林业局", FORESTRY, Set.of(FOREST_RIGHT)),
                new Expected(HEALTH_SEAL, "证印示范市卫生健康委员会", HEALTH, Set.of(PHYSICIAN)))) {
            Map<String, Object> seal = get("/api/v1/seals/" + e.id(), READER).json();
            assertThat(seal)
                    .as(e.id())
                    .containsEntry("state", "ISSUED")
                    .containsEntry("kindName", "电子证照专用章")
                    .containsEntry("name", e.organisation() + "电子证照专用章")
                    .containsEntry("sesealAvailable", true);
            assertThat(seal)
                    .containsEntry("organisationName", e.organisation())
                    .containsEntry("organisationUscc", e.uscc());

            List<Map<String, Object>> grants =
                    get("/api/v1/seals/" + e.id() + "/authorisations", ALICE).list();
            // the licence service for the authority's licence types; the market seal is also the approval system's
            // sealing client's (用印, docs/sealing.md), and both may use it for the document categories doc:…
            boolean sealsDecisions = e.id().equals(MARKET_SEAL);
            assertThat(grants)
                    .extracting(a -> a.get("grantee"))
                    .containsExactlyInAnyOrderElementsOf(
                            sealsDecisions
                                    ? List.of("licence-service", "approval-sealing-demo")
                                    : List.of("licence-service"));
            Set<String> expected = new java.util.HashSet<>(e.types());
            if (sealsDecisions) {
                expected.addAll(List.of("doc:decision", "doc:notice", "doc:certificate"));
            }
            for (Map<String, Object> grant : grants) {
                assertThat(grant.get("licenceTypes"))
                        .as(e.id() + " is authorised for its own licence types (and document categories) only")
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                        .containsExactlyInAnyOrderElementsOf(expected);
            }

            // both certificates name the organisation and the seal; the ECDSA one names the OCSP responder
            X509Certificate ecdsa = certificate(seal, "ECDSA_P256_SHA256");
            X509Certificate sm2 = certificate(seal, "SM2_SM3");
            for (X509Certificate c : List.of(ecdsa, sm2)) {
                String subject = org.bouncycastle.asn1.x500.X500Name.getInstance(
                                c.getSubjectX500Principal().getEncoded())
                        .toString();
                assertThat(subject).as(e.id()).contains("O=" + e.organisation()).contains(e.id());
            }
            assertThat(ocspUrls(ecdsa)).as(e.id()).containsExactly("http://localhost:8082/ocsp");
            assertThat(ocspUrls(sm2)).as("no responder answers for the SM2 CA").isEmpty();

            // the SESeal and the generated impression are the organisation's
            var seseal = (cn.zhengyin.trust.ses.ElectronicSeal.V4) SesCodec.decodeSeal(Base64.getDecoder()
                    .decode(java.util.Objects.requireNonNull(getBytes("/api/v1/seals/" + e.id() + "/seseal"))));
            assertThat(seseal.sealInfo().esId()).isEqualTo(e.id());
            assertThat(seseal.sealInfo().property().name()).isEqualTo(e.organisation() + "电子证照专用章");
            Answer image = get("/api/v1/seal-images/" + seal.get("imageId"), ADMIN);
            assertThat(image.status()).as(image.body()).isEqualTo(200);
            assertThat(image.body()).contains(e.organisation()).contains(e.uscc());
        }
    }

    /** The seal's SESeal as base64 (the endpoint answers DER). */
    String getBytes(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + READER)
                .GET()
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return Base64.getEncoder().encodeToString(response.body());
    }

    @Test
    void aSealMadeHereNamesTheConfiguredOcspResponderInItsEcdsaCertificate() throws Exception {
        Answer applied = post(
                "/api/v1/seals",
                ALICE,
                Map.of(
                        "organisationName",
                        "证印示范市林业局",
                        "organisationUscc",
                        FORESTRY,
                        "type",
                        "04",
                        "name",
                        "证印示范市林业局合同专用章",
                        "validUntil",
                        Instant.now().plus(Duration.ofDays(365)).toString(),
                        "reason",
                        "合同"));
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        String seal = "/api/v1/seals/" + applied.json().get("id");
        assertThat(post(seal + "/approve", BOB, Map.of("reason", "同意")).status())
                .isEqualTo(200);
        Map<String, Object> made =
                post(seal + "/make", ADMIN, Map.of("reason", "制作")).json();
        assertThat(ocspUrls(certificate(made, "ECDSA_P256_SHA256")))
                .containsExactly("http://ocsp.seal.test.example/ocsp");
        assertThat(ocspUrls(certificate(made, "SM2_SM3"))).isEmpty();
    }

    // ---- PAdES -----------------------------------------------------------------------------------------------------

    @Test
    void padesSignsOnlyLicencesOfTheSealsOwnAuthorityAndTypes() throws Exception {
        Answer forestOnMarket = pades(MARKET_SEAL, digest(1), FOREST_LICENCE, null);
        expectRefused(forestOnMarket, "issuer code " + FORESTRY, "not by the seal's organisation", MARKET);

        Answer forestOnForestry = pades(FORESTRY_SEAL, digest(2), FOREST_LICENCE, null);
        assertThat(forestOnForestry.status()).as(forestOnForestry.body()).isEqualTo(200);

        // an identifier of the seal's own authority but of a type its authorisation does not cover
        String forestryBusinessLicence =
                LicenceIdentifier.first(BUSINESS_LICENCE, FORESTRY, "X1").toString();
        expectRefused(
                pades(FORESTRY_SEAL, digest(3), forestryBusinessLicence, null),
                "not authorised to use seal " + FORESTRY_SEAL + " for licence type '" + BUSINESS_LICENCE + "'");
        // the market seal no longer covers the forestry bureau's or the health commission's types
        String marketPhysician =
                LicenceIdentifier.first(PHYSICIAN, MARKET, "X2").toString();
        expectRefused(pades(MARKET_SEAL, digest(4), marketPhysician, null), "for licence type '" + PHYSICIAN + "'");

        expectRefused(
                pades(FORESTRY_SEAL, digest(5), FOREST_LICENCE, BUSINESS_LICENCE),
                "licenceType '" + BUSINESS_LICENCE + "' contradicts licence identifier");
        expectRefused(pades(FORESTRY_SEAL, digest(6), null, FOREST_RIGHT), "is a licence seal", "licenceIdentifier");
        expectRefused(pades(FORESTRY_SEAL, digest(7), null, null), "must name the licence it seals");

        Answer malformed = pades(FORESTRY_SEAL, digest(8), "1.2.156.3005.2.not-an-identifier", null);
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.json()).containsEntry("type", "https://zhengyin.dev/problems/invalid-licence-identifier");
        assertThat(malformed.detail()).contains("not a GB/T 36904 licence identifier");
        String badCheck =
                FOREST_LICENCE.substring(0, FOREST_LICENCE.length() - 1) + (FOREST_LICENCE.endsWith("0") ? "1" : "0");
        assertThat(pades(FORESTRY_SEAL, digest(9), badCheck, null).status()).isEqualTo(400);

        // every request is in the usage log with its identifier and digest; only one was signed
        List<Map<String, Object>> forestry = usages(FORESTRY_SEAL).stream()
                .filter(u -> "PAdES".equals(u.get("format")))
                .toList();
        assertThat(forestry)
                .filteredOn(u -> "SIGNED".equals(u.get("result")))
                .singleElement()
                .satisfies(u -> {
                    assertThat(u).containsEntry("licenceIdentifier", FOREST_LICENCE);
                    assertThat(u).containsEntry("licenceType", FOREST_RIGHT);
                    assertThat(u).containsEntry("digestHex", HexFormat.of().formatHex(digest(2)));
                });
        assertThat(forestry)
                .filteredOn(u -> "REFUSED".equals(u.get("result")))
                .extracting(u -> u.get("digestHex"))
                .containsExactlyInAnyOrderElementsOf(List.of(3, 5, 6, 7, 8, 9).stream()
                        .map(i -> HexFormat.of().formatHex(digest(i)))
                        .toList());
        assertThat(usages(MARKET_SEAL))
                .anyMatch(u -> "REFUSED".equals(u.get("result"))
                        && FOREST_LICENCE.equals(u.get("licenceIdentifier"))
                        && HexFormat.of().formatHex(digest(1)).equals(u.get("digestHex"))
                        && u.get("detail").toString().contains("not by the seal's organisation"));
    }

    // ---- XAdES and SES ---------------------------------------------------------------------------------------------

    @Test
    void xmlAndSesSignOnlyLicencesOfTheSealsOwnAuthority() throws Exception {
        var chain = cn.zhengyin.trust.pki.Pkcs12.read(
                        KEYS_DEV.resolve("forestry-seal.p12"), "zhengyin-dev".toCharArray())
                .chain();
        byte[] signedInfo = new cn.zhengyin.trust.xml.XadesEnvelopedSigner()
                .prepare(
                        cn.zhengyin.trust.xml.SecureXml.parse(
                                ("<LicenceDocument xmlns=\"urn:zhengyin:licence:1\" Id=\"licence-1\"><Metadata/>"
                                                + "<Fields/></LicenceDocument>")
                                        .getBytes(StandardCharsets.UTF_8)),
                        "licence-1",
                        chain,
                        Instant.now())
                .canonicalSignedInfo();
        expectRefused(xml(FORESTRY_SEAL, signedInfo, BUSINESS), "issuer code " + MARKET, "not by the seal's");
        expectRefused(xml(FORESTRY_SEAL, signedInfo, null), "is a licence seal");
        assertThat(xml(FORESTRY_SEAL, signedInfo, "xml-test").status()).isEqualTo(400);
        Answer signed = xml(FORESTRY_SEAL, signedInfo, FOREST_LICENCE);
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);

        byte[] sm3 = SealSigner.sm3("<ofd:Signature>医师执业证书</ofd:Signature>".getBytes(StandardCharsets.UTF_8));
        expectRefused(ses(HEALTH_SEAL, sm3, FOREST_LICENCE), "issuer code " + FORESTRY, HEALTH);
        expectRefused(ses(HEALTH_SEAL, sm3, null), "is a licence seal");
        assertThat(ses(HEALTH_SEAL, sm3, "ses-test").status()).isEqualTo(400);
        Answer sesSigned = ses(HEALTH_SEAL, sm3, PHYSICIAN_LICENCE);
        assertThat(sesSigned.status()).as(sesSigned.body()).isEqualTo(200);
        var signature = SesCodec.decodeSignature(
                Base64.getDecoder().decode(sesSigned.json().get("sesSignature").toString()));
        assertThat(signature.toSign().seal().sealInfo().esId()).isEqualTo(HEALTH_SEAL);

        assertThat(usages(HEALTH_SEAL).stream()
                        .filter(u -> "SES".equals(u.get("format")))
                        .collect(Collectors.groupingBy(u -> u.get("result").toString(), Collectors.counting())))
                .containsEntry("SIGNED", 1L)
                .containsEntry("REFUSED", 3L);
        assertThat(usages(FORESTRY_SEAL))
                .anyMatch(u -> "XAdES".equals(u.get("format"))
                        && "REFUSED".equals(u.get("result"))
                        && BUSINESS.equals(u.get("licenceIdentifier")));
    }

    // ---- JWS -------------------------------------------------------------------------------------------------------

    @Test
    void jwsSignsOnlyCredentialsAndStatusListsOfTheRequestsLicence() throws Exception {
        Answer credential = jws(FORESTRY_SEAL, "dc+sd-jwt", credential(FORESTRY, FOREST_RIGHT), FOREST_LICENCE);
        assertThat(credential.status()).as(credential.body()).isEqualTo(200);
        Answer status = jws(FORESTRY_SEAL, "statuslist+jwt", statusList(), FOREST_LICENCE);
        assertThat(status.status()).as(status.body()).isEqualTo(200);

        // a credential of another authority, or of another type, under a valid identifier of the seal's authority
        expectRefused(
                jws(FORESTRY_SEAL, "dc+sd-jwt", credential(MARKET, FOREST_RIGHT), FOREST_LICENCE),
                "issuer_code",
                "is not the seal's organisation " + FORESTRY);
        expectRefused(
                jws(FORESTRY_SEAL, "dc+sd-jwt", credential(FORESTRY, BUSINESS_LICENCE), FOREST_LICENCE),
                "vct",
                "does not name the licence type " + FOREST_RIGHT);
        Map<String, Object> otherLicence = credential(FORESTRY, FOREST_RIGHT);
        otherLicence.put(
                "licence_identifier",
                LicenceIdentifier.first(FOREST_RIGHT, FORESTRY, "OTHER").toString());
        expectRefused(jws(FORESTRY_SEAL, "dc+sd-jwt", otherLicence, FOREST_LICENCE), "licence_identifier");
        Map<String, Object> statusOfOther = statusList();
        statusOfOther.put("issuer_code", HEALTH);
        expectRefused(jws(FORESTRY_SEAL, "statuslist+jwt", statusOfOther, FOREST_LICENCE), "issuer_code");

        // the identifier itself must be the seal's authority's, and is required
        expectRefused(
                jws(MARKET_SEAL, "dc+sd-jwt", credential(MARKET, FOREST_RIGHT), FOREST_LICENCE),
                "not by the seal's organisation");
        expectRefused(jws(FORESTRY_SEAL, "dc+sd-jwt", credential(FORESTRY, FOREST_RIGHT), null), "licenceIdentifier");

        // payloads that are not what their typ claims
        Map<String, Object> forged = new LinkedHashMap<>(Map.of("iss", "x", "name", "张三", "licence", "林权证"));
        Answer arbitrary = jws(FORESTRY_SEAL, "dc+sd-jwt", forged, FOREST_LICENCE);
        assertThat(arbitrary.status()).as(arbitrary.body()).isEqualTo(422);
        assertThat(arbitrary.detail()).contains("'vct'");
        Map<String, Object> credentialAsStatus = credential(FORESTRY, FOREST_RIGHT);
        credentialAsStatus.putAll(statusList());
        assertThat(jws(FORESTRY_SEAL, "statuslist+jwt", credentialAsStatus, FOREST_LICENCE)
                        .detail())
                .contains("must not have vct");
        assertThat(jws(FORESTRY_SEAL, "dc+sd-jwt", credentialAsStatus, FOREST_LICENCE)
                        .detail())
                .contains("must not have status_list");
        Map<String, Object> badBits = statusList();
        badBits.put("status_list", Map.of("bits", 3, "lst", "x"));
        assertThat(jws(FORESTRY_SEAL, "statuslist+jwt", badBits, FOREST_LICENCE).status())
                .isEqualTo(422);

        List<Map<String, Object>> log = usages(FORESTRY_SEAL).stream()
                .filter(u -> "JWS".equals(u.get("format")))
                .toList();
        assertThat(log).filteredOn(u -> "SIGNED".equals(u.get("result"))).hasSize(2);
        assertThat(log).filteredOn(u -> "REFUSED".equals(u.get("result"))).hasSize(9);
        assertThat(log)
                .filteredOn(u -> "SIGNED".equals(u.get("result")))
                .allSatisfy(u -> assertThat(u)
                        .containsEntry("licenceIdentifier", FOREST_LICENCE)
                        .containsEntry("licenceType", FOREST_RIGHT));
    }

    // ---- many signatures in one request ----------------------------------------------------------------------------

    /**
     * {@code POST /api/v1/signatures/batch} (issue #18): each item is authorised, signed or refused, and recorded as its
     * own endpoint would do it; a refused or malformed item fails alone; a time-stamp item is RFC 3161's answer.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aBatchHandlesEachItemAsItsOwnEndpointWould() throws Exception {
        byte[] imprint = digest(104);
        org.bouncycastle.tsp.TimeStampRequest query = new org.bouncycastle.tsp.TimeStampRequestGenerator()
                .generate(org.bouncycastle.tsp.TSPAlgorithms.SHA256, imprint, java.math.BigInteger.TEN);
        List<Object> items = List.of(
                Map.of(
                        "pades",
                        Map.of("sealId", MARKET_SEAL, "digest", b64(digest(101)), "licenceIdentifier", BUSINESS)),
                Map.of(
                        "pades",
                        Map.of("sealId", MARKET_SEAL, "digest", b64(digest(102)), "licenceIdentifier", FOREST_LICENCE)),
                Map.of(
                        "ses",
                        Map.of(
                                "sealId",
                                MARKET_SEAL,
                                "dataHash",
                                b64(digest(103)),
                                "propertyInfo",
                                "/Doc_0/Signs/Sign_0/Signature.xml",
                                "licenceIdentifier",
                                BUSINESS)),
                Map.of("timestamp", b64(query.getEncoded())),
                Map.of("pades", Map.of("digest", b64(digest(105)))),
                Map.of("ses", Map.of("sealId", MARKET_SEAL), "timestamp", "AA=="));

        Answer answer = post("/api/v1/signatures/batch", LICENCE_SERVICE, Map.of("items", items));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<Map<String, Object>> results =
                (List<Map<String, Object>>) answer.json().get("items");
        assertThat(results).extracting(r -> r.get("status")).containsExactly(200, 403, 200, 200, 400, 400);
        byte[] cms = Base64.getDecoder()
                .decode((String) ((Map<String, Object>) results.get(0).get("pades")).get("cms"));
        assertThat(new org.bouncycastle.cms.CMSSignedData(cms).getSignerInfos().size())
                .isEqualTo(1);
        assertThat((Map<String, Object>) results.get(1).get("problem"))
                .containsEntry("type", "https://zhengyin.dev/problems/signing-refused");
        assertThat(results.get(1)).doesNotContainKey("pades");
        assertThat(((Map<String, Object>) results.get(2).get("ses")).get("sesSignature"))
                .isNotNull();
        org.bouncycastle.tsp.TimeStampResponse reply = new org.bouncycastle.tsp.TimeStampResponse(
                Base64.getDecoder().decode((String) results.get(3).get("timestamp")));
        reply.validate(query);
        assertThat(reply.getTimeStampToken().getTimeStampInfo().getMessageImprintDigest())
                .isEqualTo(imprint);
        assertThat((Map<String, Object>) results.get(4).get("problem"))
                .containsEntry("type", "https://zhengyin.dev/problems/validation-failed");

        List<Map<String, Object>> log = usages(MARKET_SEAL);
        assertThat(log)
                .anyMatch(u -> "SIGNED".equals(u.get("result"))
                        && "PAdES".equals(u.get("format"))
                        && HexFormat.of().formatHex(digest(101)).equals(u.get("digestHex")));
        assertThat(log)
                .anyMatch(u -> "SIGNED".equals(u.get("result"))
                        && "SES".equals(u.get("format"))
                        && HexFormat.of().formatHex(digest(103)).equals(u.get("digestHex")));
        assertThat(log)
                .anyMatch(u -> "REFUSED".equals(u.get("result"))
                        && HexFormat.of().formatHex(digest(102)).equals(u.get("digestHex")));

        // the batch needs the signing scope like every signing endpoint, and is bounded
        assertThat(post("/api/v1/signatures/batch", READER, Map.of("items", items.subList(0, 1)))
                        .status())
                .isEqualTo(403);
        Answer tooMany = post(
                "/api/v1/signatures/batch",
                LICENCE_SERVICE,
                Map.of("items", java.util.Collections.nCopies(65, items.get(3))));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.detail()).contains("at most 64 items");
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
