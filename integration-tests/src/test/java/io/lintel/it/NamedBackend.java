package io.lintel.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A real HTTP/1.1 backend (on 127.0.0.1 unless told) that answers every request with 200 and its own name. */
final class NamedBackend implements AutoCloseable {

    private final HttpServer server;

    NamedBackend(String name) throws IOException {
        this(name, "127.0.0.1", 0);
    }

    /** On {@code host:port} ({@code port} 0: any free one). */
    NamedBackend(String name, String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        byte[] body = (name + "\n").getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
