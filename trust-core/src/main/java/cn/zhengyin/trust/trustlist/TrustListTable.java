package cn.zhengyin.trust.trustlist;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A trust list as plain text for people: the scheme information, a table of authorities, their CA certificates. */
public final class TrustListTable {
    private TrustListTable() {}

    /**
     * @param list the list (verified or not: the text does not say it was checked)
     * @param now  to say whether the list is stale and which authorities are granted now
     */
    public static String render(TrustList list, Instant now) {
        SchemeInformation s = list.scheme();
        StringBuilder out = new StringBuilder();
        out.append("Trust list ").append(s.schemeName()).append('\n');
        out.append("  operator:    ")
                .append(s.operatorName())
                .append(" (")
                .append(s.territory())
                .append(")\n");
        out.append("  sequence:    ").append(s.sequenceNumber()).append('\n');
        out.append("  issued:      ").append(s.issued()).append('\n');
        out.append("  next update: ")
                .append(s.nextUpdate())
                .append(now.isBefore(s.nextUpdate()) ? "" : "  ** STALE: past its next update **")
                .append('\n');
        out.append("  (signature not checked here; use 'trust-list verify')\n\n");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("#", "authority", "region", "USCC", "status", "since", "period", "licence types", "now"));
        int i = 1;
        for (ListedAuthority a : list.authorities()) {
            StatusChange status = a.currentStatus();
            boolean grantedNow = a.inPeriod(now)
                    && a.statusAt(now)
                            .map(c -> c.status() == AuthorityStatus.GRANTED)
                            .orElse(false);
            rows.add(List.of(
                    Integer.toString(i++),
                    a.name(),
                    a.region(),
                    a.uscc().value(),
                    status.status().name().toLowerCase(java.util.Locale.ROOT),
                    status.since().toString(),
                    a.validFrom() + " .. "
                            + a.validUntil().map(Instant::toString).orElse("open"),
                    String.join(" ", a.licenceTypeCodes()),
                    grantedNow ? "recognised" : "NOT recognised"));
        }
        int[] widths = new int[rows.getFirst().size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                line.append(row.get(c)).append(" ".repeat(widths[c] - width(row.get(c))));
                if (c < row.size() - 1) {
                    line.append(" | ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w + 3;
                }
                out.append("-".repeat(total - 3)).append('\n');
            }
        }
        out.append('\n');
        i = 1;
        for (ListedAuthority a : list.authorities()) {
            out.append(i++).append(". ").append(a.label()).append(" — CA certificates:\n");
            for (X509Certificate ca : a.caCertificates()) {
                out.append("     ")
                        .append(ca.getSubjectX500Principal().getName())
                        .append(" [")
                        .append(ca.getPublicKey().getAlgorithm())
                        .append(", serial ")
                        .append(ca.getSerialNumber().toString(16))
                        .append(", until ")
                        .append(ca.getNotAfter().toInstant())
                        .append("]\n");
            }
            if (a.statusHistory().size() > 1) {
                out.append("   history:");
                for (StatusChange change : a.statusHistory()) {
                    out.append(' ')
                            .append(change.status().name().toLowerCase(java.util.Locale.ROOT))
                            .append('@')
                            .append(change.since());
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Display width: CJK and other wide characters take two columns. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            boolean wide = script == Character.UnicodeScript.HAN
                    || (cp >= 0x3000 && cp <= 0x303F)
                    || (cp >= 0xFF00 && cp <= 0xFF60);
            width += wide ? 2 : 1;
        }
        return width;
    }
}
