package io.lintel.core.proxy;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.route.SocketKey;
import io.lintel.core.server.DataPlaneSettings;
import io.lintel.core.server.EventLoops;
import io.lintel.core.server.NettyDataPlane;
import io.lintel.core.server.NettyLeakDetection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The data plane sends a bodyless request as one message and holds a response head until its body or the end of the
 * backend read: these tests check the bytes on both wires stay exactly what HTTP/1.1 framing requires, over one
 * pooled backend connection, and that a head is never held back while its body is slow.
 */
@ExtendWith(NettyLeakDetection.class)
class ProxyMessageCoalescingTest {

    private ServerSocket backendServer;
    private NettyDataPlane dataPlane;
    private int port;
    private final List<String> backendRequests = new ArrayList<>();
    private final CountDownLatch slowHeadSeen = new CountDownLatch(1);
    private CompletableFuture<Void> backendDone;

    @BeforeEach
    void start() throws IOException {
        backendServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        backendDone = CompletableFuture.runAsync(this::serveOneConnection);
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        dataPlane = new NettyDataPlane(new EventLoops(1, true), PluginRegistry.EMPTY, ProxyMetrics.NOOP,
                DataPlaneSettings.DEFAULTS);
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/", rule("r", backend("b", 1, backendServer.getLocalPort())))))))))
                .isEmpty();
        assertThat(dataPlane.localAddress(new SocketKey("127.0.0.1", port))).isNotNull();
    }

    @AfterEach
    void stop() throws IOException {
        dataPlane.close();
        backendServer.close();
    }

    @Test
    void keepAliveExchangesKeepExactFramingOnBothSides() throws Exception {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setSoTimeout(30_000);
            OutputStream out = client.getOutputStream();
            InputStream in = client.getInputStream();

            send(out, "GET /one HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(readResponse(in, false)).endsWith("\r\n\r\nhello").contains("content-length: 5");

            send(out, "HEAD /one HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(readResponse(in, true)).endsWith("\r\n\r\n").contains("content-length: 5");

            send(out, "GET /chunked HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(readResponse(in, false)).endsWith("\r\n\r\n5\r\nhello\r\n0\r\n\r\n");

            send(out, "POST /one HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
            assertThat(readResponse(in, false)).endsWith("\r\n\r\nhello");

            // the head goes out although the body has not come yet; the backend sends the body only once the client
            // has seen the head
            send(out, "GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: 5");
            slowHeadSeen.countDown();
            assertThat(new String(in.readNBytes(5), StandardCharsets.ISO_8859_1)).isEqualTo("hello");

            send(out, "GET /one HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            assertThat(readResponse(in, false)).endsWith("\r\n\r\nhello");
            assertThat(in.read()).isEqualTo(-1);
        }
        dataPlane.close();  // closes the pooled connection, which ends the backend's loop
        backendDone.get(30, TimeUnit.SECONDS);

        // one pooled connection saw exactly these requests, and nothing between them
        assertThat(backendRequests).hasSize(6);
        assertThat(backendRequests.get(0)).startsWith("GET /one HTTP/1.1\r\n").endsWith("\r\n\r\n")
                .doesNotContainIgnoringCase("transfer-encoding");
        assertThat(backendRequests.get(1)).startsWith("HEAD /one HTTP/1.1\r\n").endsWith("\r\n\r\n");
        assertThat(backendRequests.get(2)).startsWith("GET /chunked HTTP/1.1\r\n").endsWith("\r\n\r\n");
        assertThat(backendRequests.get(3)).startsWith("POST /one HTTP/1.1\r\n").endsWith("\r\n\r\nabc");
        assertThat(backendRequests.get(4)).startsWith("GET /slow HTTP/1.1\r\n");
        assertThat(backendRequests.get(5)).startsWith("GET /one HTTP/1.1\r\n");
    }

    private static void send(OutputStream out, String request) throws IOException {
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one response: head, then a Content-Length or chunked body (none for a HEAD request). */
    private static String readResponse(InputStream in, boolean head) throws IOException {
        String headers = readHead(in);
        String lower = headers.toLowerCase(Locale.ROOT);
        if (head) {
            return lower;
        }
        if (lower.contains("transfer-encoding: chunked")) {
            StringBuilder body = new StringBuilder();
            while (!body.toString().endsWith("0\r\n\r\n")) {
                body.append((char) in.read());
            }
            return lower + body;
        }
        int at = lower.indexOf("content-length: ");
        int length = Integer.parseInt(lower.substring(at + 16, lower.indexOf('\r', at)));
        return lower + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Accepts one connection (the pooled one) and answers each request by its path until the proxy closes it. */
    private void serveOneConnection() {
        try (Socket socket = backendServer.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head;
                try {
                    head = readHead(in);
                } catch (IOException closed) {
                    return;
                }
                String lower = head.toLowerCase(Locale.ROOT);
                int at = lower.indexOf("content-length: ");
                String body = at < 0 ? ""
                        : new String(in.readNBytes(Integer.parseInt(lower.substring(at + 16, lower.indexOf('\r', at)))),
                                StandardCharsets.ISO_8859_1);
                synchronized (backendRequests) {
                    backendRequests.add(head + body);
                }
                String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
                switch (path) {
                    case "/chunked" -> send(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "5\r\nhello\r\n0\r\n\r\n");
                    case "/slow" -> {
                        send(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
                        if (!slowHeadSeen.await(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the client never saw the head of /slow");
                        }
                        send(out, "hello");
                    }
                    default -> send(out, head.startsWith("HEAD ")
                            ? "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
                            : "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
