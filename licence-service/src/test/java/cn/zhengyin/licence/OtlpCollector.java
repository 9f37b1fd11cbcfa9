package cn.zhengyin.licence;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A stand-in OpenTelemetry collector on loopback for the tests: accepts OTLP/HTTP exports ({@code POST /v1/traces},
 * protobuf), keeps each request body and answers 200 with an empty {@code ExportTraceServiceResponse}. Tests look
 * for a trace id's 16 bytes in what arrived.
 */
final class OtlpCollector implements AutoCloseable {
    /** The collector keeps at most this many bytes of exports (the oldest go first): the IT JVM runs for minutes. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final HttpServer server;
    private final java.util.ArrayDeque<byte[]> exports = new java.util.ArrayDeque<>();
    private long bytes;

    OtlpCollector() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                synchronized (exports) {
                    exports.addLast(body);
                    bytes += body.length;
                    while (bytes > MAX_BYTES && exports.size() > 1) {
                        bytes -= exports.removeFirst().length;
                    }
                }
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** The OTLP traces endpoint, e.g. {@code http://127.0.0.1:41234/v1/traces}. */
    URI tracesEndpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces");
    }

    /** The exports that carry a span of this trace (its 16 bytes, as OTLP's protobuf encodes trace ids). */
    List<byte[]> exportsOf(String traceIdHex) {
        byte[] id = HexFormat.of().parseHex(traceIdHex);
        List<byte[]> found = new ArrayList<>();
        synchronized (exports) {
            for (byte[] export : exports) {
                if (indexOf(export, id) >= 0) {
                    found.add(export);
                }
            }
        }
        return found;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
