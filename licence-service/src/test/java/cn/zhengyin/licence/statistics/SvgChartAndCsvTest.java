package cn.zhengyin.licence.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The server-drawn charts are well-formed, accessible SVG; the tables are RFC 4180 CSV. */
class SvgChartAndCsvTest {

    @Test
    void columnsAreAnAccessibleImageWithOneTitledRectPerNonZeroSegment() throws Exception {
        String svg = SvgChart.columns(
                "c1",
                "每日 <颁发> & \"变更\"",
                "共 3 件",
                List.of("2026-05-01", "2026-05-02", "2026-05-03"),
                List.of("05-01", "05-02", "05-03"),
                List.of(
                        new SvgChart.Series("颁发", "#0072B2", new long[] {2, 0, 1}),
                        new SvgChart.Series("变更", "#E69F00", new long[] {1, 0, 0})));
        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("role")).isEqualTo("img");
        assertThat(root.getAttribute("aria-labelledby")).isEqualTo("c1-title c1-desc");
        assertThat(doc.getElementById("c1-title")).isNull(); // ids are not DTD ids; check the text instead
        assertThat(root.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("每日 <颁发> & \"变更\"");
        assertThat(root.getElementsByTagName("desc").item(0).getTextContent()).isEqualTo("共 3 件");
        // two legend swatches + three non-zero segments
        assertThat(root.getElementsByTagName("rect").getLength()).isEqualTo(5);
        assertThat(svg).contains("<title>2026-05-01 · 颁发: 2</title>", "<title>2026-05-01 · 变更: 1</title>");
        assertThat(svg).doesNotContain("<script", "on" + "load=");
        // the tallest column (3) fits under the axis top: its segments' heights sum to at most the plot height
        assertThat(svg).contains(">05-01<", ">05-03<");
    }

    @Test
    void barsShowTotalsAndSayWhenThereIsNothing() throws Exception {
        String svg = SvgChart.bars(
                "b1",
                "按使用方",
                "两个使用方",
                List.of("示范银行", "一个名字特别特别特别特别长的使用方机构名称"),
                List.of(new SvgChart.Series("次数", "#0072B2", new long[] {7, 3})),
                "无数据");
        Element root = parse(svg).getDocumentElement();
        assertThat(root.getElementsByTagName("rect").getLength()).isEqualTo(3);
        assertThat(svg).contains(">7</text>", ">3</text>", "…");
        String empty = SvgChart.bars("b2", "t", "d", List.of(), List.of(), "无数据");
        assertThat(parse(empty).getDocumentElement().getTextContent()).contains("无数据");
    }

    @Test
    void axisStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(SvgChart.step(0)).isEqualTo(1);
        assertThat(SvgChart.step(4)).isEqualTo(1);
        assertThat(SvgChart.step(7)).isEqualTo(2);
        assertThat(SvgChart.step(19)).isEqualTo(5);
        assertThat(SvgChart.step(37)).isEqualTo(10);
        assertThat(SvgChart.step(1234)).isEqualTo(500);
    }

    @Test
    void csvQuotesWhatNeedsItDefusesFormulasAndStartsWithAByteOrderMark() {
        var table = new StatisticsTable(
                "t",
                "表",
                List.of("名称", "次数"),
                List.of(List.of("示范银行, 分行", "3"), List.of("say \"hi\"", "-1"), List.of("=HYPERLINK(1)", "0")));
        String csv = new String(table.csv(), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("\uFEFF名称,次数\r\n\"示范银行, 分行\",3\r\n\"say \"\"hi\"\"\",-1\r\n'=HYPERLINK(1),0\r\n");
        assertThatThrownBy(() -> new StatisticsTable("t", "t", List.of("a", "b"), List.of(List.of("1"))))
                .hasMessageContaining("1 cells for 2 columns");
    }

    @Test
    void contentDispositionHasAnAsciiNameAndAnRfc5987Utf8Name() {
        String header = StatisticsTable.attachment("statistics-x-2026.csv", "每日核验 2026.csv");
        assertThat(header)
                .isEqualTo("attachment; filename=\"statistics-x-2026.csv\"; "
                        + "filename*=UTF-8''%E6%AF%8F%E6%97%A5%E6%A0%B8%E9%AA%8C%202026.csv");
        String encoded = header.substring(header.indexOf("''") + 2);
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo("每日核验 2026.csv");
        assertThat(StatisticsTable.attachment("a\"b\\c-统计.csv", "x"))
                .startsWith("attachment; filename=\"a_b_c-__.csv\"");
    }

    private static Document parse(String svg) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
