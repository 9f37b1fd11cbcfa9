package cn.zhengyin.licence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The authorisation table (test resource {@code authorisation-table.csv}): endpoint × identity → expected answer. */
record AuthorisationTable(List<Row> rows) {
    static final List<String> IDENTITIES = List.of(
            "anonymous",
            "no-scope",
            "approval-demo",
            "approval-forestry-demo",
            "licence-service",
            "seal-applicant-demo",
            "seal-approver-demo",
            "seal-admin-demo",
            "holder",
            "bank-demo",
            "duty-demo");

    /** The sample holder whose wallet session is the {@code holder} identity. */
    static final String HOLDER = "990101198203154411";

    record Row(String service, String method, String path, String variant, List<String> cells) {
        String expected(String identity) {
            return cells.get(IDENTITIES.indexOf(identity));
        }

        String key() {
            return service + " " + method + " " + path + (variant.isEmpty() ? "" : " [" + variant + "]");
        }
    }

    static AuthorisationTable load() {
        try (InputStream in = AuthorisationTable.class.getResourceAsStream("/authorisation-table.csv")) {
            List<Row> rows = new ArrayList<>();
            boolean header = true;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.strip().split(",", -1);
                if (header) {
                    if (!List.of(c).subList(4, c.length).equals(IDENTITIES)) {
                        throw new IllegalStateException("identity columns differ: " + line);
                    }
                    header = false;
                    continue;
                }
                if (c.length != 4 + IDENTITIES.size()) {
                    throw new IllegalStateException("row has " + c.length + " cells: " + line);
                }
                for (int i = 4; i < c.length; i++) {
                    if (!c[i].matches("ok|302|401|403")) {
                        throw new IllegalStateException("cell '" + c[i] + "' is not ok, 302, 401 or 403: " + line);
                    }
                }
                rows.add(new Row(c[0], c[1], c[2], c[3], List.of(c).subList(4, c.length)));
            }
            return new AuthorisationTable(List.copyOf(rows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table as Markdown, one row per endpoint (docs/authorisation-table.md embeds exactly this). */
    String markdown() {
        StringBuilder md = new StringBuilder("| service | method | path | variant | " + String.join(" | ", IDENTITIES)
                + " |\n|---|---|---|---|" + "---|".repeat(IDENTITIES.size()) + "\n");
        for (Row r : rows) {
            md.append("| ")
                    .append(r.service())
                    .append(" | ")
                    .append(r.method())
                    .append(" | `")
                    .append(r.path())
                    .append("` | ")
                    .append(r.variant())
                    .append(" | ")
                    .append(String.join(
                            " | ",
                            r.cells().stream()
                                    .map(c -> c.equals("ok") ? "✅" : c)
                                    .toList()))
                    .append(" |\n");
        }
        return md.toString();
    }
}
