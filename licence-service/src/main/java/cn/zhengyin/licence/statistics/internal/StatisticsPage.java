package cn.zhengyin.licence.statistics.internal;

import cn.zhengyin.licence.fieldreuse.ThirdParties;
import cn.zhengyin.licence.fieldreuse.ThirdParty;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.statistics.StatisticsReport;
import cn.zhengyin.licence.statistics.StatisticsTable;
import cn.zhengyin.licence.statistics.SvgChart;
import cn.zhengyin.trust.validation.Conclusion;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.springframework.context.MessageSource;

/**
 * What the statistics page shows of a report, in the page's language: per figure a chart (SVG) and the table with
 * the same numbers, which is also the CSV download. Names only of licence types, authorities and organisations.
 */
final class StatisticsPage {
    static final List<String> TABLES = List.of(
            "licences-by-day",
            "licences-by-type",
            "verifications-by-day",
            "reuse-by-basis",
            "reuse-by-client",
            "service-items");

    private final MessageSource messages;
    private final LicenceTypeCatalogue types;
    private final ThirdParties thirdParties;

    StatisticsPage(MessageSource messages, LicenceTypeCatalogue types, ThirdParties thirdParties) {
        this.messages = messages;
        this.types = types;
        this.thirdParties = thirdParties;
    }

    /** One figure: its chart (SVG markup) and its table. */
    record Section(String id, String title, String svg, StatisticsTable table) {}

    /** A headline number. */
    record Total(String label, long value) {}

    List<Total> totals(StatisticsReport r, Locale locale) {
        long verifications = Arrays.stream(Conclusion.values())
                .mapToLong(r::verificationTotal)
                .sum();
        long reuse =
                r.reuseByBasis().values().stream().mapToLong(Long::longValue).sum();
        return List.of(
                new Total(m("stats.series.issued", locale), r.licenceTotal(0)),
                new Total(m("stats.series.changed", locale), r.licenceTotal(1)),
                new Total(m("stats.series.withdrawn", locale), r.licenceTotal(2)),
                new Total(m("stats.total.verifications", locale), verifications),
                new Total(m("stats.total.reuse", locale), reuse));
    }

    List<Section> sections(StatisticsReport r, Locale locale) {
        List<Section> out = new ArrayList<>();
        out.add(licencesByDay(r, locale));
        out.add(licencesByType(r, locale));
        out.add(verificationsByDay(r, locale));
        out.add(reuseByBasis(r, locale));
        out.add(reuseByClient(r, locale));
        out.add(serviceItems(r, locale));
        return out;
    }

    private Section licencesByDay(StatisticsReport r, Locale locale) {
        List<String> names = StatisticsReport.LICENCE_SERIES.stream()
                .map(s -> m("stats.series." + s, locale))
                .toList();
        List<List<String>> rows = new ArrayList<>();
        r.licencesByDay().forEach((day, v) -> rows.add(row(day.toString(), v)));
        List<String> headers = new ArrayList<>(List.of(m("stats.column.day", locale)));
        headers.addAll(names);
        String title = m("stats.licences-by-day", locale);
        var table = new StatisticsTable("licences-by-day", title, headers, rows);
        List<SvgChart.Series> series = IntStream.range(0, names.size())
                .mapToObj(i -> new SvgChart.Series(
                        names.get(i),
                        SvgChart.PALETTE.get(i),
                        r.days().stream()
                                .mapToLong(d -> r.licencesByDay().get(d)[i])
                                .toArray()))
                .toList();
        String description = m(
                "stats.licences-by-day.desc",
                locale,
                r.from(),
                r.to(),
                r.licenceTotal(0),
                r.licenceTotal(1),
                r.licenceTotal(2));
        return new Section(table.id(), title, columns(table.id(), title, description, r, series), table);
    }

