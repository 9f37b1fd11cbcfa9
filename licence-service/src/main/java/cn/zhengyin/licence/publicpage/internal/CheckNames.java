package cn.zhengyin.licence.publicpage.internal;

import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.Outcome;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * The verification report's checks in words a person reads: each check id ({@code signer.key-usage},
 * {@code ofd.references.digests}, …) named in the page's language ({@code pv.check.<id>} in verification.properties),
 * falling back to the name of its group ({@code pv.check.signer}, then {@code pv.check.ofd}) and, for an id nobody
 * named yet, the id itself. The verifier's own explanation stays, marked as English, for experts.
 */
final class CheckNames {
    private final MessageSource messages;

    CheckNames(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * One check as the page shows it.
     *
     * @param name    its name in the page's language
     * @param outcome PASSED, FAILED, WARNING or NOT_CHECKED (the CSS class and the message key of the outcome)
     * @param id      the check id of the report, for experts
     * @param message the verifier's explanation (English)
     */
    record Row(String name, String outcome, String id, String message) {}

    /** Counts of the outcomes: passed, warnings, failed, not checked. */
    record Counts(int all, int passed, int warnings, int failed, int notChecked) {
        static Counts of(List<Row> rows) {
            return new Counts(
                    rows.size(),
                    count(rows, Outcome.PASSED),
                    count(rows, Outcome.WARNING),
                    count(rows, Outcome.FAILED),
                    count(rows, Outcome.NOT_CHECKED));
        }

        private static int count(List<Row> rows, Outcome outcome) {
            return (int) rows.stream()
                    .filter(r -> r.outcome().equals(outcome.name()))
                    .count();
        }
    }

    Row row(CheckResult check, Locale locale) {
        return new Row(name(check.id(), locale), check.outcome().name(), check.id(), check.message());
    }

    String name(String id, Locale locale) {
        String key = id;
        while (!key.isEmpty()) {
            String name = messages.getMessage("pv.check." + key, null, null, locale);
            if (name != null) {
                return key.equals(id) ? name : name + " (" + id.substring(key.length() + 1) + ")";
            }
            int dot = key.lastIndexOf('.');
            key = dot < 0 ? "" : key.substring(0, dot);
        }
        return id;
    }
}
