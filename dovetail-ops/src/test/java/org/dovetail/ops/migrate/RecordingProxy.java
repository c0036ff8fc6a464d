package org.dovetail.ops.migrate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plain HTTP forward proxy on a loopback port that passes every request on to the real S3
 * server unchanged and remembers it ({@code "GET /bucket/key"}, {@code "GET /bucket?list-type=2&prefix=..."}):
 * a store configured with it as {@code proxy_server} shows which requests an operation makes.
 */
final class RecordingProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "proxy-connection", "keep-alive", "content-length",
            "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization");

    private final HttpServer server;
    private final List<String> requests = new ArrayList<>();

    RecordingProxy() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    /** {@code http://127.0.0.1:port}, for a store's {@code proxy_server}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The requests seen so far, as {@code METHOD path?query}. */
    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    synchronized void clear() {
        requests.clear();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI target = exchange.getRequestURI();
            synchronized (this) {
                requests.add(exchange.getRequestMethod() + " " + target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
            }
            HttpURLConnection upstream = (HttpURLConnection) target.toURL().openConnection(Proxy.NO_PROXY);
            upstream.setRequestMethod(exchange.getRequestMethod());
            for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    h.getValue().forEach(v -> upstream.addRequestProperty(h.getKey(), v));
                }
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (body.length > 0) {
                upstream.setDoOutput(true);
                upstream.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = upstream.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = upstream.getResponseCode();
            for (Map.Entry<String, List<String>> h : upstream.getHeaderFields().entrySet()) {
                if (h.getKey() != null && !HOP_BY_HOP.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    exchange.getResponseHeaders().put(h.getKey(), h.getValue());
                }
            }
            InputStream in = status >= 400 ? upstream.getErrorStream() : upstream.getInputStream();
            byte[] response = in == null ? new byte[0] : in.readAllBytes();
            boolean noBody = exchange.getRequestMethod().equals("HEAD") || status == 204 || status == 304;
            exchange.sendResponseHeaders(status, noBody ? -1 : response.length == 0 ? -1 : response.length);
            if (!noBody && response.length > 0) {
                exchange.getResponseBody().write(response);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
