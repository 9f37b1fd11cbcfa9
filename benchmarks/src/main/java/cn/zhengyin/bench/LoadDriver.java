package cn.zhengyin.bench;

import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.bson.Document;

/**
 * HTTP load driver for the running services (plain java.net.http, HTTP/1.1): issuance ({@code POST
 * /api/v1/licences} as approval-demo) and verification ({@code POST /api/v1/verifications} of a licence PDF issued
 * in this run), each closed-loop at 1 and 2 threads (maximum throughput) and open-loop at a fixed rate; then
 * registry scale: N licences seeded straight into the licence service's store through the MongoDB driver, and
 * lookups by identifier ({@code GET /api/v1/licences/{id}}) and by file hash (the registry part of verification,
 * the same indexed query MongoLicenceRegistry runs) measured against that store.
 *
 * <p>Open loop corrects coordinated omission: request i is due at start + i/rate, its latency is measured from
 * that intended time (not from when it was actually sent), and requests are sent asynchronously so a slow answer
 * never delays the next send. An open-loop rate is only attempted when the closed-loop maximum reaches it
 * ({@code rate <= 1.1 × max}); otherwise the run records why and measures at 70 % of the maximum instead.
 *
 * <p>Writes {@code load.tsv} (name, throughput/s, p50 ms, p99 ms, max ms, errors, note) into the output directory.
 *
 * <p>Usage: {@code LoadDriver --licence-url URL --mongo-uri URI --out DIR [--duration S] [--registry-n N]
 * [--issue-rate R] [--verify-rate R] [--large-pdf FILE]}
 */
public final class LoadDriver {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern IDENTIFIER = Pattern.compile("\"identifier\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern INDICATION = Pattern.compile("\"indication\"\\s*:\\s*\"([^\"]+)\"");

    private final URI licence;
    private final HttpClient http;
    private final ExecutorService asyncPool = Executors.newFixedThreadPool(8);
    private final StringBuilder tsv =
            new StringBuilder("name\tthroughput_per_s\tp50_ms\tp99_ms\tmax_ms\terrors\tnote\n");
    private final Path out;
    private final int durationSeconds;
    private String token;
    private final String issueBody;
    /** The next company: each issued 营业执照 is for a company of its own (a company holds one in force). */
    private final java.util.concurrent.atomic.AtomicLong companies = new java.util.concurrent.atomic.AtomicLong(
            ThreadLocalRandom.current().nextLong(1L << 32));
    /** licence-service and seal-service process ids, for CPU time per operation (empty: not measured). */
    private List<Long> servicePids = List.of();
    /** Only issue #18's target rows (the short run). */
    private boolean onlyTargets;

