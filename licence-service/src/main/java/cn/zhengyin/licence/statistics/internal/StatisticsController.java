package cn.zhengyin.licence.statistics.internal;

import cn.zhengyin.licence.authority.ApprovalSystems;
import cn.zhengyin.licence.authority.IssuingAuthority;
import cn.zhengyin.licence.statistics.DailyCounters;
import cn.zhengyin.licence.statistics.StatisticsReport;
import cn.zhengyin.licence.statistics.StatisticsTable;
import cn.zhengyin.service.problem.ProblemException;
import cn.zhengyin.trust.ChinaTime;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code GET /statistics}: the figures of a date range (default the last 30 days, China time) for the signed-in
 * administrator's authority — or, for the province role, of every authority or the one picked — as SVG charts with a
 * table beside each; {@code GET /statistics/csv/{table}} downloads one table as CSV.
 */
@Controller
class StatisticsController {
    static final int DEFAULT_DAYS = 30;
    private final DailyCounters counters;
    private final StatisticsPage page;
    private final ApprovalSystems approvalSystems;
    private final Clock clock;

    StatisticsController(DailyCounters counters, StatisticsPage page, ApprovalSystems approvalSystems, Clock clock) {
        this.counters = counters;
        this.page = page;
        this.approvalSystems = approvalSystems;
        this.clock = clock;
    }

    /** What a request asks for, checked against who asks. */
    record Query(LocalDate from, LocalDate to, Optional<String> authority) {}

    @GetMapping("/statistics")
    String statistics(
            @RequestParam(value = "from", required = false) String from,
            @RequestParam(value = "to", required = false) String to,
            @RequestParam(value = "authority", required = false) String authority,
            Authentication authentication,
            Locale locale,
            Model model) {
        StatisticsViewer viewer = viewer(authentication);
        Query query = query(viewer, from, to, authority);
        StatisticsReport report = report(query);
        Map<String, String> authorities = authorities();
        model.addAttribute("viewer", viewer);
        model.addAttribute("from", query.from().toString());
        model.addAttribute("to", query.to().toString());
        model.addAttribute("authority", query.authority().orElse(""));
        model.addAttribute("authorities", authorities);
        model.addAttribute(
                "scopeName",
                query.authority().map(a -> authorities.getOrDefault(a, a)).orElse(""));
        model.addAttribute("sections", page.sections(report, locale));
        model.addAttribute("totals", page.totals(report, locale));
        model.addAttribute("presets", presets(query));
        model.addAttribute(
                "langUrl", link(query, Map.of("lang", locale.getLanguage().equals("en") ? "zh" : "en")));
        model.addAttribute("csvQuery", link(query, Map.of()).substring("/statistics".length()));
        return "statistics";
    }

    @GetMapping("/statistics/csv/{table}")
    ResponseEntity<byte[]> csv(
            @PathVariable("table") String table,
            @RequestParam(value = "from", required = false) String from,
            @RequestParam(value = "to", required = false) String to,
            @RequestParam(value = "authority", required = false) String authority,
            Authentication authentication,
            Locale locale) {
        StatisticsViewer viewer = viewer(authentication);
        Query query = query(viewer, from, to, authority);
        StatisticsTable found = page.sections(report(query), locale).stream()
                .map(StatisticsPage.Section::table)
                .filter(t -> t.id().equals(table))
                .findFirst()
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "no-such-table",
                        "No such table",
                        "there is no statistics table '" + (table.length() > 40 ? table.substring(0, 40) : table)
                                + "'; the tables are " + String.join(", ", StatisticsPage.TABLES)));
        String scope = query.authority().orElse("all");
        String suffix = "-" + scope + "-" + query.from() + "-" + query.to() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        StatisticsTable.attachment("statistics-" + found.id() + suffix, found.title() + suffix))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(found.csv());
    }

    private StatisticsReport report(Query query) {
        return StatisticsReport.of(
                query.from(), query.to(), counters.read(query.from(), query.to(), query.authority()));
    }

    static StatisticsViewer viewer(Authentication authentication) {
        Object principal = authentication == null ? null : authentication.getPrincipal();
        if (principal instanceof StatisticsViewer viewer) {
            return viewer;
        }
        if (principal instanceof StatisticsOidcUsers.ViewerOidcUser user
                && user.viewer().isPresent()) {
            return user.viewer().get();
        }
        throw new ProblemException(
                HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Sign in as a statistics administrator first.");
    }

    /** The range and the authority asked for: an authority's administrator may ask only for their own. */
    Query query(StatisticsViewer viewer, String from, String to, String authority) {
        LocalDate today = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        LocalDate end = date("to", to).orElse(today);
        LocalDate start = date("from", from).orElse(end.minusDays(DEFAULT_DAYS - 1));
        if (end.isBefore(start)) {
            throw ProblemException.validationFailed(
                    "the range ends (" + end + ") before it starts (" + start + ")", List.of());
        }
        if (java.time.temporal.ChronoUnit.DAYS.between(start, end) + 1 > StatisticsReport.MAX_DAYS) {
            throw ProblemException.validationFailed(
                    "the range from " + start + " to " + end + " is longer than " + StatisticsReport.MAX_DAYS
                            + " days; pick a shorter one",
                    List.of());
        }
        Optional<String> asked =
                Optional.ofNullable(authority).map(String::strip).filter(a -> !a.isEmpty());
        if (!viewer.province()) {
            if (asked.isPresent() && !asked.get().equals(viewer.authority())) {
                throw new ProblemException(
                        HttpStatus.FORBIDDEN,
                        "other-authority",
                        "Another authority's figures",
                        "an authority's statistics administrator sees only the figures of their own authority");
            }
            return new Query(start, end, Optional.of(viewer.authority()));
        }
        if (asked.isPresent() && !authorities().containsKey(asked.get())) {
            throw ProblemException.validationFailed(
                    "authority '" + (asked.get().length() > 40 ? asked.get().substring(0, 40) : asked.get())
                            + "' is not one of the configured issuing authorities",
                    List.of());
        }
        return new Query(start, end, asked);
    }

    private static Optional<LocalDate> date(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw ProblemException.validationFailed(
                    name + " must be a date such as 2026-05-01; got '"
                            + (value.length() > 40 ? value.substring(0, 40) : value) + "'",
                    List.of());
        }
    }

    /** The configured issuing authorities, code → name, by code. */
    Map<String, String> authorities() {
        Map<String, String> all = new TreeMap<>();
        for (String client : approvalSystems.clientIds()) {
            approvalSystems.find(client).ifPresent((IssuingAuthority a) -> all.putIfAbsent(a.code(), a.name()));
        }
        return all;
    }

    /** Links to the last 7, 30, 90 and 365 days (ending today or the range's end). */
    private List<Preset> presets(Query query) {
        LocalDate today = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        List<Preset> presets = new ArrayList<>();
        for (int days : new int[] {7, 30, 90, 365}) {
            Query q = new Query(today.minusDays(days - 1), today, query.authority());
            presets.add(
                    new Preset(days, link(q, Map.of()), q.from().equals(query.from()) && q.to().equals(query.to())));
        }
        return presets;
    }

    record Preset(int days, String href, boolean current) {}

    private static String link(Query query, Map<String, String> extra) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/statistics")
                .queryParam("from", query.from())
                .queryParam("to", query.to());
        query.authority().ifPresent(a -> b.queryParam("authority", a));
        extra.forEach(b::queryParam);
        return b.encode().build().toUriString();
    }
}
