package cn.zhengyin.seal.image.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.zhengyin.seal.RunningSealService;
import cn.zhengyin.seal.image.ImageFixtures;
import cn.zhengyin.seal.image.ImageUploadPolicy;
import cn.zhengyin.seal.image.SealImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The seal image API through MockMvc on the shared {@link RunningSealService}. */
class SealImageApiTest extends RunningSealService {
    private static final String BASE = "/api/v1/seal-images";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebApplicationContext context;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
    }

    static RequestPostProcessor admin() {
        return jwt().jwt(j -> j.subject("seal-admin").claim("scope", "seal:admin"));
    }

    static RequestPostProcessor reader() {
        return jwt().jwt(j -> j.subject("reader").claim("scope", "seal:read"));
    }

    private JsonNode generate(String body, String query, int expectedStatus) throws Exception {
        String response = mvc.perform(post(BASE + "/generate" + query)
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().is(expectedStatus))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JSON.readTree(response);
    }

    @Test
    void generatesAContractSealAsSvgAndServesItSafelyAndAsPng() throws Exception {
        JsonNode image = generate(
                "{\"type\":\"04\",\"name\":\"证印示范市建设工程有限公司\",\"organisationCode\":" + "\"91330100MA00000001\"}",
                "",
                201);
        String id = image.get("id").asString();
        assertThat(id).matches(SealImage.ID_PATTERN);
        assertThat(image.get("mediaType").asString()).isEqualTo("image/svg+xml");
        assertThat(image.get("design").get("purpose").asString()).isEqualTo("合同专用章");
        assertThat(image.get("width").asDouble()).isEqualTo(40);
        assertThat(image.get("uploader").asString()).isEqualTo("seal-admin");

        generate(
                "{\"type\":\"04\",\"name\":\"证印示范市建设工程有限公司\",\"organisationCode\":\"91330100MA00000001\"}",
                "",
                200); // same design, same bytes: the existing image

        mvc.perform(get(BASE + "/" + id + "/content").with(reader()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/svg+xml"))
                .andExpect(header().string("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(content().string(containsString("viewBox=\"0 0 40 40\"")));
        byte[] png = mvc.perform(get(BASE + "/" + id + "/png?dpi=150").with(reader()))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.IMAGE_PNG))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(236);
        mvc.perform(get(BASE + "?organisationCode=91330100MA00000001").with(reader()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItem(id)));
        mvc.perform(get(BASE + "/" + id).with(reader()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.origin").value("GENERATED"));
    }

    @Test
    void generatesAPngOfALegalRepresentativeSealAtTheRequestedResolution() throws Exception {
        JsonNode image = generate("{\"type\":\"05\",\"name\":\"张三丰\"}", "?format=png&dpi=600", 201);
        assertThat(image.get("mediaType").asString()).isEqualTo("image/png");
        assertThat(image.get("width").asDouble()).isEqualTo(425);
        assertThat(image.get("dpi").asInt()).isEqualTo(600);
    }

    @Test
    void anInvalidDesignIsAProblemNamingTheFields() throws Exception {
        mvc.perform(post(BASE + "/generate")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"01\",\"name\":\"证印\",\"diameterMm\":100}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("diameterMm"))
                .andExpect(jsonPath("$.detail", containsString("outside 30.0..60.0 mm")));
    }

    @Test
    void uploadsAPngAndAnSvgIdempotently() throws Exception {
        MockMultipartFile png = new MockMultipartFile("file", "seal.png", "image/png", ImageFixtures.png(256, 256));
        String id = JSON.readTree(mvc.perform(multipart(BASE)
                                .file(png)
                                .param("organisationCode", "ORG-UP")
                                .with(admin()))
                        .andExpect(status().isCreated())
                        .andExpect(jsonPath("$.origin").value("UPLOADED"))
                        .andExpect(jsonPath("$.width").value(256))
                        .andExpect(jsonPath("$.pngUrl").doesNotExist())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asString();
        mvc.perform(multipart(BASE).file(png).with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id));
        mvc.perform(get(BASE + "/" + id + "/content").with(reader()))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.IMAGE_PNG))
                .andExpect(content().bytes(png.getBytes()));
        mvc.perform(get(BASE + "/" + id + "/png").with(reader()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://zhengyin.dev/problems/rendition-unavailable"));

        MockMultipartFile svg =
                new MockMultipartFile("file", "seal.svg", "image/svg+xml", ImageFixtures.svg(ImageFixtures.CLEAN_BODY));
        mvc.perform(multipart(BASE).file(svg).with(admin()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.mediaType").value("image/svg+xml"))
                .andExpect(jsonPath("$.unit").value("mm"));
    }

    @Test
    void rejectedUploadsAreExplainedAsProblems() throws Exception {
        mvc.perform(multipart(BASE)
                        .file(new MockMultipartFile("file", "seal.png", "image/png", ImageFixtures.jpeg()))
                        .with(admin()))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.detail", containsString("content is JPEG")));
        mvc.perform(multipart(BASE)
                        .file(new MockMultipartFile(
                                "file", "bomb.png", "image/png", ImageFixtures.pngBombHeader(100_000, 100_000)))
                        .with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://zhengyin.dev/problems/invalid-image"))
                .andExpect(jsonPath("$.detail", containsString("100000×100000")));
        byte[] big = Arrays.copyOf(ImageFixtures.png(100, 100), ImageUploadPolicy.MAX_BYTES + 10);
        mvc.perform(multipart(BASE)
                        .file(new MockMultipartFile("file", "big.png", "image/png", big))
                        .with(admin()))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.detail", containsString("2 MiB")));
        mvc.perform(multipart(BASE)
                        .file(new MockMultipartFile(
                                "file",
                                "x.svg",
                                "image/svg+xml",
                                ImageFixtures.svg("<script>alert(1)</script><g onload=\"x()\"/>")))
                        .with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://zhengyin.dev/problems/unsafe-svg"))
                .andExpect(jsonPath("$.errors[0].field").value("/svg/script[1]"))
                .andExpect(jsonPath("$.errors[1].field").value("/svg/g[1]/@onload"));
    }

    @Test
    void scopesGuardTheApi() throws Exception {
        mvc.perform(get(BASE)).andExpect(status().isUnauthorized());
        mvc.perform(post(BASE + "/generate")
                        .with(reader())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"01\",\"name\":\"证印科技有限公司\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(get(BASE).with(jwt().jwt(j -> j.claim("scope", "seal:sign"))))
                .andExpect(status().isForbidden());
        mvc.perform(get(BASE + "/sha256:" + "a".repeat(64)).with(reader()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://zhengyin.dev/problems/seal-image-not-found"));
    }
}
