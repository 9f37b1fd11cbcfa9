package cn.zhengyin.licence.sealing.client;

import cn.zhengyin.licence.sealing.LicenceSealer.SealingFailedException;
import cn.zhengyin.trust.ofd.OfdStampPicture;
import cn.zhengyin.trust.seal.SealImpression;
import cn.zhengyin.trust.ses.SealPicture;
import cn.zhengyin.trust.ses.SesCodec;
import cn.zhengyin.trust.ses.SesException;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The licence service's view of the seal service: the signing calls, and each seal's ECDSA certificate chain and
 * impression image (fetched once and cached). PAdES, XAdES and SES signatures and RFC 3161 time-stamps go to
 * {@code POST /api/v1/signatures/batch}, together with those of concurrent callers ({@link SealCallBatcher}). Every failure comes out as a {@link SealingFailedException} that says
 * whether retrying may help.
 */
public final class SealServiceClient {
    private final RestClient http;
    private final Map<String, List<X509Certificate>> chains = new ConcurrentHashMap<>();
    private final Map<String, byte[]> images = new ConcurrentHashMap<>();
    private final Map<String, byte[]> seseals = new ConcurrentHashMap<>();
    private final Map<String, Optional<SealImpression>> impressions = new ConcurrentHashMap<>();
    private final SealCallBatcher<Map<String, Object>, JsonNode> batches;
    /** The group of the sealing running on this thread, while it runs in {@link #together}. */
    private final ThreadLocal<SealCallGroup<Map<String, Object>, JsonNode>> group = new ThreadLocal<>();
    /** The caller's trace (observation), carried to the threads of {@link #together} so their requests keep it. */
    private static final ContextSnapshotFactory CONTEXT =
            ContextSnapshotFactory.builder().build();

    /** How many batch requests may be on their way to the seal service at once (it has as many cores, or more). */
    public static final int BATCHES_IN_FLIGHT = 2;
    /** At most this many signatures and time-stamps in one batch request (the seal service accepts 64). */
    public static final int MAX_BATCH_ITEMS = 48;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> BATCHED_PATHS = Map.of(
            "/api/v1/signatures/pades", "pades",
            "/api/v1/signatures/xml", "xml",
            "/api/v1/signatures/ses", "ses");

    /** @param http a client with the seal service's base URL that authenticates as the licence service */
    public SealServiceClient(RestClient http) {
        this.http = http;
        this.batches = new SealCallBatcher<>(this::sendBatch, BATCHES_IN_FLIGHT, MAX_BATCH_ITEMS);
    }

    record BatchRequest(List<Map<String, Object>> items) {}

    /** One {@code POST /api/v1/signatures/batch}: one result (status, and the kind's body or a problem) per item. */
    private List<JsonNode> sendBatch(List<Map<String, Object>> items) {
        JsonNode answer = call(() -> http.post()
                .uri("/api/v1/signatures/batch")
                .contentType(MediaType.APPLICATION_JSON)
                .body(new BatchRequest(items))
                .retrieve()
                .body(JsonNode.class));
        if (answer == null || !answer.path("items").isArray()) {
            throw new SealingFailedException("the seal service answered the batch without items", true, null);
        }
        List<JsonNode> results = new java.util.ArrayList<>();
        answer.path("items").forEach(results::add);
        return results;
    }

    /** Sends one item of a batch and answers its body, or fails as the item's own endpoint would have. */
    private JsonNode batched(String kind, Object request) {
        SealCallGroup<Map<String, Object>, JsonNode> mine = group.get();
        Map<String, Object> item = Map.of(kind, request);
        JsonNode result = mine != null ? mine.call(item) : batches.call(item);
        int status = result.path("status").asInt(0);
        if (status != 200
                || result.path(kind).isMissingNode()
                || result.path(kind).isNull()) {
            boolean retryable = status == 0 || status >= 500 || status == 429;
            String detail = result.path("problem").path("detail").asString("");
            throw new SealingFailedException(
                    "the seal service answered " + status + ": "
                            + (detail.isEmpty() ? "no " + kind + " result" : detail),
                    retryable,
                    null);
        }
        return result.path(kind);
    }

