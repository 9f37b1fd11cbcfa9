package cn.zhengyin.trust.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SecureXmlTest {

    @Test
    void anExternalEntityIsRefusedBeforeAnyFileIsRead() {
        assertThatThrownBy(() -> SecureXml.parse(XmlFixtures.resource("invalid/xxe-external-file.xml")))
                .isInstanceOf(XmlFormatException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("root:");
    }

    @Test
    void entityExpansionIsRefused() {
        assertThatThrownBy(() -> SecureXml.parse(XmlFixtures.resource("invalid/billion-laughs.xml")))
                .isInstanceOf(XmlFormatException.class);
    }

    @Test
    void xincludeIsNotProcessed() {
        Document doc = SecureXml.parse(XmlFixtures.resource("invalid/xinclude.xml"));
        assertThat(doc.getDocumentElement().getTextContent()).doesNotContain("root:");
        assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2001/XInclude", "include")
                        .getLength())
                .isEqualTo(1);
    }

    @Test
    void oversizedInputIsRefused() {
        byte[] big = ("<a>" + "x".repeat(2000) + "</a>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SecureXml.parse(big, 1000))
                .isInstanceOf(XmlFormatException.class)
                .hasMessageContaining("at most 1000");
    }

    @Test
    void serialiseThenParseKeepsTheContent() {
        Document doc = XmlFixtures.unsignedLicence();
        Document again = SecureXml.parse(SecureXml.serialize(doc));
        assertThat(again.getDocumentElement().getTextContent())
                .isEqualTo(doc.getDocumentElement().getTextContent());
        assertThat(new String(SecureXml.serialize(doc), StandardCharsets.UTF_8)).startsWith("<?xml");
    }

    @Test
    void serialisesSupplementaryCharactersAsUtf8NotAsCharacterReferences() {
        Document doc = SecureXml.parse("<n a=\"𪚥\">王𠀀 &amp;#131072; 堃</n>".getBytes(StandardCharsets.UTF_8));
        String xml = new String(SecureXml.serialize(doc), StandardCharsets.UTF_8);

        assertThat(xml).contains("<n a=\"𪚥\">王𠀀 &amp;#131072; 堃</n>").doesNotContain("&#173733;");
        Document back = SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(back.getDocumentElement().getTextContent()).isEqualTo("王𠀀 &#131072; 堃");
        assertThat(back.getDocumentElement().getAttribute("a")).isEqualTo("𪚥");
    }
}