    private LoadDriver(URI licence, Path out, int durationSeconds) throws IOException {
        this.licence = licence;
        this.out = out;
        this.durationSeconds = durationSeconds;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(asyncPool)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.issueBody =
                Files.readString(Path.of("templates", "business-licence", "sample.json"), StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        URI licenceUrl = URI.create(Suite.option(args, "--licence-url", "http://localhost:8081"));
        String mongoUri = Suite.option(args, "--mongo-uri", null);
        Path out = Path.of(Suite.option(args, "--out", "target/bench"));
        int duration = Integer.parseInt(Suite.option(args, "--duration", "15"));
        long registryN = Long.parseLong(Suite.option(args, "--registry-n", "100000"));
        double issueRate = Double.parseDouble(Suite.option(args, "--issue-rate", "200"));
        double verifyRate = Double.parseDouble(Suite.option(args, "--verify-rate", "300"));
        String largePdf = Suite.option(args, "--large-pdf", null);
        String label = Suite.option(args, "--label", "");
        String pids = Suite.option(args, "--pids", "");
        boolean onlyTargets = Boolean.parseBoolean(Suite.option(args, "--only-targets", "false"));
        Files.createDirectories(out);
        LoadDriver driver = new LoadDriver(licenceUrl, out, duration);
        driver.servicePids = pids.isBlank()
                ? List.of()
                : java.util.Arrays.stream(pids.split(",")).map(Long::parseLong).toList();
        driver.onlyTargets = onlyTargets;
        try {
            driver.run(mongoUri, registryN, issueRate, verifyRate, largePdf, label);
        } finally {
            driver.asyncPool.shutdownNow();
        }
    }

    private void run(
            String mongoUri, long registryN, double issueRate, double verifyRate, String largePdf, String label)
            throws Exception {
        token = token();
        String first = identifierOf(issue());
        byte[] pdf = get("/api/v1/licences/" + first + "/pdf");
        HttpResponse<String> check = verify(pdf);
        Matcher indication = INDICATION.matcher(check.body());
        String verdict = indication.find() ? indication.group(1) : "?";
        System.out.println("issued " + first + ", its PDF (" + pdf.length + " bytes) verifies " + verdict);
        if (!"TOTAL_PASSED".equals(verdict)) {
            throw new IllegalStateException("the freshly issued licence does not verify: " + check.body());
        }
        String prefix = label.isEmpty() ? "" : label + " ";
        // warm-up: JIT, connection pools, caches (not recorded)
        closedLoop("warm-up", 2, Math.max(5, durationSeconds / 2), this::issueStatus, false);
        closedLoop("warm-up", 2, Math.max(5, durationSeconds / 2), () -> verifyStatus(pdf), false);
        issue18Targets(prefix, pdf);
        if (onlyTargets) {
            Files.writeString(out.resolve("load.tsv"), tsv, StandardCharsets.UTF_8);
            System.out.print(tsv);
            return;
        }

        double issueMax = Math.max(
                closedLoop(prefix + "issuance closed-loop 1 thread", 1, durationSeconds, this::issueStatus, true),
                closedLoop(prefix + "issuance closed-loop 2 threads", 2, durationSeconds, this::issueStatus, true));
        double verifyMax = Math.max(
                closedLoop(
                        prefix + "verification closed-loop 1 thread",
                        1,
                        durationSeconds,
                        () -> verifyStatus(pdf),
                        true),
                closedLoop(
                        prefix + "verification closed-loop 2 threads",
                        2,
                        durationSeconds,
                        () -> verifyStatus(pdf),
                        true));
        openLoopOrFallback(prefix + "issuance", issueRate, issueMax, this::issueAsync);
        openLoopOrFallback(prefix + "verification", verifyRate, verifyMax, () -> verifyAsync(pdf));

        if (largePdf != null) {
            byte[] large = Files.readAllBytes(Path.of(largePdf));
            Histogram h = new Histogram(3);
            long errors = 0;
            String seen = "?";
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                HttpResponse<String> r = verify(large);
                h.recordValue((System.nanoTime() - t) / 1000);
                Matcher m = INDICATION.matcher(r.body());
                seen = r.statusCode() + (m.find() ? " " + m.group(1) : "");
                if (r.statusCode() != 200) {
                    errors++;
                }
            }
            row(
                    prefix + "verification of a " + large.length / 1_000_000 + " MB, 100-page PDF (5 sequential)",
                    5 / (h.getTotalCount() == 0 ? 1 : Math.max(1e-9, h.getMean() * 5 / 1e6)),
                    h,
                    errors,
                    "HTTP " + seen);
        }
        if (mongoUri != null && registryN > 0) {
            registry(mongoUri, registryN, pdf);
        }
        Files.writeString(
                out.resolve(label.isEmpty() ? "load.tsv" : "load-" + label.replace(' ', '-') + ".tsv"),
                tsv,
                StandardCharsets.UTF_8);
        System.out.print(tsv);
    }

    /**
     * Issue #18's rows: issuance closed loop with 8 client threads and open loop at 50/s, verification of the licence
     * PDF closed loop with 4 threads and open loop at 100/s; each closed-loop row notes the services' CPU time per
     * request (both processes, from /proc) when their process ids are known — the figure that does not depend on
     * what else runs on a shared machine.
     */
    private void issue18Targets(String prefix, byte[] pdf) throws Exception {
        long[] cpu = cpuMillis();
        double issueMax =
                closedLoop(prefix + "issuance closed-loop 8 threads", 8, durationSeconds, this::issueStatus, true);
        noteCpu(cpu, issueMax * durationSeconds);
        String issueOpen = prefix + "issuance open-loop 50/s";
        if (issueMax * 1.1 >= 50) {
            openLoop(issueOpen, 50, this::issueAsync, "");
        } else {
            row(
                    issueOpen,
                    0,
                    null,
                    0,
                    String.format(Locale.ROOT, "not attempted: closed-loop maximum is %.0f/s", issueMax));
        }
        cpu = cpuMillis();
        double verifyMax = closedLoop(
                prefix + "verification closed-loop 4 threads", 4, durationSeconds, () -> verifyStatus(pdf), true);
        noteCpu(cpu, verifyMax * durationSeconds);
        String verifyOpen = prefix + "verification open-loop 100/s";
        if (verifyMax * 1.1 >= 100) {
            openLoop(verifyOpen, 100, () -> verifyAsync(pdf), "");
        } else {
            row(
                    verifyOpen,
                    0,
                    null,
                    0,
                    String.format(Locale.ROOT, "not attempted: closed-loop maximum is %.0f/s", verifyMax));
        }
    }

