package cn.zhengyin.licence.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatisticsReportTest {
    static final LocalDate D1 = LocalDate.of(2026, 5, 1);

    @Test
    void sumsAuthoritiesAndGroupsEventsIntoTheThreeDailySeries() {
        var report = StatisticsReport.of(
                D1,
                D1.plusDays(1),
                List.of(
                        new DailyCounts(
                                D1,
                                "A",
                                Measure.LICENCES,
                                Map.of(
                                        "T1|ISSUED", 3L,
                                        "T1|RENEWED", 1L,
                                        "T1|CORRECTED", 1L,
                                        "T1|CANCELLED", 2L,
                                        "T1|REINSTATED", 4L,
                                        "T1|UNKNOWN", 9L)),
                        new DailyCounts(D1, "B", Measure.LICENCES, Map.of("T2|ISSUED", 1L, "T1|SUSPENDED", 1L)),
                        new DailyCounts(D1.plusDays(5), "B", Measure.LICENCES, Map.of("T2|ISSUED", 100L))));
        assertThat(report.days()).containsExactly(D1, D1.plusDays(1));
        assertThat(report.licencesByDay().get(D1)).containsExactly(4, 2, 3);
        assertThat(report.licencesByDay().get(D1.plusDays(1))).containsExactly(0, 0, 0);
        assertThat(report.licencesByType().get("T1")).containsExactly(3, 0, 1, 1, 1, 0, 2, 4);
        assertThat(report.licencesByType().get("T2")).containsExactly(1, 0, 0, 0, 0, 0, 0, 0);
        assertThat(report.licenceTotal(0)).isEqualTo(4);
    }

    @Test
    void clientsAndServiceItemsAreRankedMostFirstAndItemsCutToTheTopTen() {
        Map<String, Long> counts = new java.util.HashMap<>();
        counts.put("client|b", 2L);
        counts.put("client|a", 5L);
        counts.put("client|c", 2L);
        for (int i = 0; i < 12; i++) {
            counts.put("item|duty|I" + i, (long) i + 1);
        }
        var report = StatisticsReport.of(D1, D1, List.of(new DailyCounts(D1, "A", Measure.FIELD_REUSE, counts)));
        assertThat(report.reuseByClient().keySet()).containsExactly("a", "b", "c");
        assertThat(report.busiestItems()).hasSize(10);
        assertThat(report.busiestItems().getFirst()).isEqualTo(new StatisticsReport.ServiceItem("duty", "I11", 12));
        assertThat(report.reuseByBasis())
                .containsExactly(Map.entry("consent", 0L), Map.entry("use-code", 0L), Map.entry("duty", 0L));
    }

    @Test
    void aRangeBackwardsOrLongerThanTwoYearsIsRefused() {
        assertThatThrownBy(() -> StatisticsReport.of(D1, D1.minusDays(1), List.of()))
                .hasMessageContaining("before it starts");
        assertThatThrownBy(() -> StatisticsReport.of(D1, D1.plusDays(StatisticsReport.MAX_DAYS), List.of()))
                .hasMessageContaining("at most 731");
        assertThat(StatisticsReport.of(D1, D1.plusDays(364), List.of()).days()).hasSize(365);
    }
}
