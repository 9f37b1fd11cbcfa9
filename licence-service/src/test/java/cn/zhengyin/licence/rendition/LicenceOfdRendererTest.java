package cn.zhengyin.licence.rendition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeFixture;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.ofd.OfdPackage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.junit.jupiter.api.Test;
import org.ofdrw.core.basicStructure.ofd.docInfo.CustomDatas;
import org.ofdrw.reader.ContentExtractor;
import org.ofdrw.reader.OFDReader;

/** The OFD rendition: an OFD that ofdrw's reader opens, with the fields' text, embedded font subsets and metadata. */
class LicenceOfdRendererTest {

    static final Instant RENDERED_AT = Instant.parse("2024-05-20T02:30:00Z");
    static final LicenceOfdRenderer RENDERER = new LicenceOfdRenderer();

    static byte[] render(LicenceType type, Map<String, String> values) {
        LicenceIdentifier id = LicenceIdentifier.first(
                type.typeCode(), type.sample().issuerCode(), type.sample().serial());
        return RENDERER.render(
                type,
                values,
                new RenderContext(id, "https://zhengyin.example.cn/v/" + id, RENDERED_AT),
                new LicenceXmlMetadata(
                        id,
                        "证印示范市市场监督管理局",
                        type.sample().issuerCode(),
                        LocalDate.of(2024, 5, 20),
                        LocalDate.of(2024, 5, 20),
                        Optional.empty()));
    }

    @Test
    void ofdrwsReaderOpensTheLicenceAndExtractsItsFieldsAndMetadata() throws Exception {
        LicenceType type = LicenceTypeFixture.businessLicence();
        byte[] ofd = render(type, type.sample().fieldValuesAsText());

        assertThat(OfdPackage.looksLikeOfd(ofd)).isTrue();
        try (OFDReader reader = new OFDReader(new ByteArrayInputStream(ofd))) {
            assertThat(reader.getNumberOfPages()).isEqualTo(1);
            String text = String.join("", new ContentExtractor(reader).extractAll());
            assertThat(text)
                    .contains("营业执照")
                    .contains(type.sample().fieldValuesAsText().get("name"))
                    .contains("电子证照标识 1.2.156.3005.2.");
            CustomDatas custom =
                    reader.getOFDDir().getOfd().getDocBody().getDocInfo().getCustomDatas();
            assertThat(custom.getCustomDataValue("证照标识")).startsWith("1.2.156.3005.2." + type.typeCode());
            assertThat(custom.getCustomDataValue("证照类型代码")).isEqualTo(type.typeCode());
            assertThat(custom.getCustomDataValue("持证主体"))
                    .isEqualTo(type.sample().fieldValuesAsText().get("name"));
            assertThat(custom.getCustomDataValue("证照颁发机构代码"))
                    .isEqualTo(type.sample().issuerCode());
            assertThat(custom.getCustomDataValue("证照有效期截止日期")).isEqualTo("长期");
        }
    }

    @Test
    void theFontIsAnEmbeddedTrueTypeSubsetOfTheCharactersDrawn() throws Exception {
        LicenceType type = LicenceTypeFixture.businessLicence();
        byte[] ofd = render(type, type.sample().fieldValuesAsText());
        OfdPackage pkg = OfdPackage.read(ofd);
        List<String> fonts =
                pkg.names().stream().filter(n -> n.endsWith(".ttf")).toList();
        assertThat(fonts).hasSize(1);
        byte[] font = pkg.part(fonts.get(0)).orElseThrow();
        assertThat(font.length).isLessThan(200_000); // the whole face is about 5 MB
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font));
        assertThat(ttf.getTableMap()).containsKey("glyf").doesNotContainKey("CFF ");
        assertThat(ttf.getUnicodeCmapLookup().getGlyphId('营')).isPositive();
        assertThat(ttf.getUnicodeCmapLookup().getGlyphId('龘')).isZero();
        String documentRes = new String(pkg.part("Doc_0/DocumentRes.xml").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(documentRes)
                .contains("FontFile>" + fonts.get(0).substring(fonts.get(0).lastIndexOf('/') + 1));
        String content = new String(pkg.part("Doc_0/Pages/Page_0/Content.xml").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(content).contains("DeltaX=");
    }

    @Test
    void aNameWithExtensionBCharactersIsDrawnGlyphByGlyphFromTheFallbackFaces() throws Exception {
        LicenceType type = LicenceTypeFixture.businessLicence();
        Map<String, String> values = new HashMap<>(type.sample().fieldValuesAsText());
        values.put("name", "𪚥䶮堃龍数字科技有限公司");
        values.put("legalRepresentative", "王𠀀");
        byte[] ofd = render(type, values);

        try (OFDReader reader = new OFDReader(new ByteArrayInputStream(ofd))) {
            String text = String.join("", new ContentExtractor(reader).extractAll());
            assertThat(text).contains("𪚥䶮堃龍数字科技有限公司", "王𠀀");
        }
        OfdPackage pkg = OfdPackage.read(ofd);
        List<String> fonts =
                pkg.names().stream().filter(n -> n.endsWith(".ttf")).toList();
        assertThat(fonts).as("Song, HanaMinA (䶮 堃 龍), HanaMinB (𪚥 𠀀)").hasSize(3);
        boolean extensionBEmbedded = false;
        for (String name : fonts) {
            TrueTypeFont ttf = new TTFParser()
                    .parse(new RandomAccessReadBuffer(pkg.part(name).orElseThrow()));
            assertThat(ttf.getTableMap()).containsKey("glyf");
            extensionBEmbedded |= ttf.getUnicodeCmapLookup().getGlyphId(0x2A6A5) > 0;
        }
        assertThat(extensionBEmbedded).as("𪚥 U+2A6A5 in an embedded subset").isTrue();
    }

    @Test
    void aCharacterNoEmbeddedFontHasIsRefusedNamingIt() {
        LicenceType type = LicenceTypeFixture.businessLicence();
        Map<String, String> values = new HashMap<>(type.sample().fieldValuesAsText());
        values.put("name", "示范\uD880\uDC00科技有限公司"); // U+30000, CJK Extension G: no bundled face has it
        assertThatThrownBy(() -> render(type, values))
                .isInstanceOf(LicenceRenderingException.class)
                .hasMessageContaining("U+30000");
    }
}