    /** CPU milliseconds used so far by each service process (utime + stime), or empty. */
    private long[] cpuMillis() {
        long[] result = new long[servicePids.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = cpuMillis(servicePids.get(i));
        }
        return result;
    }

    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Appends "CPU x ms/op (licence a + seal b)" to the last row's note. */
    private void noteCpu(long[] before, double operations) {
        if (before.length == 0 || operations < 1) {
            return;
        }
        long[] after = cpuMillis();
        StringBuilder parts = new StringBuilder();
        double total = 0;
        String[] names = {"licence", "seal"};
        for (int i = 0; i < before.length; i++) {
            double perOp = (after[i] - before[i]) / operations;
            total += perOp;
            parts.append(i == 0 ? "" : " + ")
                    .append(i < names.length ? names[i] + " " : "")
                    .append(String.format(Locale.ROOT, "%.1f", perOp));
        }
        int end = tsv.length() - 1; // the row's newline
        tsv.insert(end, String.format(Locale.ROOT, "CPU %.1f ms per request (%s)", total, parts));
    }

    // ---- closed and open loop ----------------------------------------------------------------------------------

    /** @return completed requests per second */
    private double closedLoop(String name, int threads, int seconds, Supplier<Integer> call, boolean record)
            throws InterruptedException {
        ConcurrentHistogram h = new ConcurrentHistogram(3);
        AtomicLong errors = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            workers.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    int status = call.get();
                    h.recordValue((System.nanoTime() - t) / 1000);
                    done.incrementAndGet();
                    if (status / 100 != 2) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        double rate = done.get() / ((System.nanoTime() - start) / 1e9);
        if (record) {
            row(name, rate, h, errors.get(), "");
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %.1f/s p99 %.1f ms errors %d%n",
                name,
                rate,
                h.getValueAtPercentile(99) / 1000.0,
                errors.get());
        return rate;
    }

    private void openLoopOrFallback(
            String what, double rate, double closedMax, Supplier<CompletableFuture<Integer>> call)
            throws InterruptedException {
        if (rate <= closedMax * 1.1) {
            openLoop(what + " open-loop " + (long) rate + "/s", rate, call, "");
        } else {
            row(
                    what + " open-loop " + (long) rate + "/s",
                    0,
                    null,
                    0,
                    String.format(Locale.ROOT, "not attempted: closed-loop maximum is %.0f/s", closedMax));
        }
        double sustainable = Math.max(1, Math.floor(closedMax * 0.7));
        openLoop(what + " open-loop " + (long) sustainable + "/s (70 % of max)", sustainable, call, "");
    }

