package cn.zhengyin.trust.trustlist;

import static cn.zhengyin.trust.trustlist.TrustListTestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.testing.MovableClock;
import cn.zhengyin.trust.trustlist.TrustListException.Reason;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustListLoaderTest {
    private static final TrustListTestPki PKI = new TrustListTestPki();
    private static final String URL = "https://trust.example.gov.cn/lists/licence-issuers.xml";
    private static final List<String> ALLOWED = List.of("https://trust.example.gov.cn/lists/");

    private final MovableClock clock = new MovableClock(NOW);
    private final TrustListVerifier verifier = new TrustListVerifier(PKI.pinnedSigner(), clock);

    /** Serves whatever {@link #next} holds; counts the fetches. */
    private final class FakeServer implements TrustListFetcher {
        final List<URI> fetched = new ArrayList<>();
        byte[] next;
        IOException failure;

        @Override
        public byte[] fetch(URI uri) throws IOException {
            fetched.add(uri);
            if (failure != null) {
                throw failure;
            }
            return next;
        }
    }

    private final FakeServer server = new FakeServer();

    private TrustListLoader loader(String location) {
        return new TrustListLoader(
                new TrustListLoader.Configuration(location, ALLOWED, Duration.ofHours(1), Duration.ofMinutes(1)),
                verifier,
                server,
                AcceptedSequence.inMemory(),
                clock);
    }

    @Test
    void loadsAVerifiedListFromAFileAndCachesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trust-list.xml");
        Files.write(file, PKI.signed(TrustListTestPki.list(1, PKI.market())));
        TrustListLoader loader = loader(file.toString());
        assertThat(loader.location()).isInstanceOf(TrustListLocation.File.class);
        assertThat(loader.current().scheme().sequenceNumber()).isEqualTo(1);

        Files.write(file, PKI.signed(TrustListTestPki.list(2, PKI.market())));
        clock.advance(Duration.ofMinutes(59));
        assertThat(loader.current().scheme().sequenceNumber())
                .as("cached within the refresh interval")
                .isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(loader.current().scheme().sequenceNumber()).isEqualTo(2);
        assertThat(loader(file.toUri().toString()).current().scheme().sequenceNumber())
                .isEqualTo(2);
    }

    @Test
    void fetchesAnAllowListedUrlOncePerRefreshInterval() {
        server.next = PKI.signed(TrustListTestPki.list(3, PKI.market()));
        TrustListLoader loader = loader(URL);
        loader.current();
        loader.current();
        assertThat(server.fetched).containsExactly(URI.create(URL));
        clock.advance(Duration.ofHours(1));
        loader.current();
        assertThat(server.fetched).hasSize(2);
    }

    @Test
    void aUrlOffTheAllowListIsRefusedWithoutFetching() {
        for (String location : List.of(
                "https://evil.example/lists/licence-issuers.xml",
                "http://trust.example.gov.cn/lists/licence-issuers.xml",
                "https://trust.example.gov.cn:8443/lists/licence-issuers.xml",
                "https://trust.example.gov.cn/other/licence-issuers.xml",
                "https://trust.example.gov.cn/lists/../secret.xml",
                "https://user@trust.example.gov.cn/lists/x.xml",
                "https://trust.example.gov.cn/lists/x.xml?redirect=evil",
                "ftp://trust.example.gov.cn/lists/x.xml",
                "jar:file:/x.jar!/list.xml")) {
            assertThatThrownBy(() -> loader(location))
                    .as(location)
                    .isInstanceOf(TrustListException.class)
                    .extracting(e -> ((TrustListException) e).reason())
                    .isEqualTo(Reason.LOCATION_NOT_ALLOWED);
        }
        assertThat(server.fetched).isEmpty();
        assertThat(loader("https://TRUST.example.gov.cn:443/lists/sub/x.xml").location())
                .isInstanceOf(TrustListLocation.Url.class);
    }

    @Test
    void aFailedFetchKeepsThePreviousListUntilItsNextUpdateThenFailsClosed() {
        server.next = PKI.signed(TrustListTestPki.list(1, PKI.market()));
        TrustListLoader loader = loader(URL);
        loader.current();

        server.failure = new IOException("connection refused");
        clock.advance(Duration.ofDays(10));
        assertThat(loader.current().scheme().sequenceNumber()).isEqualTo(1);
        assertThat(loader.status().lastFailure())
                .get()
                .extracting(TrustListException::reason)
                .isEqualTo(Reason.UNAVAILABLE);

        clock.set(NOW.plus(Duration.ofDays(30)));
        assertThatThrownBy(loader::current)
                .isInstanceOf(TrustListException.class)
                .hasMessageContaining("passed its nextUpdate")
                .hasMessageContaining("connection refused")
                .extracting(e -> ((TrustListException) e).reason())
                .isEqualTo(Reason.STALE);
    }

    @Test
    void aListFailingItsSignatureCheckKeepsThePreviousList() {
        server.next = PKI.signed(TrustListTestPki.list(1, PKI.market()));
        TrustListLoader loader = loader(URL);
        loader.current();
        server.next = TrustListXml.toBytes(TrustListTestPki.list(2)); // unsigned, lists nobody
        clock.advance(Duration.ofHours(2));
        TrustListAnchors anchors = loader.current();
        assertThat(anchors.scheme().sequenceNumber()).isEqualTo(1);
        assertThat(anchors.listedCertificates()).isNotEmpty();
        assertThat(loader.status().lastFailure())
                .get()
                .extracting(TrustListException::reason)
                .isEqualTo(Reason.UNSIGNED);
    }

    @Test
    void anOlderListIsRefusedAndANewerOneReplacesTheListInForce() {
        server.next = PKI.signed(TrustListTestPki.list(5, PKI.market()));
        TrustListLoader loader = loader(URL);
        assertThat(loader.current().scheme().sequenceNumber()).isEqualTo(5);
        server.next = PKI.signed(TrustListTestPki.list(4, PKI.market().withStatus(AuthorityStatus.WITHDRAWN, NOW)));
        clock.advance(Duration.ofHours(1));
        assertThat(loader.current().scheme().sequenceNumber()).isEqualTo(5);
        assertThat(loader.status().lastFailure())
                .get()
                .extracting(TrustListException::reason)
                .isEqualTo(Reason.ROLLBACK);
        server.next = PKI.signed(TrustListTestPki.list(6, PKI.market().withStatus(AuthorityStatus.WITHDRAWN, NOW)));
        clock.advance(Duration.ofMinutes(1));
        TrustListAnchors anchors = loader.current();
        assertThat(anchors.scheme().sequenceNumber()).isEqualTo(6);
        assertThat(anchors.decide(PKI.marketSeal.chain(), TrustListTestPki.BUSINESS_LICENCE, clock.instant())
                        .kind())
                .isEqualTo(TrustDecision.Kind.WITHDRAWN);
    }

    @Test
    void withoutAnyGoodListTheLoaderFailsClosedWithTheReason(@TempDir Path dir) {
        assertThatThrownBy(() -> loader(dir.resolve("missing.xml").toString()).current())
                .isInstanceOf(TrustListException.class)
                .hasMessageContaining("does not exist")
                .extracting(e -> ((TrustListException) e).reason())
                .isEqualTo(Reason.UNAVAILABLE);
        server.next = PKI.signed(new TrustList(
                TrustListTestPki.scheme(1, NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(10))),
                List.of(PKI.market())));
        assertThatThrownBy(() -> loader(URL).current())
                .isInstanceOf(TrustListException.class)
                .hasMessageContaining("stale")
                .extracting(e -> ((TrustListException) e).reason())
                .isEqualTo(Reason.STALE);
    }

    @Test
    void theHttpFetcherReadsA200AndDoesNotFollowRedirects() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] list = PKI.signed(TrustListTestPki.list(1, PKI.market()));
        http.createContext("/lists/ok.xml", exchange -> {
            exchange.sendResponseHeaders(200, list.length);
            exchange.getResponseBody().write(list);
            exchange.close();
        });
        http.createContext("/lists/moved.xml", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://evil.example/list.xml");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        http.start();
        try {
            String base = "http://127.0.0.1:" + http.getAddress().getPort() + "/lists/";
            TrustListLoader ok = new TrustListLoader(
                    TrustListLoader.Configuration.of(base + "ok.xml", List.of(base)),
                    verifier,
                    TrustListFetcher.http(),
                    AcceptedSequence.inMemory(),
                    clock);
            assertThat(ok.current().scheme().operatorName()).isEqualTo("证印示范市电子证照中心");
            TrustListLoader moved = new TrustListLoader(
                    TrustListLoader.Configuration.of(base + "moved.xml", List.of(base)), verifier, clock);
            assertThatThrownBy(moved::current)
                    .isInstanceOf(TrustListException.class)
                    .hasMessageContaining("HTTP 302");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void theConfigurationRejectsNonsense() {
        assertThatThrownBy(() -> new TrustListLoader.Configuration(URL, ALLOWED, Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(TrustListException.class)
                .hasMessageContaining("refreshInterval must be a positive duration");
        assertThatThrownBy(() -> loader(" "))
                .isInstanceOf(TrustListException.class)
                .hasMessageContaining("No trust list location");
        assertThat(new String(TrustListXml.toBytes(TrustListTestPki.list(1)), StandardCharsets.UTF_8))
                .contains("<TrustServiceProviderList/>");
    }
}