    private Section licencesByType(StatisticsReport r, Locale locale) {
        List<String> headers =
                new ArrayList<>(List.of(m("stats.column.type-code", locale), m("stats.column.type", locale)));
        StatisticsReport.LICENCE_EVENTS.forEach(e -> headers.add(m("stats.event." + e, locale)));
        List<List<String>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<long[]> perSeries = List.of(
                new long[r.licencesByType().size()],
                new long[r.licencesByType().size()],
                new long[r.licencesByType().size()]);
        int i = 0;
        for (Map.Entry<String, long[]> e : r.licencesByType().entrySet()) {
            String name = typeName(e.getKey(), locale);
            List<String> row = new ArrayList<>(List.of(e.getKey(), name));
            for (long n : e.getValue()) {
                row.add(Long.toString(n));
            }
            rows.add(row);
            labels.add(name);
            for (int k = 0; k < StatisticsReport.LICENCE_EVENTS.size(); k++) {
                int s = seriesOf(StatisticsReport.LICENCE_EVENTS.get(k));
                if (s >= 0) {
                    perSeries.get(s)[i] += e.getValue()[k];
                }
            }
            i++;
        }
        String title = m("stats.licences-by-type", locale);
        var table = new StatisticsTable("licences-by-type", title, headers, rows);
        List<SvgChart.Series> series = IntStream.range(0, 3)
                .mapToObj(s -> new SvgChart.Series(
                        m("stats.series." + StatisticsReport.LICENCE_SERIES.get(s), locale),
                        SvgChart.PALETTE.get(s),
                        perSeries.get(s)))
                .toList();
        String description = m("stats.licences-by-type.desc", locale, r.from(), r.to(), rows.size());
        return new Section(
                table.id(),
                title,
                SvgChart.bars(table.id() + "-chart", title, description, labels, series, m("stats.none", locale)),
                table);
    }

    private static int seriesOf(String event) {
        return switch (event) {
            case "ISSUED" -> 0;
            case "AMENDED", "RENEWED", "CORRECTED" -> 1;
            case "SUSPENDED", "REVOKED", "CANCELLED" -> 2;
            default -> -1;
        };
    }

    private Section verificationsByDay(StatisticsReport r, Locale locale) {
        Conclusion[] conclusions = Conclusion.values();
        List<String> names = Arrays.stream(conclusions)
                .map(c -> m("stats.conclusion." + c.name(), locale))
                .toList();
        List<List<String>> rows = new ArrayList<>();
        r.verificationsByDay().forEach((day, v) -> rows.add(row(day.toString(), v)));
        List<String> headers = new ArrayList<>(List.of(m("stats.column.day", locale)));
        headers.addAll(names);
        String title = m("stats.verifications-by-day", locale);
        var table = new StatisticsTable("verifications-by-day", title, headers, rows);
        String[] colours = {"#009E73", "#E69F00", "#D55E00", "#56B4E9"};
        List<SvgChart.Series> series = IntStream.range(0, conclusions.length)
                .mapToObj(i -> new SvgChart.Series(
                        names.get(i),
                        colours[i],
                        r.days().stream()
                                .mapToLong(d -> r.verificationsByDay().get(d)[i])
                                .toArray()))
                .toList();
        String description = m(
                "stats.verifications-by-day.desc",
                locale,
                r.from(),
                r.to(),
                r.verificationTotal(Conclusion.VALID),
                r.verificationTotal(Conclusion.NOT_IN_FORCE),
                r.verificationTotal(Conclusion.FAILED),
                r.verificationTotal(Conclusion.INDETERMINATE));
        return new Section(table.id(), title, columns(table.id(), title, description, r, series), table);
    }

