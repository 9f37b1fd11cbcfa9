package cn.zhengyin.licence.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.registry.Rendition;
import cn.zhengyin.licence.registry.internal.MongoLicenceFileStore;
import cn.zhengyin.licence.registry.internal.MongoLicenceRegistry;
import cn.zhengyin.service.store.InMemoryMongo;
import cn.zhengyin.trust.crypto.Digests;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bookkeeping of archive time-stamp renewal over the real registry and file store (the renewer is a stand-in that
 * appends an incremental update; the real one, {@code PadesLtaExtender.renew}, is exercised in ArchiveRenewalIT).
 */
class ArchiveRenewalTest {
    private static final Instant T = Instant.parse("2026-03-01T02:00:00Z");
    private static final byte[] UPDATE = "\n% renewed\n".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    final InMemoryMongo mongo = new InMemoryMongo();

    private MongoLicenceRegistry registry;
    private MongoLicenceFileStore files;
    private ArchiveRenewal renewal;
    private int renewals;

    @BeforeEach
    void setUp() {
        var db = mongo.database("archive_renewal_test");
        registry = new MongoLicenceRegistry(db, Clock.fixed(T, ZoneOffset.UTC));
        files = new MongoLicenceFileStore(db);
        renewal = new ArchiveRenewal(
                registry,
                files,
                pdf -> {
                    renewals++;
                    byte[] out = Arrays.copyOf(pdf, pdf.length + UPDATE.length);
                    System.arraycopy(UPDATE, 0, out, pdf.length, UPDATE.length);
                    return out;
                },
                Clock.fixed(T, ZoneOffset.UTC),
                Duration.ofDays(90));
    }

    @Test
    void aPassRenewsWhatIsDueAddsTheNewHashAndKeepsEveryEarlierFile() throws Exception {
        byte[] pdf = blankPdf();
        registry.saveVersion(version("A", Optional.of(pdf), true));
        registry.saveVersion(version("B", Optional.empty(), true)); // its PDF is missing from the file store
        registry.saveVersion(version("C", Optional.empty(), false)); // no PDF at all

        ArchiveRenewal.Run run = renewal.renewDue();

        assertThat(run).isEqualTo(new ArchiveRenewal.Run(3, 1, 2));
        LicenceVersion a = registry.findVersion("A.001").orElseThrow();
        assertThat(a.renditions()).extracting(Rendition::kind).containsExactly("PDF", "PDF-RENEWAL-1");
        Rendition renewed = a.renditions().get(1);
        byte[] first = files.get(renewed.fileId()).orElseThrow();
        assertThat(Arrays.copyOf(first, pdf.length)).isEqualTo(pdf);
        assertThat(renewed.sha256()).isEqualTo(Digests.sha256Hex(first));
        // the file handed out before and the renewed file are both found
        assertThat(registry.findVersionByFileSha256(Digests.sha256Hex(pdf)))
                .map(LicenceVersion::identifier)
                .contains("A.001");
        assertThat(registry.findVersionByFileSha256(renewed.sha256()))
                .map(LicenceVersion::identifier)
                .contains("A.001");

        // the next renewal starts from the newest file
        ArchiveRenewal.Outcome again = renewal.renew("A.001", true);
        assertThat(again.rendition()).map(Rendition::kind).contains("PDF-RENEWAL-2");
        byte[] second = files.get(again.rendition().orElseThrow().fileId()).orElseThrow();
        assertThat(Arrays.copyOf(second, first.length)).isEqualTo(first);
        assertThat(registry.findVersionByFileSha256(Digests.sha256Hex(pdf))).isPresent();
        assertThat(renewals).isEqualTo(2);
    }

    @Test
    void aMissingVersionOrPdfIsAClearRefusal() {
        registry.saveVersion(version("C", Optional.empty(), false));
        assertThatThrownBy(() -> renewal.renew("NOPE.001", true)).hasMessageContaining("no licence version NOPE.001");
        assertThatThrownBy(() -> renewal.renew("C.001", true)).hasMessageContaining("has no PDF");
    }

    private LicenceVersion version(String root, Optional<byte[]> pdf, boolean hasPdf) {
        String id = root + ".001";
        List<Rendition> renditions = List.of();
        if (hasPdf) {
            byte[] content = pdf.orElse(("missing " + root).getBytes(StandardCharsets.US_ASCII));
            String sha = Digests.sha256Hex(content);
            String fileId = id + "/pdf/" + sha;
            pdf.ifPresent(p -> files.put(fileId, id + ".pdf", "application/pdf", p));
            renditions = List.of(new Rendition("PDF", "application/pdf", fileId, content.length, sha, "sm3-" + root));
        }
        return new LicenceVersion(
                id,
                root,
                1,
                "T",
                "Type",
                "I",
                "Issuer",
                "Name",
                "H-" + root,
                "USCC",
                LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 1),
                Optional.empty(),
                Map.of("name", "Name"),
                "CASE-1",
                "tester",
                T,
                renditions,
                "ISSUE",
                "fp");
    }

    private static byte[] blankPdf() throws Exception {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
