package cn.zhengyin.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #14, finding 2: the token endpoint was a CPU lever (every wrong secret cost a bcrypt check, about 11 requests a
 * second saturated both cores) and an oracle (known client ids answered in 90–260 ms, unknown ones in ~12 ms). Failed
 * client authentications are now limited per claimed client id and per source address before any hashing, unknown ids
 * cost a check against a dummy hash, and a client whose secret was recently verified keeps getting tokens.
 *
 * <p>The attacker sends from 127.0.0.2 (and a second probe from 127.0.0.3) so that the lockout it causes does not
 * touch the other tests' requests from 127.0.0.1; the legitimate client sends from both 127.0.0.1 and the attacker's
 * address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenEndpointAbuseIT {
    static final String LEGIT = "approval-health-demo";
    static final String LEGIT_SECRET = "approval-health-secret";

    private TwoServices services;
    private URI loopback; // the licence service by IPv4 address, for clients bound to another loopback address

    @BeforeAll
    void start() {
        services = TwoServices.shared();
        loopback = URI.create("http://127.0.0.1:" + services.licenceUrl.getPort());
    }

    static HttpClient from(String address) throws Exception {
        return HttpClient.newBuilder()
                .localAddress(InetAddress.getByName(address))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static HttpRequest tokenRequest(URI base, String client, String secret) {
        return HttpRequest.newBuilder(base.resolve("/oauth2/token"))
                .timeout(Duration.ofSeconds(60))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode("licence:read", StandardCharsets.UTF_8)))
                .build();
    }

    record Timed(int status, long millis, HttpResponse<String> response) {}

    static Timed send(HttpClient http, HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Timed(r.statusCode(), (System.nanoTime() - start) / 1_000_000, r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void aBurstOfWrongSecretsIsStoppedBeforeHashingWhileTheLegitimateClientKeepsGettingTokens() throws Exception {
        HttpClient legit = services.http;
        HttpClient attacker = from("127.0.0.2");
        // the legitimate client's usual latency, measured now (its first request verifies its secret)
        List<Long> baseline = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Timed t = send(legit, tokenRequest(services.licenceUrl, LEGIT, LEGIT_SECRET));
            assertThat(t.status()).as(t.response().body()).isEqualTo(200);
            baseline.add(t.millis());
        }
        long usual = median(baseline);

        int burst = 160;
        Map<Integer, Integer> attackerStatuses = new ConcurrentHashMap<>();
        List<String> retryAfter = Collections.synchronizedList(new ArrayList<>());
        List<Timed> legitDuring = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean attacking = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        long attackStart = System.nanoTime();
        List<Future<?>> attack = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            int t = thread;
            attack.add(pool.submit(() -> {
                for (int i = t; i < burst; i += 4) {
                    // wrong secrets for the legitimate client's id, and for ids that exist nowhere
                    String client = i % 2 == 0 ? LEGIT : "nobody-" + UUID.randomUUID();
                    Timed r = send(attacker, tokenRequest(loopback, client, "wrong-" + i));
                    attackerStatuses.merge(r.status(), 1, Integer::sum);
                    r.response().headers().firstValue("Retry-After").ifPresent(retryAfter::add);
                }
            }));
        }
        HttpClient legitOnAttackersAddress = from("127.0.0.2");
        Future<?> legitimate = pool.submit(() -> {
            while (attacking.get()) {
                legitDuring.add(send(legit, tokenRequest(services.licenceUrl, LEGIT, LEGIT_SECRET)));
                legitDuring.add(send(legitOnAttackersAddress, tokenRequest(loopback, LEGIT, LEGIT_SECRET)));
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        for (Future<?> f : attack) {
            f.get(5, TimeUnit.MINUTES);
        }
        long attackMillis = (System.nanoTime() - attackStart) / 1_000_000;
        attacking.set(false);
        legitimate.get(1, TimeUnit.MINUTES);
        pool.shutdown();

        assertThat(legitDuring).as("legitimate requests during the attack").hasSizeGreaterThanOrEqualTo(4);
        assertThat(legitDuring)
                .as("every legitimate request gets a token")
                .allSatisfy(t -> assertThat(t.status()).as(t.response().body()).isEqualTo(200));
        List<Long> during = legitDuring.stream().map(Timed::millis).toList();
        assertThat(median(during))
                .as("legitimate latency during the attack (usual %d ms, attack of %d ms)", usual, attackMillis)
                .isLessThanOrEqualTo(Math.max(5 * usual, usual + 500));

        int hashed = attackerStatuses.getOrDefault(401, 0);
        int limited = attackerStatuses.getOrDefault(429, 0);
        assertThat(hashed + limited).as(attackerStatuses.toString()).isEqualTo(burst);
        assertThat(limited).as("the attacker is answered 429 without a check").isGreaterThanOrEqualTo(burst / 2);
        assertThat(retryAfter)
                .isNotEmpty()
                .allSatisfy(v -> assertThat(Integer.parseInt(v)).isPositive());
        var env = services.licence.getEnvironment();
        int perAddress = env.getProperty(
                "zhengyin.authorisation-server.client-authentication.failures-per-address", Integer.class);
        Duration refill = Duration.parse("PT"
                + env.getProperty("zhengyin.authorisation-server.client-authentication.address-refill")
                        .toUpperCase(java.util.Locale.ROOT));
        long bound = perAddress + attackMillis / refill.toMillis() + 1;
        assertThat((long) hashed)
                .as(
                        "secret checks the attacker caused (bucket %d, one more every %s, %d ms)",
                        perAddress, refill, attackMillis)
                .isLessThanOrEqualTo(bound);
    }

    /** An unknown client id and a known one with a wrong secret get the same answer, after the same work. */
    @Test
    void anUnknownClientAndAKnownClientWithAWrongSecretAreAnsweredAlike() throws Exception {
        HttpClient probe = from("127.0.0.3");
        List<Long> unknown = new ArrayList<>();
        List<Long> known = new ArrayList<>();
        Timed firstUnknown = null;
        Timed firstKnown = null;
        for (int i = 0; i < 5; i++) {
            Timed u = send(probe, tokenRequest(loopback, "nobody-" + UUID.randomUUID(), "wrong-secret"));
            Timed k = send(probe, tokenRequest(loopback, "auditor-demo", "wrong-secret"));
            assertThat(u.status()).isEqualTo(401);
            assertThat(k.status()).isEqualTo(401);
            assertThat(u.response().body()).isEqualTo(k.response().body());
            assertThat(u.response().headers().firstValue("WWW-Authenticate"))
                    .isEqualTo(k.response().headers().firstValue("WWW-Authenticate"));
            assertThat(u.response().headers().firstValue("Content-Type"))
                    .isEqualTo(k.response().headers().firstValue("Content-Type"));
            unknown.add(u.millis());
            known.add(k.millis());
        }
        // both cost one bcrypt check: the medians are of the same order (before: ~12 ms against 90–260 ms)
        assertThat(median(unknown) * 3)
                .as("unknown ids %s ms, known ids %s ms", unknown, known)
                .isGreaterThanOrEqualTo(median(known));
    }
}