    private Section reuseByBasis(StatisticsReport r, Locale locale) {
        List<String> labels = StatisticsReport.BASES.stream()
                .map(b -> m("stats.basis." + b, locale))
                .toList();
        long[] values = StatisticsReport.BASES.stream()
                .mapToLong(b -> r.reuseByBasis().getOrDefault(b, 0L))
                .toArray();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            rows.add(List.of(StatisticsReport.BASES.get(i), labels.get(i), Long.toString(values[i])));
        }
        String title = m("stats.reuse-by-basis", locale);
        var table = new StatisticsTable(
                "reuse-by-basis",
                title,
                List.of(
                        m("stats.column.basis-code", locale),
                        m("stats.column.basis", locale),
                        m("stats.column.count", locale)),
                rows);
        String description = m("stats.reuse-by-basis.desc", locale, r.from(), r.to(), values[0], values[1], values[2]);
        return new Section(
                table.id(),
                title,
                SvgChart.bars(
                        table.id() + "-chart",
                        title,
                        description,
                        labels,
                        List.of(new SvgChart.Series(m("stats.column.count", locale), SvgChart.PALETTE.get(0), values)),
                        m("stats.none", locale)),
                table);
    }

    private Section reuseByClient(StatisticsReport r, Locale locale) {
        List<String> labels = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        long[] values = new long[r.reuseByClient().size()];
        int i = 0;
        for (Map.Entry<String, Long> e : r.reuseByClient().entrySet()) {
            String name = thirdParties.find(e.getKey()).map(ThirdParty::name).orElse(e.getKey());
            labels.add(name);
            rows.add(List.of(e.getKey(), name, Long.toString(e.getValue())));
            values[i++] = e.getValue();
        }
        String title = m("stats.reuse-by-client", locale);
        var table = new StatisticsTable(
                "reuse-by-client",
                title,
                List.of(
                        m("stats.column.client-id", locale),
                        m("stats.column.client", locale),
                        m("stats.column.count", locale)),
                rows);
        String description = m("stats.reuse-by-client.desc", locale, r.from(), r.to(), rows.size());
        return new Section(
                table.id(),
                title,
                SvgChart.bars(
                        table.id() + "-chart",
                        title,
                        description,
                        labels,
                        List.of(new SvgChart.Series(m("stats.column.count", locale), SvgChart.PALETTE.get(1), values)),
                        m("stats.none", locale)),
                table);
    }

    private Section serviceItems(StatisticsReport r, Locale locale) {
        List<String> labels = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        long[] values = new long[r.busiestItems().size()];
        int i = 0;
        for (StatisticsReport.ServiceItem item : r.busiestItems()) {
            String name = thirdParties
                    .find(item.clientId())
                    .flatMap(p -> p.duty(item.code()))
                    .map(ThirdParty.Duty::serviceItemName)
                    .orElse("");
            String client =
                    thirdParties.find(item.clientId()).map(ThirdParty::name).orElse(item.clientId());
            labels.add(name.isEmpty() ? item.code() : name);
            rows.add(List.of(item.code(), name, client, Long.toString(item.count())));
            values[i++] = item.count();
        }
        String title = m("stats.service-items", locale);
        var table = new StatisticsTable(
                "service-items",
                title,
                List.of(
                        m("stats.column.item-code", locale),
                        m("stats.column.item", locale),
                        m("stats.column.client", locale),
                        m("stats.column.count", locale)),
                rows);
        String description = m("stats.service-items.desc", locale, r.from(), r.to(), rows.size());
        return new Section(
                table.id(),
                title,
                SvgChart.bars(
                        table.id() + "-chart",
                        title,
                        description,
                        labels,
                        List.of(new SvgChart.Series(m("stats.column.count", locale), SvgChart.PALETTE.get(2), values)),
                        m("stats.none", locale)),
                table);
    }

    private static String columns(
            String id, String title, String description, StatisticsReport r, List<SvgChart.Series> series) {
        List<String> days = r.days().stream().map(LocalDate::toString).toList();
        List<String> labels =
                r.days().stream().map(d -> d.toString().substring(5)).toList();
        return SvgChart.columns(id + "-chart", title, description, days, labels, series);
    }

    private String typeName(String code, Locale locale) {
        return types.find(code)
                .map(t -> locale.getLanguage().equals("en") && t.descriptor().nameEn() != null
                        ? t.descriptor().nameEn()
                        : t.descriptor().name())
                .orElse(code);
    }

    private static List<String> row(String first, long[] values) {
        List<String> row = new ArrayList<>(List.of(first));
        for (long v : values) {
            row.add(Long.toString(v));
        }
        return row;
    }

    private String m(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
