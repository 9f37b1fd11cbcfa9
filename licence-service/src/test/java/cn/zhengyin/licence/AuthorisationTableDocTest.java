package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AuthorisationTableDocTest {
    static final Path DOC = Path.of("..", "docs", "authorisation-table.md");

    @Test
    void theDocumentedTableIsTheTestedTable() throws Exception {
        String doc = Files.readString(DOC);
        String generated = AuthorisationTable.load().markdown();
        if (Boolean.getBoolean("zhengyin.docs.regenerate")) { // -Dzhengyin.docs.regenerate=true rewrites the doc
            int begin = doc.indexOf("<!-- table:begin -->\n") + "<!-- table:begin -->\n".length();
            doc = doc.substring(0, begin) + generated + doc.substring(doc.indexOf("<!-- table:end -->"));
            Files.writeString(DOC, doc);
        }
        assertThat(doc)
                .as(
                        "docs/authorisation-table.md is rendered from authorisation-table.csv; regenerate it with -Dzhengyin.docs.regenerate=true")
                .contains("<!-- table:begin -->\n" + generated + "<!-- table:end -->");
    }

    @Test
    void everyRowHasOneCellPerIdentity() {
        AuthorisationTable table = AuthorisationTable.load();
        assertThat(table.rows())
                .hasSizeGreaterThan(60)
                .allSatisfy(r -> assertThat(r.cells()).hasSize(AuthorisationTable.IDENTITIES.size()));
    }
}
