package cn.zhengyin.seal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.seal.image.ImageRejectedException.Reason;
import cn.zhengyin.seal.image.ImageRejectedException.Violation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SvgSanitiserTest {
    private final SvgSanitiser sanitiser = new SvgSanitiser();

    @Test
    void rejectsAScriptElement() {
        assertUnsafe(
                ImageFixtures.svg("<g><script>alert(1)</script></g>"),
                "/svg/g[1]/script[1]",
                "scripts are never allowed");
    }

    @Test
    void rejectsAnOnloadHandler() {
        byte[] svg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 40\" onload=\"alert(1)\">"
                        + "<circle r=\"3\" onclick=\"x()\"/></svg>")
                .getBytes(StandardCharsets.UTF_8);
        ImageRejectedException e = unsafe(svg);
        assertThat(e.violations())
                .extracting(Violation::node)
                .containsExactly("/svg/@onload", "/svg/circle[1]/@onclick");
        assertThat(e.violations()).allSatisfy(v -> assertThat(v.problem()).contains("event handler"));
    }

    @Test
    void rejectsExternalHrefs() {
        ImageRejectedException e = unsafe(ImageFixtures.svg("<use xlink:href=\"http://evil.example/x.svg#a\"/>"
                + "<use href=\"data:image/svg+xml;base64,AAAA\"/>"));
        assertThat(e.violations())
                .extracting(Violation::node)
                .containsExactly("/svg/use[1]/@xlink:href", "/svg/use[2]/@href");
        assertThat(e.violations().getFirst().problem()).contains("is not a local #id");
    }

    @Test
    void rejectsForeignObject() {
        assertUnsafe(
                ImageFixtures.svg("<foreignObject width=\"10\" height=\"10\"><div xmlns=\"http://www.w3.org/1999/"
                        + "xhtml\">x</div></foreignObject>"),
                "/svg/foreignObject[1]",
                "foreignObject embeds HTML");
    }

    @Test
    void rejectsADoctypeWithAnExternalEntity() {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                        + "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 40\"><title>&xxe;</title></svg>")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> sanitiser.sanitise(xxe))
                .isInstanceOfSatisfying(
                        ImageRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSAFE_SVG))
                .hasMessageContaining("DOCTYPE/ENTITY")
                .hasMessageContaining("XXE")
                .hasMessageNotContaining("root:");
    }

    @Test
    void rejectsImagesTextAndExternalUrlsInStyles() {
        ImageRejectedException e = unsafe(ImageFixtures.svg("<image href=\"#x\"/><text x=\"1\">公司</text>"
                + "<rect width=\"1\" height=\"1\" style=\"fill:url(https://evil.example/p.svg#g)\"/>"
                + "<rect width=\"1\" height=\"1\" fill=\"url('http://evil.example/#g')\"/>"));
        assertThat(e.violations())
                .extracting(Violation::node)
                .containsExactly("/svg/image[1]", "/svg/text[1]", "/svg/rect[1]/@style", "/svg/rect[2]/@fill");
        assertThat(e.violations().get(1).problem()).contains("convert text to paths");
        assertThat(e.getMessage()).contains("4 node(s)");
    }

    @Test
    void stripsInertEditorDataAndKeepsTheDrawing() {
        byte[] inkscape = ("<?xml version=\"1.0\"?><!-- Created with Inkscape --><svg xmlns=\"http://www.w3.org/2000/"
                        + "svg\" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" xmlns:sodipodi=\"http://sodipodi"
                        + ".sourceforge.net/DTD/sodipodi-0.dtd\" width=\"42mm\" height=\"42mm\" viewBox=\"0 0 42 42\" "
                        + "inkscape:version=\"1.3\"><sodipodi:namedview id=\"nv\"/><metadata><x/></metadata>"
                        + "<g inkscape:label=\"Layer 1\"><circle cx=\"21\" cy=\"21\" r=\"20\"/></g></svg>")
                .getBytes(StandardCharsets.UTF_8);
        SvgSanitiser.SanitisedSvg clean = sanitiser.sanitise(inkscape);
        String out = new String(clean.content(), StandardCharsets.UTF_8);
        assertThat(out)
                .contains("<circle")
                .doesNotContain("inkscape:version")
                .doesNotContain("namedview")
                .doesNotContain("metadata")
                .doesNotContain("Created with");
        assertThat(clean.widthMm()).isEqualTo(42);
    }

    @Test
    void sanitisingIsStableSoTheSameUploadGetsTheSameBytes() {
        byte[] first =
                sanitiser.sanitise(ImageFixtures.svg(ImageFixtures.CLEAN_BODY)).content();
        assertThat(sanitiser
                        .sanitise(ImageFixtures.svg(ImageFixtures.CLEAN_BODY))
                        .content())
                .isEqualTo(first);
        assertThat(sanitiser.sanitise(first).content()).isEqualTo(first);
    }

    @Test
    void derivesMillimetresFromUnitsOrTheViewBox() {
        byte[] inches = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2in\" height=\"1in\"/>".getBytes();
        assertThat(sanitiser.sanitise(inches).widthMm()).isEqualTo(50.8);
        byte[] viewBoxOnly = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 18 36\"/>".getBytes();
        assertThat(sanitiser.sanitise(viewBoxOnly).heightMm()).isEqualTo(36);
        assertThatThrownBy(() -> sanitiser.sanitise("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes()))
                .hasMessageContaining("no usable size");
    }

    private void assertUnsafe(byte[] svg, String node, String problem) {
        ImageRejectedException e = unsafe(svg);
        assertThat(e.violations())
                .containsExactly(new Violation(
                        node, problem.contains(" ") ? e.violations().getFirst().problem() : problem));
        assertThat(e.violations().getFirst().problem()).contains(problem);
        assertThat(e.getMessage()).contains(node);
    }

    private ImageRejectedException unsafe(byte[] svg) {
        try {
            sanitiser.sanitise(svg);
        } catch (ImageRejectedException e) {
            assertThat(e.reason()).isEqualTo(Reason.UNSAFE_SVG);
            return e;
        }
        throw new AssertionError("the SVG was accepted");
    }
}
