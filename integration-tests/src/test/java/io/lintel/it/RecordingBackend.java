package io.lintel.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP/1.1 backend on 127.0.0.1 that answers 200 with its name and records every request that reaches it
 * ({@code METHOD target host=HOST}, the target as received), so that a test can say what the gateway let through.
 * Each request has a thread of its own: one held by a slow client's body does not delay the others.
 */
final class RecordingBackend implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();

    RecordingBackend(String name) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(executor);
        byte[] body = (name + "\n").getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> answer(exchange, body));
        server.start();
    }

    private void answer(HttpExchange exchange, byte[] body) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " host="
                + exchange.getRequestHeaders().getFirst("Host"));
        try (exchange; InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
            in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            out.write(body);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The requests received so far, in arrival order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    int requestCount() {
        return requests.size();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
