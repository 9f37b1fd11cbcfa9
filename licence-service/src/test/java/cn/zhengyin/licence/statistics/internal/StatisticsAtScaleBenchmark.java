package cn.zhengyin.licence.statistics.internal;

import cn.zhengyin.licence.fieldreuse.UsageRecord;
import cn.zhengyin.licence.statistics.DailyCounters;
import cn.zhengyin.licence.statistics.StatisticsCounting;
import cn.zhengyin.licence.statistics.StatisticsReport;
import cn.zhengyin.service.store.EmbeddedMongoServer;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.validation.Conclusion;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Not a test (no timed unit tests): seeds a year of daily counters on an on-disk embedded store through the live
 * counting path — 100,000 licences issued over 365 days by three authorities and four types, with amendments,
 * revocations, 300,000 verifications and 50,000 field releases — and measures the statistics query for a year (one
 * authority, and the province's all-authority view). Run from licence-service with the test classpath:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) cn.zhengyin.licence.statistics.internal.StatisticsAtScaleBenchmark 100000}.
 */
public final class StatisticsAtScaleBenchmark {
    static final String[][] TYPES = {
        {"11100000XF0000001X001", "11110100000000019Q"},
        {"11100000XF0000001X002", "11110100000000019Q"},
        {"11100000XF00000021001", "11110100000000027K"},
        {"11100000XF00000034001", "111101000000000439"}
    };

    public static void main(String[] args) throws Exception {
        int licences = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("statistics-at-scale");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.open(dir);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase db = client.getDatabase("licences");
            MongoDailyCounters counters = new MongoDailyCounters(db);
            StatisticsCounting counting = new StatisticsCounting(counters);
            Random random = new Random(16);
            LocalDate last = LocalDate.of(2026, 12, 31);
            LocalDate first = last.minusDays(364);
            long t0 = System.nanoTime();
            long writes = 0;
            for (int i = 0; i < licences; i++) {
                String[] type = TYPES[random.nextInt(TYPES.length)];
                Instant at = first.plusDays(random.nextInt(365)).atTime(2, 0).toInstant(ZoneOffset.UTC);
                counting.licenceEvent(type[0], type[1], "ISSUED", at);
                writes++;
                if (i % 10 == 0) {
                    counting.licenceEvent(type[0], type[1], i % 20 == 0 ? "AMENDED" : "RENEWED", at.plusSeconds(3600));
                    writes++;
                }
                if (i % 50 == 0) {
                    counting.licenceEvent(
                            type[0], type[1], i % 100 == 0 ? "REVOKED" : "SUSPENDED", at.plusSeconds(7200));
                    writes++;
                }
                String id = LicenceIdentifier.first(type[0], type[1], String.format(java.util.Locale.ROOT, "%011d", i))
                        .toString();
                for (int v = 0; v < 3; v++) {
                    Conclusion c = Conclusion.values()[random.nextInt(10) < 7 ? 0 : random.nextInt(4)];
                    counting.verification(c, c == Conclusion.FAILED ? Optional.empty() : Optional.of(id), at);
                    writes++;
                }
                if (i % 2 == 0) {
                    counting.usage(new UsageRecord(
                            "u" + i,
                            at,
                            UsageRecord.Kind.FIELD_READ,
                            i % 4 == 0 ? "duty-demo" : "bank-demo",
                            "",
                            id,
                            "",
                            type[0],
                            type[1],
                            "",
                            List.of("name"),
                            "",
                            i % 4 == 0 ? "duty:XF-000301-00" + (i % 7) : "cst-" + i,
                            "",
                            i % 4 == 0 ? "XF-000301-00" + (i % 7) : ""));
                    writes++;
                }
            }
            long seeded = System.nanoTime() - t0;
            System.out.printf(
                    "seeded %d licences' worth: %d counter updates in %d s (%.2f ms each); %d counter documents%n",
                    licences, writes, seeded / 1_000_000_000, seeded / 1e6 / writes, counters.documents());
            for (Optional<String> scope : List.of(
                    Optional.of("11110100000000019Q"),
                    Optional.<String>empty(),
                    Optional.of(DailyCounters.UNATTRIBUTED))) {
                long best = Long.MAX_VALUE;
                int docs = 0;
                StatisticsReport report = null;
                for (int run = 0; run < 5; run++) {
                    long s = System.nanoTime();
                    var read = counters.read(first, last, scope);
                    report = StatisticsReport.of(first, last, read);
                    best = Math.min(best, System.nanoTime() - s);
                    docs = read.size();
                }
                System.out.printf(
                        "year query for %s: %d documents read, report in %.1f ms (best of 5); issued %d%n",
                        scope.orElse("all authorities"), docs, best / 1e6, report.licenceTotal(0));
            }
        }
    }
}
