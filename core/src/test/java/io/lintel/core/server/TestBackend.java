package io.lintel.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JDK HTTP server on an ephemeral loopback port: {@code /echo} returns the request body, {@code /big?n=BYTES}
 * streams a generated body, {@code /slow} waits for {@link #releaseSlow()}, anything else answers its name. Records
 * the headers of the last request, the number of requests and the client addresses (one per backend connection).
 */
final class TestBackend implements AutoCloseable {

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Set<InetSocketAddress> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<Map<String, java.util.List<String>>> lastHeaders = new AtomicReference<>();
    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private final CountDownLatch slowArrived = new CountDownLatch(1);

    TestBackend(String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    Set<InetSocketAddress> clients() {
        return clients;
    }

    /** Requests that reached this backend. */
    int requests() {
        return requests.get();
    }

    Map<String, java.util.List<String>> lastHeaders() {
        return lastHeaders.get();
    }

    boolean awaitSlowRequest() throws InterruptedException {
        return slowArrived.await(30, TimeUnit.SECONDS);
    }

    void releaseSlow() {
        slowRelease.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        clients.add(exchange.getRemoteAddress());
        requests.incrementAndGet();
        Map<String, java.util.List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(exchange.getRequestHeaders());
        lastHeaders.set(headers);
        String path = exchange.getRequestURI().getPath();
        try (exchange; InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
            if (path.equals("/echo")) {
                byte[] body = in.readAllBytes();
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                out.write(body);
            } else if (path.equals("/big")) {
                in.readAllBytes();
                int size = Integer.parseInt(exchange.getRequestURI().getQuery().substring(2));
                exchange.sendResponseHeaders(200, 0);
                byte[] chunk = new byte[8192];
                for (int written = 0; written < size; written += chunk.length) {
                    for (int i = 0; i < chunk.length; i++) {
                        chunk[i] = (byte) (written + i);
                    }
                    out.write(chunk, 0, Math.min(chunk.length, size - written));
                }
            } else if (path.equals("/slow")) {
                in.readAllBytes();
                slowArrived.countDown();
                try {
                    slowRelease.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = (name + " slow").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                out.write(body);
            } else {
                in.readAllBytes();
                byte[] body = name.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                out.write(body);
            }
        }
    }

    /** The bytes {@code /big} sends. */
    static byte[] expectedBig(int size) {
        byte[] expected = new byte[size];
        for (int written = 0; written < size; written += 8192) {
            for (int i = 0; i < 8192 && written + i < size; i++) {
                expected[written + i] = (byte) (written + i);
            }
        }
        return expected;
    }

    @Override
    public void close() {
        slowRelease.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