    private void openLoop(String name, double rate, Supplier<CompletableFuture<Integer>> call, String note)
            throws InterruptedException {
        ConcurrentHistogram h = new ConcurrentHistogram(3);
        AtomicLong errors = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        long periodNanos = (long) (1e9 / rate);
        long total = (long) (rate * durationSeconds);
        List<CompletableFuture<Integer>> pending = new ArrayList<>();
        long start = System.nanoTime() + 50_000_000L;
        for (long i = 0; i < total; i++) {
            long intended = start + i * periodNanos;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            CompletableFuture<Integer> f = call.get().whenComplete((status, failure) -> {
                h.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000)); // from the intended send time
                completed.incrementAndGet();
                if (failure != null || status / 100 != 2) {
                    errors.incrementAndGet();
                }
            });
            pending.add(f);
        }
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long unfinished = 0;
        for (CompletableFuture<Integer> f : pending) {
            try {
                f.get(Math.max(1, drainDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                if (!f.isDone()) {
                    unfinished++;
                }
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        row(
                name,
                completed.get() / elapsed,
                h,
                errors.get() + unfinished,
                (note.isEmpty() ? "" : note + "; ") + total + " sent"
                        + (unfinished > 0 ? ", " + unfinished + " unanswered after 30 s drain" : ""));
        System.out.printf(
                Locale.ROOT,
                "%s: p50 %.1f ms p99 %.1f ms errors %d%n",
                name,
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                errors.get() + unfinished);
    }

    private void row(String name, double rate, Histogram h, long errors, String note) {
        if (h == null || h.getTotalCount() == 0) {
            tsv.append(name)
                    .append("\t\t\t\t\t")
                    .append(errors)
                    .append('\t')
                    .append(note)
                    .append('\n');
            return;
        }
        tsv.append(String.format(
                Locale.ROOT,
                "%s\t%.1f\t%.2f\t%.2f\t%.2f\t%d\t%s%n",
                name,
                rate,
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0,
                errors,
                note));
    }

    // ---- the API calls -----------------------------------------------------------------------------------------

    private String token() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(licence.resolve("/oauth2/token"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("approval-demo:approval-demo-secret"
                                                        .getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                                + URLEncoder.encode("licence:issue licence:read", StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("token request failed: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    /**
     * The body a test issues (FoundationEndToEndIT): the business-licence sample's fields without the two the
     * service sets itself (registrationAuthority, issueDate), a new case number and a new company (统一社会信用代码)
     * each time.
     */
    private HttpRequest issueRequest() {
        String fields = issueBody
                .substring(issueBody.indexOf("\"fields\""), issueBody.lastIndexOf('}'))
                .replaceAll(",\\s*\"registrationAuthority\"\\s*:\\s*\"[^\"]*\"", "")
                .replaceAll(",\\s*\"issueDate\"\\s*:\\s*\"[^\"]*\"", "")
                .replaceFirst("\"uscc\"\\s*:\\s*\"[^\"]*\"", "\"uscc\":\"" + nextCompany() + "\"");
        String body = "{\"licenceType\":\"business-licence\",\"caseNumber\":\"BENCH-"
                + ThreadLocalRandom.current().nextLong(1_000_000_000L) + "\"," + fields + "}";
        return HttpRequest.newBuilder(licence.resolve("/api/v1/licences"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "bench-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    /** A valid code (GB 32100 check character) of 示范市 not used before by this driver: "MB" + 7 characters. */
    private String nextCompany() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        long n = companies.getAndIncrement();
        char[] body = new char[7];
        for (int i = 6; i >= 0; i--) {
            body[i] = alphabet.charAt((int) (n % 31));
            n /= 31;
        }
        return cn.zhengyin.trust.identifier.UnifiedSocialCreditCode.completing("91990100MB" + new String(body))
                .value();
    }

    private HttpResponse<String> issue() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(issueRequest(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("issuance failed: " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    private int issueStatus() {
        try {
            return http.send(issueRequest(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 599;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 599;
        }
    }

    private CompletableFuture<Integer> issueAsync() {
        return http.sendAsync(issueRequest(), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }

    private HttpRequest verifyRequest(byte[] pdf) {
        return HttpRequest.newBuilder(licence.resolve("/api/v1/verifications"))
                .header("Content-Type", "application/pdf")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf))
                .build();
    }

    private HttpResponse<String> verify(byte[] pdf) throws IOException, InterruptedException {
        return http.send(verifyRequest(pdf), HttpResponse.BodyHandlers.ofString());
    }

    private int verifyStatus(byte[] pdf) {
        try {
            return http.send(verifyRequest(pdf), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 599;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 599;
        }
    }

    private CompletableFuture<Integer> verifyAsync(byte[] pdf) {
        return http.sendAsync(verifyRequest(pdf), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }

    private byte[] get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(
                HttpRequest.newBuilder(licence.resolve(path))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + r.statusCode());
        }
        return r.body();
    }

    private static String identifierOf(HttpResponse<String> response) {
        Matcher m = IDENTIFIER.matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("no identifier in " + response.body());
        }
        return m.group(1);
    }

    // ---- registry at scale -------------------------------------------------------------------------------------

    /**
     * Seeds N licences (one {@code licences} head, one {@code licence_versions} document and its
     * {@code rendition_hashes} entries each, the shape MongoLicenceRegistry writes, cloned from a licence issued in this run with a new identifier and new file
     * hashes) into the licence service's own store, then measures lookups.
     */
    private void registry(String mongoUri, long n, byte[] issuedPdf) throws Exception {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoDatabase db = null;
            for (String name : client.listDatabaseNames()) {
                for (String c : client.getDatabase(name).listCollectionNames()) {
                    if (c.equals("licence_versions")) {
                        db = client.getDatabase(name);
                    }
                }
            }
            if (db == null) {
                throw new IllegalStateException("no database with licence_versions at " + mongoUri);
            }
            MongoCollection<Document> versions = db.getCollection("licence_versions");
            MongoCollection<Document> licences = db.getCollection("licences");
            MongoCollection<Document> renditionHashes = db.getCollection("rendition_hashes");
            Document versionTemplate = versions.find().first();
            Document headTemplate = licences.find(Filters.eq("_id", versionTemplate.getString("root")))
                    .first();
            long existing = versions.countDocuments();
            long seeded = 0;
            long t0 = System.nanoTime();
            int batch = 1000;
            List<String> sampleIds = new ArrayList<>();
            List<String> sampleHashes = new ArrayList<>();
            String typeCode = versionTemplate.getString("typeCode");
            String issuerCode = versionTemplate.getString("issuerCode");
            while (seeded < n) {
                List<Document> vs = new ArrayList<>(batch);
                List<Document> hs = new ArrayList<>(batch);
                List<Document> rs = new ArrayList<>(2 * batch);
                for (int i = 0; i < batch && seeded < n; i++, seeded++) {
                    LicenceIdentifier id = LicenceIdentifier.first(
                            typeCode, issuerCode, String.format(java.util.Locale.ROOT, "B%010d", seeded));
                    String identifier = id.toString();
                    String root = id.root();
                    String pdfHash = Digests.sha256Hex(("pdf:" + identifier).getBytes(StandardCharsets.UTF_8));
                    List<Document> renditions = new ArrayList<>();
                    for (Document r : versionTemplate.getList("renditions", Document.class)) {
                        String hash = "PDF".equals(r.getString("kind"))
                                ? pdfHash
                                : Digests.sha256Hex(
                                        (r.getString("kind") + ":" + identifier).getBytes(StandardCharsets.UTF_8));
                        renditions.add(new Document(r).append("sha256", hash).append("fileId", "bench-" + hash));
                        rs.add(new Document("_id", hash)
                                .append("identifier", identifier)
                                .append("root", root)
                                .append("kind", r.getString("kind")));
                    }
                    vs.add(new Document(versionTemplate)
                            .append("_id", identifier)
                            .append("root", root)
                            .append("renditions", renditions)
                            .append("caseNumber", "BENCH-SEED-" + seeded));
                    hs.add(new Document(headTemplate).append("_id", root).append("currentIdentifier", identifier));
                    if (ThreadLocalRandom.current().nextInt(Math.max(1, (int) (n / 20_000))) == 0) {
                        sampleIds.add(identifier);
                        sampleHashes.add(pdfHash);
                    }
                }
                versions.insertMany(vs, new InsertManyOptions().ordered(false));
                licences.insertMany(hs, new InsertManyOptions().ordered(false));
                renditionHashes.insertMany(rs, new InsertManyOptions().ordered(false));
                if (seeded % 100_000 == 0) {
                    System.out.printf(
                            Locale.ROOT,
                            "seeded %d licences, %.0f/s%n",
                            seeded,
                            seeded / ((System.nanoTime() - t0) / 1e9));
                }
            }
            double seedSeconds = (System.nanoTime() - t0) / 1e9;
            long total = versions.countDocuments();
            tsv.append(String.format(
                    Locale.ROOT,
                    "registry seeded\t%.0f\t\t\t\t0\t%d licences inserted in %.0f s through the"
                            + " MongoDB driver (%d were there); store now holds %d versions%n",
                    n / seedSeconds,
                    n,
                    seedSeconds,
                    existing,
                    total));

            ThreadLocalRandom random = ThreadLocalRandom.current();
            closedLoop(
                    "lookup GET /api/v1/licences/{id}, " + total + " in store, 1 thread",
                    1,
                    durationSeconds,
                    () -> {
                        String id = sampleIds.get(random.nextInt(sampleIds.size()));
                        try {
                            return http.send(
                                            HttpRequest.newBuilder(licence.resolve("/api/v1/licences/" + id))
                                                    .header("Authorization", "Bearer " + token)
                                                    .GET()
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                        } catch (IOException | InterruptedException e) {
                            return 599;
                        }
                    },
                    true);
            // What LicenceVerifier does for every file: the hash entry by _id, then the version it names by _id.
            closedLoop(
                    "registry hash lookup (rendition_hashes then the version, by _id; driver), " + total
                            + " in store, 1 thread",
                    1,
                    durationSeconds,
                    () -> {
                        String hash =
                                sampleHashes.get(ThreadLocalRandom.current().nextInt(sampleHashes.size()));
                        Document entry =
                                renditionHashes.find(Filters.eq("_id", hash)).first();
                        return entry != null
                                        && versions.find(Filters.eq("_id", entry.getString("identifier")))
                                                        .first()
                                                != null
                                ? 200
                                : 404;
                    },
                    true);
            // A licence issued now sits at the end of the collection: its registry check is the worst case of a scan.
            byte[] newest = get("/api/v1/licences/" + identifierOf(issue()) + "/pdf");
            closedLoop(
                    "verification closed-loop 1 thread, " + total + " in store (PDF of a licence issued after seeding)",
                    1,
                    durationSeconds,
                    () -> verifyStatus(newest),
                    true);
            closedLoop(
                    "verification closed-loop 1 thread, " + total + " in store (PDF of the run's first licence)",
                    1,
                    durationSeconds,
                    () -> verifyStatus(issuedPdf),
                    true);
        }
    }
}
