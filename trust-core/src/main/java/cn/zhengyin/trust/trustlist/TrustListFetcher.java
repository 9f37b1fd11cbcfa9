package cn.zhengyin.trust.trustlist;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Fetches the bytes of an (already allow-listed) trust list URL. */
@FunctionalInterface
public interface TrustListFetcher {

    /**
     * @throws IOException if the list cannot be fetched (no connection, non-200 status, too large)
     */
    byte[] fetch(URI uri) throws IOException;

    /**
     * Plain HTTP(S) GET with {@link java.net.http.HttpClient}: redirects are not followed (a redirect could leave the
     * allow-list), 10 s to connect, 30 s for the answer, only status 200, at most
     * {@link TrustListVerifier#MAX_LIST_BYTES} bytes.
     */
    static TrustListFetcher http() {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        return uri -> {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/xml, text/xml")
                    .GET()
                    .build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + uri, e);
            }
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException(uri + " answered HTTP " + response.statusCode() + " (redirects are not"
                            + " followed; configure the final URL)");
                }
                byte[] bytes = body.readNBytes(TrustListVerifier.MAX_LIST_BYTES + 1);
                if (bytes.length > TrustListVerifier.MAX_LIST_BYTES) {
                    throw new IOException(uri + " sent more than " + TrustListVerifier.MAX_LIST_BYTES + " bytes");
                }
                return bytes;
            }
        };
    }
}