    /**
     * Runs the sealings of one licence at the same time, their signing and time-stamping calls sent together
     * ({@link SealCallGroup}): the signatures in one request, the time-stamps that follow from them in one more. The
     * first sealing runs on the caller's thread, the others on virtual threads that carry the caller's trace.
     *
     * @return each sealing's result, in order
     * @throws RuntimeException the failure of the first sealing (in order) that failed, once all have ended
     */
    public <T> List<T> together(List<Supplier<T>> sealings) {
        if (sealings.size() < 2 || group.get() != null) {
            return sealings.stream().map(Supplier::get).toList();
        }
        SealCallGroup<Map<String, Object>, JsonNode> shared = new SealCallGroup<>(sealings.size(), batches::callAll);
        int n = sealings.size();
        List<T> results = new java.util.ArrayList<>(java.util.Collections.nCopies(n, null));
        Throwable[] failures = new Throwable[n];
        ContextSnapshot caller = CONTEXT.captureAll();
        List<Thread> threads = new java.util.ArrayList<>(n - 1);
        for (int i = 1; i < n; i++) {
            int index = i;
            threads.add(Thread.ofVirtual()
                    .name("sealing-" + i)
                    .start(caller.wrap(() -> runIn(shared, sealings.get(index), index, results, failures))));
        }
        runIn(shared, sealings.get(0), 0, results, failures);
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the sealing is under way: let it end (its calls may be on their way)
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Throwable failure : failures) {
            switch (failure) {
                case null -> {}
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException(failure);
            }
        }
        return results;
    }

    private <T> void runIn(
            SealCallGroup<Map<String, Object>, JsonNode> shared,
            Supplier<T> sealing,
            int index,
            List<T> results,
            Throwable[] failures) {
        group.set(shared);
        try {
            T result = sealing.get();
            synchronized (results) {
                results.set(index, result);
            }
        } catch (RuntimeException | Error e) {
            synchronized (results) {
                failures[index] = e;
            }
        } finally {
            group.remove();
            shared.leave();
        }
    }

    /** Requests sent to the batch endpoint and the signatures and time-stamps they carried. */
    public long[] batchCounts() {
        return batches.counts();
    }

    record SealView(String id, String name, String state, List<CertificateView> certificates) {}

    /** @param chain base64 DER certificates, the seal's first */
    record CertificateView(String algorithm, List<String> chain) {}

    /** The seal's ECDSA P-256 certificate chain (PAdES and XAdES sign with that key). */
    public List<X509Certificate> ecdsaChain(String sealId) {
        return call(() -> chains.computeIfAbsent(sealId, id -> {
            SealView view = http.get().uri("/api/v1/seals/{id}", id).retrieve().body(SealView.class);
            List<String> chain = view == null || view.certificates() == null
                    ? List.of()
                    : view.certificates().stream()
                            .filter(c -> c.algorithm() != null && c.algorithm().startsWith("ECDSA"))
                            .findFirst()
                            .map(CertificateView::chain)
                            .orElse(List.of());
            if (chain.isEmpty()) {
                throw new SealingFailedException(
                        "seal " + id + " has no ECDSA certificate for signing licences", false, null);
            }
            return chain.stream().map(SealServiceClient::certificate).toList();
        }));
    }

    /**
     * The seal's state now as the seal service reports it (e.g. {@code ISSUED}), read afresh with the licence service's
     * own token: monitoring asks whether this service can seal with it.
     */
    public String sealState(String sealId) {
        SealView view = call(
                () -> http.get().uri("/api/v1/seals/{id}", sealId).retrieve().body(SealView.class));
        if (view == null || view.state() == null) {
            throw new SealingFailedException("the seal service sent no state for seal " + sealId, true, null);
        }
        return view.state();
    }

    /** The seal's impression as a PNG at 300 dpi. */
    public byte[] imagePng(String sealId) {
        return call(() -> images.computeIfAbsent(sealId, id -> {
            byte[] png = http.get()
                    .uri("/api/v1/seals/{id}/image.png?dpi=300", id)
                    .retrieve()
                    .body(byte[].class);
            if (png == null || png.length == 0) {
                throw new SealingFailedException("the seal service sent no image for seal " + id, true, null);
            }
            return png;
        }));
    }

    /**
     * The seal's impression as vectors, when its SESeal carries a vector OFD picture ({@link OfdStampPicture}): the
     * PDF then draws the seal as paths instead of embedding its PNG. Empty for a seal whose SESeal holds a raster
     * picture, or that has no SESeal; read once per seal.
     */
    public Optional<SealImpression> impression(String sealId) {
        Optional<SealImpression> known = impressions.get(sealId);
        if (known != null) {
            return known;
        }
        byte[] der;
        try {
            der = seseal(sealId);
        } catch (SealingFailedException e) {
            return Optional.empty(); // not remembered: the next licence asks again; the raster image draws this one
        }
        Optional<SealImpression> impression;
        try {
            SealPicture picture = SesCodec.decodeSeal(der).sealInfo().picture();
            impression = OfdStampPicture.TYPE.equalsIgnoreCase(picture.type())
                    ? OfdStampPicture.read(picture.data())
                    : Optional.empty();
        } catch (SesException e) {
            impression = Optional.empty();
        }
        impressions.putIfAbsent(sealId, impression);
        return impression;
    }

    /** The seal's GB/T 38540 SESeal (DER), as the seal maker signed it: the OFD's Seal.esl. */
    public byte[] seseal(String sealId) {
        return call(() -> seseals.computeIfAbsent(sealId, id -> {
                    byte[] der = http.get()
                            .uri("/api/v1/seals/{id}/seseal", id)
                            .retrieve()
                            .body(byte[].class);
                    if (der == null || der.length == 0) {
                        throw new SealingFailedException("the seal service sent no SESeal for seal " + id, true, null);
                    }
                    return der;
                }))
                .clone();
    }

    /**
     * The current CRL of the CA with this name, DER, from the seal service's distribution point
     * {@code GET /crl/{ca}.crl} (RFC 5280 §4.2.1.13) on the configured base URL.
     */
    public byte[] crl(String caName) {
        byte[] crl =
                call(() -> http.get().uri("/crl/{ca}.crl", caName).retrieve().body(byte[].class));
        if (crl == null || crl.length == 0) {
            throw new SealingFailedException("the seal service sent an empty CRL for CA " + caName, true, null);
        }
        return crl;
    }

    /**
     * One RFC 3161 exchange with the seal service's time-stamping authority ({@code POST /tsa}, public): a DER
     * TimeStampReq in, the DER TimeStampResp out (checked by the caller, {@code Rfc3161Client}).
     */
    public byte[] timestampReply(byte[] timestampQuery) {
        // in a batch with the other signatures and time-stamps in flight (the TSA answers it as POST /tsa would)
        byte[] reply;
        try {
            reply = Base64.getDecoder()
                    .decode(batched("timestamp", Base64.getEncoder().encodeToString(timestampQuery))
                            .asString(""));
        } catch (IllegalArgumentException e) {
            throw new SealingFailedException("the seal service's TSA sent an unreadable reply", true, e);
        }
        if (reply == null || reply.length == 0) {
            throw new SealingFailedException("the seal service's TSA sent an empty reply", true, null);
        }
        return reply;
    }

    /** Forgets what is cached about a seal, e.g. after its key changed. */
    public void forget(String sealId) {
        chains.remove(sealId);
        images.remove(sealId);
        seseals.remove(sealId);
        impressions.remove(sealId);
    }

    /** POSTs a JSON request to a signing endpoint. */
    public <T> T sign(String path, Object request, Class<T> responseType) {
        String kind = BATCHED_PATHS.get(path);
        if (kind != null) {
            try {
                return JSON.treeToValue(batched(kind, request), responseType);
            } catch (tools.jackson.core.JacksonException e) {
                throw new SealingFailedException("the seal service sent an unreadable " + kind + " result", true, e);
            }
        }
        T response = call(() -> http.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(request)
                .retrieve()
                .body(responseType));
        if (response == null) {
            throw new SealingFailedException("the seal service returned no signature", true, null);
        }
        return response;
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (RestClientResponseException e) {
            boolean retryable =
                    e.getStatusCode().is5xxServerError() || e.getStatusCode().value() == 429;
            throw new SealingFailedException(
                    "the seal service answered " + e.getStatusCode().value() + ": " + detailOf(e), retryable, e);
        } catch (ResourceAccessException e) {
            throw new SealingFailedException(
                    "the seal service cannot be reached: "
                            + e.getMostSpecificCause().getMessage(),
                    true,
                    e);
        }
    }

    private static X509Certificate certificate(String base64) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                            new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new SealingFailedException("the seal service sent an unreadable certificate", false, e);
        }
    }

    private static String detailOf(RestClientResponseException e) {
        try {
            ProblemDetail problem = e.getResponseBodyAs(ProblemDetail.class);
            if (problem != null && problem.getDetail() != null) {
                return problem.getDetail();
            }
        } catch (RuntimeException notAProblem) {
            // fall through to the status text
        }
        return e.getStatusText();
    }
}
