package cn.zhengyin.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import cn.zhengyin.trust.pdf.PadesLtaExtender;
import cn.zhengyin.trust.testing.TestHttp;
import cn.zhengyin.trust.timestamp.Rfc3161Client;
import cn.zhengyin.trust.validation.HttpRevocationSource;
import cn.zhengyin.trust.validation.RevocationSource;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue #20, "real long-term validation", checked by validators that are not ours. A licence of every shipped type
 * (templates/*) is issued end to end through both services; then, with nothing but the file and the ECDSA dev root:
 * <ul>
 *   <li>EU DSS 6.4 (in its own JVM, offline: no CRL, OCSP or AIA source, default policy) classifies each PDF as
 *       PAdES-BASELINE-LTA and each XML as XAdES-BASELINE-LT, both TOTAL_PASSED, every time-stamp PASSED;</li>
 *   <li>poppler's pdfsig reports the seal signature of each PDF valid and the last document time-stamp covering
 *       the whole file; OpenSSL verifies each document time-stamp token over the bytes it covers;</li>
 *   <li>ofdrw's own validator (ofdrw-sign 2.3.3, in its own JVM on Bouncy Castle 1.70) verifies each OFD's GB/T
 *       38540 seal signature, and page 1 as ofdrw's converter draws it matches the PDF's rendering by poppler
 *       (issue #19);</li>
 *   <li>a licence whose archive time-stamp is renewed ({@link PadesLtaExtender#renew}) is still LTA and
 *       TOTAL_PASSED to DSS, now with two document time-stamps, and pdfsig still finds every signature valid.</li>
 * </ul>
 * The files and DSS's simple reports stay in {@code target/interop/} for inspection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongTermValidationInteropIT {
    static final Path OUT = Path.of("target", "interop").toAbsolutePath();
    static final String RENEWED = "business-licence-renewed.pdf";

    private Services services;
    private final Map<String, DssLine> signatures = new LinkedHashMap<>();
    static final String SEALED_PDF = "sealed-decision.pdf";
    static final String SEALED_OFD = "sealed-decision.ofd";
    private final List<DssLine> sealedSignatures = new ArrayList<>();
    private final Map<String, List<DssLine>> timestamps = new LinkedHashMap<>();

    /** One line of {@link DssValidation}'s output. */
    record DssLine(String file, String kind, String id, String format, String indication, String sub, String errors) {}

    static Stream<String> types() throws IOException {
        try (Stream<Path> dirs = Files.list(Services.TEMPLATES)) {
            List<String> slugs = dirs.filter(d -> Files.isRegularFile(d.resolve("type.json")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
            assertThat(slugs).as("shipped licence types").hasSizeGreaterThanOrEqualTo(4);
            return slugs.stream();
        }
    }

    @BeforeAll
    void issueEveryTypeAndValidateWithDss() throws Exception {
        Files.createDirectories(OUT);
        services = new Services();
        List<Path> files = new ArrayList<>();
        for (String slug : types().toList()) {
            String token = services.approvalToken(slug);
            String id = issue(slug, token);
            files.add(write(slug + ".pdf", download(id, "pdf", token)));
            files.add(write(slug + ".xml", download(id, "xml", token)));
            write(slug + ".ofd", download(id, "ofd", token));
        }
        // a holder named with characters beyond GB 2312 (CJK Extensions A and B), drawn from the fallback fonts
        String rareToken = services.approvalToken("business-licence");
        // another company (a company holds one 营业执照 in force, and the sample's company has one now)
        String rare = issue(
                "business-licence",
                rareToken,
                Map.of("name", RARE_NAME, "legalRepresentative", "王𠀀", "uscc", RARE_COMPANY));
        write(RARE + ".ofd", download(rare, "ofd", rareToken));
        write(RARE + ".pdf", download(rare, "pdf", rareToken));
        write(RARE + ".xml", download(rare, "xml", rareToken));
        byte[] businessLicence = Files.readAllBytes(OUT.resolve("business-licence.pdf"));
        files.add(write(RENEWED, renewer().renew(businessLicence)));
        // an approval system's own decision, sealed by keyword and with a cross-page seal (用印, docs/sealing.md)
        String sealing = services.clientToken("approval-sealing-demo:approval-sealing-secret", "seal:use");
        String seal = "{\"sealId\":\"ZYDEV-SEAL-0001\",";
        files.add(write(
                SEALED_PDF,
                sealDocument(
                        cn.zhengyin.trust.sealing.SampleDecisions.pdf(),
                        "{\"category\":\"decision\",\"caseNumber\":\"INTEROP-1\",\"seals\":[" + seal
                                + "\"keyword\":\"" + cn.zhengyin.trust.sealing.SampleDecisions.AUTHORITY
                                + "\",\"occurrence\":\"last\"}," + seal + "\"crossPage\":true,\"y\":148.5}]}",
                        sealing)));
        write(
                SEALED_OFD,
                sealDocument(
                        cn.zhengyin.trust.sealing.SampleDecisions.ofd(),
                        "{\"category\":\"decision\",\"caseNumber\":\"INTEROP-2\",\"seals\":[" + seal
                                + "\"crossPage\":true,\"y\":148.5}]}",
                        sealing));
        for (DssLine line : runDss(files)) {
            if (line.file().equals(SEALED_PDF) && line.kind().equals("SIGNATURE")) {
                sealedSignatures.add(line);
            } else if (line.kind().equals("SIGNATURE")) {
                assertThat(signatures.put(line.file(), line))
                        .as("one signature per file: " + line)
                        .isNull();
            } else {
                timestamps.computeIfAbsent(line.file(), f -> new ArrayList<>()).add(line);
            }
        }
    }

    @AfterAll
    void stop() {
        if (services != null) {
            services.close();
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void thePdfIsPadesBaselineLtaAndTotalPassedToDssOfflineWithOnlyTheRoot(String slug) {
        DssLine signature = signatures.get(slug + ".pdf");
        assertThat(signature).as("DSS found the seal signature").isNotNull();
        assertThat(signature.format()).as(signature.toString()).isEqualTo("PAdES-BASELINE-LTA");
        assertThat(signature.indication()).as(signature.toString()).isEqualTo("TOTAL_PASSED");
        // the signature time-stamp and the document time-stamp
        assertThat(timestamps.get(slug + ".pdf"))
                .hasSize(2)
                .extracting(DssLine::format)
                .containsExactlyInAnyOrder("SIGNATURE_TIMESTAMP", "DOCUMENT_TIMESTAMP");
        assertThat(timestamps.get(slug + ".pdf"))
                .allSatisfy(t -> assertThat(t.indication()).as(t.toString()).isEqualTo("PASSED"));
    }

    @ParameterizedTest
    @MethodSource("types")
    void theXmlIsXadesBaselineLtAndTotalPassedToDssOfflineWithOnlyTheRoot(String slug) {
        DssLine signature = signatures.get(slug + ".xml");
        assertThat(signature).as("DSS found the XML signature").isNotNull();
        assertThat(signature.format()).as(signature.toString()).isEqualTo("XAdES-BASELINE-LT");
        assertThat(signature.indication()).as(signature.toString()).isEqualTo("TOTAL_PASSED");
        assertThat(timestamps.get(slug + ".xml")).singleElement().satisfies(t -> {
            assertThat(t.format()).isEqualTo("SIGNATURE_TIMESTAMP");
            assertThat(t.indication()).as(t.toString()).isEqualTo("PASSED");
        });
    }

    @ParameterizedTest
    @MethodSource("types")
    void pdfsigReportsTheSignatureAndTheDocumentTimestampValid(String slug) throws Exception {
        assertEverySignatureValidToPdfsig(OUT.resolve(slug + ".pdf"), 2);
    }

    @Test
    void aRenewedArchiveTimestampKeepsTheLicenceLtaAndTotalPassed() throws Exception {
        byte[] original = Files.readAllBytes(OUT.resolve("business-licence.pdf"));
        byte[] renewed = Files.readAllBytes(OUT.resolve(RENEWED));
        assertThat(Arrays.copyOf(renewed, original.length))
                .as("the renewal only appends")
                .isEqualTo(original);
        DssLine signature = signatures.get(RENEWED);
        assertThat(signature.format()).as(signature.toString()).isEqualTo("PAdES-BASELINE-LTA");
        assertThat(signature.indication()).as(signature.toString()).isEqualTo("TOTAL_PASSED");
        assertThat(timestamps.get(RENEWED))
                .extracting(DssLine::format)
                .containsExactlyInAnyOrder("SIGNATURE_TIMESTAMP", "DOCUMENT_TIMESTAMP", "DOCUMENT_TIMESTAMP");
        assertThat(timestamps.get(RENEWED))
                .allSatisfy(t -> assertThat(t.indication()).as(t.toString()).isEqualTo("PASSED"));
        assertEverySignatureValidToPdfsig(OUT.resolve(RENEWED), 3);
    }

    // ---- size (issue #18) -------------------------------------------------------------------------------------------

    /**
     * Largest licence PDF accepted here: 66.1 KB measured for the rare-character business licence, 62.9 KB for the
     * business licence (issue #18's target is 50 KB: not met, see docs/performance.md "Size").
     */
    static final int PDF_LIMIT_BYTES = 68 * 1024;

    /** Largest PDF + OFD + XML of one licence (the target, 100 KB for all renditions and records, is not met). */
    static final int RENDITIONS_LIMIT_BYTES = 150 * 1024; // 148.2 KB measured

    /**
     * Every shipped type, and a holder named with CJK Extension A/B characters (fallback fonts): the PDF and the sum of
     * the renditions stay under the limits above, the seal is drawn as paths and its characters as text in the page's
     * font (no image XObject in the PDF), and the
     * rare-character PDF is as valid to pdfsig as the others. The sizes go to {@code target/interop/sizes.txt}.
     */
    @Test
    void everyLicenceIsWithinTheSizeLimitsAndTheSealIsVector() throws Exception {
        List<String> licences = new ArrayList<>(types().toList());
        licences.add(RARE);
        StringBuilder report =
                new StringBuilder("licence                                 PDF      OFD      XML      sum\n");
        for (String slug : licences) {
            long pdf = Files.size(OUT.resolve(slug + ".pdf"));
            long ofd = Files.size(OUT.resolve(slug + ".ofd"));
            long xml = Files.size(OUT.resolve(slug + ".xml"));
            report.append(String.format(
                    java.util.Locale.ROOT, "%-36s %8d %8d %8d %8d%n", slug, pdf, ofd, xml, pdf + ofd + xml));
            assertThat(pdf).as(slug + ".pdf bytes").isLessThanOrEqualTo(PDF_LIMIT_BYTES);
            assertThat(pdf + ofd + xml).as(slug + " renditions bytes").isLessThanOrEqualTo(RENDITIONS_LIMIT_BYTES);
            String raw = new String(Files.readAllBytes(OUT.resolve(slug + ".pdf")), StandardCharsets.ISO_8859_1);
            assertThat(raw).as(slug + ".pdf draws the seal without an image").doesNotContain("/Subtype /Image");
            assertThat(raw)
                    .as(slug + ".pdf draws the seal's characters as text in the page's font")
                    .contains("/SealF1 ");
        }
        Files.writeString(OUT.resolve("sizes.txt"), report);
        assertEverySignatureValidToPdfsig(OUT.resolve(RARE + ".pdf"), 2);
    }

    // ---- OFD (issue #19): ofdrw's own validator and renderer, in their own JVM -----------------------------------

    /** Pixels per millimetre of both renderings compared (pdftoppm at the same resolution in dpi). */
    static final int PPM = 5;

    /** A business licence whose holder and representative are named with CJK Extension A and B characters. */
    static final String RARE = "business-licence-rare-characters";

    static final String RARE_NAME = "𪚥䶮堃龍数字科技有限公司";

    private Map<String, String> ofdrw;

    /** One JVM on ofdrw's class path (ofdrw-sign 2.3.3, ofdrw-converter 2.3.6, Bouncy Castle 1.70) for every file. */
    private synchronized Map<String, String> ofdrw() throws Exception {
        if (ofdrw == null) {
            List<String> requests = new ArrayList<>(List.of(
                    "validate",
                    OUT.resolve(RARE + ".ofd").toString(),
                    "validate",
                    OUT.resolve(SEALED_OFD).toString()));
            for (String slug : types().toList()) {
                Path ofd = OUT.resolve(slug + ".ofd");
                requests.addAll(List.of("validate", ofd.toString()));
                requests.addAll(List.of(
                        "render", ofd.toString(), OUT.resolve(slug + ".ofd.png").toString(), Integer.toString(PPM)));
            }
            Path module =
                    Path.of("..", "ofdrw-interop", "target").toAbsolutePath().normalize();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.awt.headless=true",
                    "-cp",
                    module.resolve("classes")
                            + File.pathSeparator
                            + Files.readString(module.resolve("runtime-classpath.txt"))
                                    .trim(),
                    "cn.zhengyin.ofdrwinterop.OfdrwCheck"));
            command.addAll(requests);
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(false).start();
            process.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(300, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            Files.writeString(OUT.resolve("ofdrw.txt"), out);
            ofdrw = new LinkedHashMap<>();
            for (String line : out.lines().toList()) {
                String[] parts = line.split(" ", 3);
                if (parts.length >= 2) {
                    ofdrw.put(
                            parts[0].startsWith("VALID") || parts[0].equals("INVALID")
                                    ? "validate " + parts[1]
                                    : "render " + parts[1],
                            line);
                }
            }
        }
        return ofdrw;
    }

    @ParameterizedTest
    @MethodSource("types")
    void theOfdsSealSignatureVerifiesWithOfdrwsOwnValidator(String slug) throws Exception {
        String line = ofdrw().get("validate " + OUT.resolve(slug + ".ofd"));
        assertThat(line).as("ofdrw's answer (target/interop/ofdrw.txt)").startsWith("VALID ");
    }

    @Test
    void aSealedDecisionWithAKeywordSealAndACrossPageSealIsLtaTotalPassedToDssAndValidToPdfsig() throws Exception {
        assertThat(sealedSignatures).as("target/interop/dss.txt").hasSize(2).allSatisfy(line -> {
            assertThat(line.format()).isEqualTo("PAdES-BASELINE-LTA");
            assertThat(line.indication()).as(line.toString()).isEqualTo("TOTAL_PASSED");
        });
        String out = run("pdfsig", OUT.resolve(SEALED_PDF).toString());
        // poppler lists a cross-page seal once per widget (page); every CAdES entry must be valid
        long valid = Pattern.compile("Signature Validation: Signature is Valid\\.")
                .matcher(out)
                .results()
                .count();
        assertThat(valid).as(out).isEqualTo(1 + 3);
        assertThat(out)
                .as(out)
                .doesNotContain("not signed")
                .doesNotContain("Invalid")
                .doesNotContain("Mismatch");
    }

    @Test
    void aSealedDecisionOfdWithACrossPageSealVerifiesWithOfdrwsOwnValidator() throws Exception {
        String line = ofdrw().get("validate " + OUT.resolve(SEALED_OFD));
        assertThat(line).as("ofdrw's answer (target/interop/ofdrw.txt)").startsWith("VALID ");
    }

    private byte[] sealDocument(byte[] document, String request, String token) {
        java.net.http.HttpResponse<byte[]> response =
                services.send(TestHttp.sealing(services.sealUrl.resolve("/api/v1/sealings"), document, request, token));
        assertThat(response.statusCode()).as(Services.text(response)).isEqualTo(200);
        return response.body();
    }

    @Test
    void anOfdWhoseHolderIsNamedWithExtensionBCharactersVerifiesWithOfdrwsOwnValidator() throws Exception {
        String line = ofdrw().get("validate " + OUT.resolve(RARE + ".ofd"));
        assertThat(line).as("ofdrw's answer (target/interop/ofdrw.txt)").startsWith("VALID ");
    }

    /**
     * ofdrw draws page 1 of the OFD (its seal from the stamp annotation) and poppler draws the PDF, both at {@link
     * #PPM} pixels per millimetre; in each region of the layout — the title, the QR code, the seal, and the page as a
     * whole — the box around the dark (and red) pixels is the same in both, within 2 mm (ofdrw does not stroke the title to make it bold, as the PDF does, and draws thin rules lighter).
     */
    @ParameterizedTest
    @MethodSource("types")
    void theOfdLooksLikeThePdfFieldsSealAndQrCodeInTheSamePlaces(String slug) throws Exception {
        assertThat(ofdrw().get("render " + OUT.resolve(slug + ".ofd"))).startsWith("RENDERED ");
        Path pdfPng = OUT.resolve(slug + ".pdf.png");
        Process pdftoppm = new ProcessBuilder(
                        "pdftoppm",
                        "-png",
                        "-r",
                        Double.toString(PPM * 25.4),
                        "-singlefile",
                        OUT.resolve(slug + ".pdf").toString(),
                        pdfPng.toString().replaceAll("\\.png$", ""))
                .redirectErrorStream(true)
                .start();
        assertThat(pdftoppm.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(pdftoppm.exitValue()).isZero();
        java.awt.image.BufferedImage ofdImage =
                javax.imageio.ImageIO.read(OUT.resolve(slug + ".ofd.png").toFile());
        java.awt.image.BufferedImage pdfImage = javax.imageio.ImageIO.read(pdfPng.toFile());
        assertThat(Math.abs(ofdImage.getWidth() - pdfImage.getWidth()))
                .as("page width")
                .isLessThanOrEqualTo(PPM);
        assertThat(Math.abs(ofdImage.getHeight() - pdfImage.getHeight()))
                .as("page height")
                .isLessThanOrEqualTo(PPM);

        JsonNode layout =
                Services.json(Files.readString(Services.TEMPLATES.resolve(slug).resolve("layout.json")));
        JsonNode seal = layout.get("seal");
        JsonNode qr = layout.get("qrCode");
        double r = seal.get("diameterMm").asDouble() / 2;
        Map<String, double[]> regions = new LinkedHashMap<>();
        regions.put(
                "page", new double[] {0, 0, ofdImage.getWidth() / (double) PPM, ofdImage.getHeight() / (double) PPM});
        regions.put("seal", new double[] {
            seal.get("centreXMm").asDouble() - r - 2,
            seal.get("centreYMm").asDouble() - r - 2,
            seal.get("centreXMm").asDouble() + r + 2,
            seal.get("centreYMm").asDouble() + r + 2
        });
        regions.put("qrCode", new double[] {
            qr.get("xMm").asDouble() - 1,
            qr.get("yMm").asDouble() - 1,
            qr.get("xMm").asDouble() + qr.get("sizeMm").asDouble() + 1,
            qr.get("yMm").asDouble() + qr.get("sizeMm").asDouble() + 1
        });
        double titleY = layout.get("title").get("yMm").asDouble();
        regions.put("title", new double[] {40, titleY - 20, ofdImage.getWidth() / (double) PPM - 40, titleY + 3});
        StringBuilder report = new StringBuilder(slug + "\n");
        regions.forEach((name, box) -> {
            double[] ofdInk = ink(ofdImage, box, name.equals("seal"));
            double[] pdfInk = ink(pdfImage, box, name.equals("seal"));
            report.append(String.format(
                    java.util.Locale.ROOT,
                    "  %-7s OFD %s  PDF %s%n",
                    name,
                    Arrays.toString(ofdInk),
                    Arrays.toString(pdfInk)));
            assertThat(ofdInk).as(name + " has ink in the OFD rendering").isNotEmpty();
            assertThat(pdfInk).as(name + " has ink in the PDF rendering").isNotEmpty();
            for (int i = 0; i < 4; i++) {
                assertThat(Math.abs(ofdInk[i] - pdfInk[i]))
                        .as(name + " box edge " + i + ": OFD " + Arrays.toString(ofdInk) + ", PDF "
                                + Arrays.toString(pdfInk))
                        .isLessThanOrEqualTo(2.0);
            }
        });
        // the seal is drawn, not filled: about as many red pixels in both (a rim filled as a solid disc has ~4x more)
        double[] sealBox = regions.get("seal");
        long ofdRed = redPixels(ofdImage, sealBox);
        long pdfRed = redPixels(pdfImage, sealBox);
        report.append(String.format(java.util.Locale.ROOT, "  seal red pixels OFD %d  PDF %d%n", ofdRed, pdfRed));
        Files.writeString(OUT.resolve(slug + ".compare.txt"), report);
        assertThat((double) ofdRed / pdfRed)
                .as("red pixels of the seal, OFD / PDF: " + report)
                .isBetween(0.5, 2.0);
    }

    private static long redPixels(java.awt.image.BufferedImage image, double[] box) {
        long red = 0;
        for (int y = (int) (box[1] * PPM); y < Math.min(image.getHeight(), box[3] * PPM); y++) {
            for (int x = (int) (box[0] * PPM); x < Math.min(image.getWidth(), box[2] * PPM); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (r > 150 && g < 130 && b < 130) {
                    red++;
                }
            }
        }
        return red;
    }

    /**
     * The box (left, top, right, bottom, in mm) around the pixels inside {@code box} that are dark, or with
     * {@code red} also the seal's red; empty when there are none.
     */
    private static double[] ink(java.awt.image.BufferedImage image, double[] box, boolean red) {
        int x0 = (int) Math.max(0, box[0] * PPM);
        int y0 = (int) Math.max(0, box[1] * PPM);
        int x1 = (int) Math.min(image.getWidth(), box[2] * PPM);
        int y1 = (int) Math.min(image.getHeight(), box[3] * PPM);
        int left = Integer.MAX_VALUE, top = Integer.MAX_VALUE, right = -1, bottom = -1;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                int rr = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                boolean dark = (rr * 299 + g * 587 + b * 114) / 1000 < 110;
                boolean reddish = red && rr > 150 && g < 120 && b < 120;
                if (dark || reddish) {
                    left = Math.min(left, x);
                    top = Math.min(top, y);
                    right = Math.max(right, x);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        if (right < 0) {
            return new double[0];
        }
        return new double[] {
            left / (double) PPM, top / (double) PPM, (right + 1) / (double) PPM, (bottom + 1) / (double) PPM
        };
    }

    // ---- issuing -----------------------------------------------------------------------------------------------

    private static final String RARE_COMPANY = cn.zhengyin.trust.identifier.UnifiedSocialCreditCode.completing(
                    "91990100MA09XF0W1")
            .value();

    private String issue(String slug, String token) throws IOException {
        return issue(slug, token, Map.of());
    }

    private String issue(String slug, String token, Map<String, String> changed) throws IOException {
        JsonNode type = Services.json(Services.text(
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licence-types/" + slug))
                        .GET()
                        .build())));
        ObjectNode fields = (ObjectNode)
                Services.json(Files.readString(Services.TEMPLATES.resolve(slug).resolve("sample.json")))
                        .get("fields");
        for (JsonNode f : type.get("fields")) {
            if (f.has("role") && f.get("role").asString().equals("ISSUING_AUTHORITY")) {
                fields.remove(f.get("key").asString()); // the service fills in the approval system's authority
            }
        }
        changed.forEach(fields::put);
        ObjectNode request =
                Services.JSON.createObjectNode().put("licenceType", slug).put("caseNumber", "IOP-" + slug);
        request.set("fields", fields);
        HttpResponse<byte[]> issued =
                services.send(HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "interop-" + UUID.randomUUID())
                        .POST(HttpRequest.BodyPublishers.ofString(request.toString(), StandardCharsets.UTF_8))
                        .build());
        assertThat(issued.statusCode()).as(Services.text(issued)).isEqualTo(201);
        return Services.json(Services.text(issued)).get("identifier").asString();
    }

    private byte[] download(String identifier, String kind, String token) {
        HttpResponse<byte[]> response = services.send(
                HttpRequest.newBuilder(services.licenceUrl.resolve("/api/v1/licences/" + identifier + "/" + kind))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(OUT.resolve(name), bytes);
    }

    /** Archive renewal as the licence service's job will do it: the seal service's TSA and CRLs over HTTP. */
    private PadesLtaExtender renewer() {
        Pattern crlPath = Pattern.compile("/crl/[A-Za-z0-9._-]+\\.crl");
        RevocationSource crls = issued -> {
            for (URI uri : HttpRevocationSource.crlUris(issued)) {
                Matcher m = crlPath.matcher(uri.getPath() == null ? "" : uri.getPath());
                if (m.matches()) { // the dev CDP names port 8082; the seal service runs on a random port here
                    HttpResponse<byte[]> crl =
                            services.send(HttpRequest.newBuilder(services.sealUrl.resolve(uri.getPath()))
                                    .GET()
                                    .build());
                    assertThat(crl.statusCode()).isEqualTo(200);
                    return Optional.of(crl.body());
                }
            }
            return Optional.empty();
        };
        Rfc3161Client tsa =
                new Rfc3161Client(query -> services.send(HttpRequest.newBuilder(services.sealUrl.resolve("/tsa"))
                                .header("Content-Type", "application/timestamp-query")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(query))
                                .build())
                        .body());
        return new PadesLtaExtender(crls, tsa, 64L * 1024 * 1024);
    }

    // ---- the independent validators -----------------------------------------------------------------------------

    /** Runs {@link DssValidation} in a fresh JVM on DSS's own library versions. */
    private static List<DssLine> runDss(List<Path> files) throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        List<String> classpath = new ArrayList<>();
        try (Stream<Path> dssLibs = Files.list(target.resolve("dss-libs"))) {
            dssLibs.sorted().map(Path::toString).forEach(classpath::add);
        }
        classpath.add(target.resolve("test-classes").toString());
        Pattern replaced = Pattern.compile("/org/bouncycastle/bc(prov|pkix|util)-jdk18on/|/org/apache/pdfbox/"
                + "(pdfbox|fontbox|pdfbox-io)/|/org/apache/santuario/xmlsec/|/ch/qos/logback/");
        for (String entry :
                Files.readString(target.resolve("test-classpath.txt")).trim().split(File.pathSeparator)) {
            if (!replaced.matcher(entry.replace(File.separatorChar, '/')).find()) {
                classpath.add(entry);
            }
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                String.join(File.pathSeparator, classpath),
                DssValidation.class.getName(),
                Services.KEYS.resolve("root-ca.crt.pem").toString()));
        files.forEach(f -> command.add(f.toString()));
        Process process = new ProcessBuilder(command)
                .redirectError(OUT.resolve("dss.stderr.txt").toFile())
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Files.writeString(OUT.resolve("dss.stdout.txt"), out);
        assertThat(process.exitValue())
                .as("DSS run failed: " + Files.readString(OUT.resolve("dss.stderr.txt")))
                .isZero();
        return out.lines()
                .filter(l -> !l.isBlank())
                .map(l -> l.split("\t", -1))
                .filter(p -> p.length == 7)
                .map(p -> new DssLine(p[0], p[1], p[2], p[3], p[4], p[5], p[6]))
                .toList();
    }

    /**
     * pdfsig (poppler) checks the seal signature; poppler 22.12 (Debian 12) does not implement ETSI.RFC3161 ("Unable
     * to validate this type of signature"), so each document time-stamp's token is checked by OpenSSL instead
     * ({@code openssl ts -verify} over exactly the bytes its ByteRange covers, against the dev root).
     */
    private static void assertEverySignatureValidToPdfsig(Path pdf, int expected) throws Exception {
        String out = run("pdfsig", pdf.toString());
        assertThat(out).as(out).contains("Digital Signature Info of:");
        assertThat(Pattern.compile("^Signature #\\d+:", Pattern.MULTILINE)
                        .matcher(out)
                        .results()
                        .count())
                .as(out)
                .isEqualTo(expected);
        assertThat(out).as(out).doesNotContain("Signature is Invalid").doesNotContain("Digest Mismatch");
        assertThat(out.substring(out.lastIndexOf("Signature #")))
                .as("the last document time-stamp covers the whole file")
                .contains("Total document signed");
        byte[] bytes = Files.readAllBytes(pdf);
        int seals = 0;
        int timestamps = 0;
        try (PDDocument document = Loader.loadPDF(bytes)) {
            for (PDSignature signature : document.getSignatureDictionaries()) {
                if ("ETSI.RFC3161".equals(signature.getSubFilter())) {
                    timestamps++;
                    Path data = Files.write(
                            OUT.resolve(pdf.getFileName() + ".ts" + timestamps + ".data"),
                            signature.getSignedContent(bytes));
                    Path token;
                    try (ASN1InputStream in = new ASN1InputStream(signature.getContents())) {
                        token = Files.write(
                                OUT.resolve(pdf.getFileName() + ".ts" + timestamps + ".tst"),
                                in.readObject().getEncoded("DER"));
                    }
                    String verified = run(
                            "openssl",
                            "ts",
                            "-verify",
                            "-data",
                            data.toString(),
                            "-in",
                            token.toString(),
                            "-token_in",
                            "-CAfile",
                            Services.KEYS.resolve("root-ca.crt.pem").toString(),
                            "-untrusted",
                            Services.KEYS.resolve("seal-ca.crt.pem").toString());
                    assertThat(verified).as(verified).contains("Verification: OK");
                } else {
                    seals++;
                }
            }
        }
        assertThat(Pattern.compile("Signature Validation: Signature is Valid\\.")
                        .matcher(out)
                        .results()
                        .count())
                .as(out)
                .isEqualTo(seals);
        assertThat(seals + timestamps).isEqualTo(expected);
        assertThat(timestamps).isPositive();
    }

    private static String run(String tool, String... args) throws Exception {
        Path binary = Path.of("/usr/bin", tool);
        assumeThat(Files.isExecutable(binary)).as(tool + " is installed").isTrue();
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
