package cn.zhengyin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.validation.Indication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The only test of the benchmarks module (the benchmarks themselves run under ./zy bench): the committed inputs are
 * what the benchmarks claim they are, and the report writer turns results into the table.
 */
class FixturesTest {

    @Test
    void issuedLicencePdfAndXmlVerifyWithZhengyinAtTheirValidationTime() {
        Zhengyin zhengyin = new Zhengyin();
        assertThat(zhengyin.verifyPdf(Fixtures.issuedPdf()).indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(zhengyin.verifyXml(Fixtures.issuedXml()).indication()).isEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void renderedPdfIsTheIssuedFilesFirstRevisionWithoutSignature() {
        byte[] rendered = Fixtures.renderedPdf();
        byte[] issued = Fixtures.issuedPdf();
        assertThat(rendered.length).isLessThan(issued.length);
        assertThat(Arrays.copyOf(issued, rendered.length)).isEqualTo(rendered);
        String text = new String(rendered, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("%PDF-").doesNotContain("/ByteRange").contains("%%EOF");
    }

    @Test
    void zhengyinSignsTheRenderedPdfAndTheUnsignedXmlIntoFilesItVerifies() {
        Zhengyin zhengyin = new Zhengyin();
        assertThat(new String(Fixtures.unsignedXml(), StandardCharsets.UTF_8)).doesNotContain("ds:Signature");
        assertThat(zhengyin.verifyPdf(zhengyin.signPades(Fixtures.renderedPdf()))
                        .indication())
                .isEqualTo(Indication.TOTAL_PASSED);
        assertThat(zhengyin.verifyXml(zhengyin.signXml(Fixtures.unsignedXml(), Fixtures.xmlRootId()))
                        .indication())
                .isEqualTo(Indication.TOTAL_PASSED);
    }

    @Test
    void reportPairsEachFigureWithItsAnchorAndRatio(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("jmh-zhengyin.tsv"),
                "benchmark\tthreads\tscore\terror\tunit\n" + "ZhengyinBenchmarks.pdfVerify\t1\t1000.0\t10.0\tops/s\n");
        Files.writeString(
                dir.resolve("jmh-dss.tsv"),
                "benchmark\tthreads\tscore\terror\tunit\n" + "DssBenchmarks.pdfValidate\t1\t50.0\t1.0\tops/s\n");
        Files.writeString(dir.resolve("env.tsv"), "key\tvalue\nmachine\t2 cores\n");
        Path md = dir.resolve("performance.md");
        Report.main(new String[] {dir.toString(), md.toString()});
        assertThat(Files.readString(md))
                .contains("| machine | 2 cores |")
                .containsPattern(
                        "Verify the issued licence PDF, full report \\| 1 \\| 1,000 ± 10\\.00 \\|.*\\| 50\\.00 ± 1\\.00 \\| 20\\.00× \\|");
    }
}
