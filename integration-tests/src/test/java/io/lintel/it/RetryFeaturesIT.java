package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retry plugin's two connection-level features end to end (no conformance case exercises them up to v1.6.1):
 * HTTPRouteRetryConnectionError (a connection reset before any response is retried whatever {@code codes} lists)
 * and HTTPRouteRetryBackendTimeout (an attempt that exceeds {@code timeouts.backendRequest} is retried, again
 * whatever {@code codes} lists). A rule without {@code retry} shows the failure a retry hides.
 */
class RetryFeaturesIT {


    @TempDir
    static Path work;

    private static ResettingBackend resetting;
    private static HttpServer slowFirst;
    private static final AtomicInteger SLOW_REQUESTS = new AtomicInteger();
    /** Holds the first slow answer back until the test is over: the gateway must give up on it by itself. */
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static int gatewayPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void start() throws IOException {
        resetting = new ResettingBackend();
        slowFirst = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        slowFirst.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slowFirst.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int n = SLOW_REQUESTS.incrementAndGet();
            if (n == 1) {
                try {
                    RELEASE.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = ("answer " + n + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException gone) {
                // the gateway gave up on this attempt: expected for the first one
            }
        });
        slowFirst.start();
        ItGateway gateway = ItGateway.in(work)
                .file("20-services.yaml", Manifests.serviceWithEndpoint("resetting", resetting.port()) + "---\n"
                        + Manifests.serviceWithEndpoint("slow-first", slowFirst.getAddress().getPort()))
                .file("30-route.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: retried
                  namespace: default
                spec:
                  parentRefs:
                    - name: it
                  rules:
                    - name: reset
                      matches:
                        - path: {type: PathPrefix, value: /reset}
                      retry: {attempts: 1, codes: [500], backoff: 0s}
                      backendRefs:
                        - {name: resetting, port: 80}
                    - name: reset-unretried
                      matches:
                        - path: {type: PathPrefix, value: /unretried}
                      backendRefs:
                        - {name: resetting, port: 80}
                    - name: slow
                      matches:
                        - path: {type: PathPrefix, value: /slow}
                      timeouts: {request: 20s, backendRequest: 500ms}
                      retry: {attempts: 1, codes: [500], backoff: 0s}
                      backendRefs:
                        - {name: slow-first, port: 80}
                """)
                .start("RetryFeaturesIT");
        gatewayPort = gateway.port();
        lintel = gateway.process();
    }

    @AfterAll
    static void stop() throws IOException {
        RELEASE.countDown();
        if (lintel != null) {
            lintel.close();
        }
        if (resetting != null) {
            resetting.close();
        }
        if (slowFirst != null) {
            slowFirst.stop(0);
        }
    }

    @Test
    void aResetConnectionIsRetriedThoughItsStatusIsNotListed() throws Exception {
        resetting.resetNext(1);
        var response = ItHttp.get(gatewayPort, "/reset");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("answer");
        assertThat(resetting.resets()).isEqualTo(1);
    }

    @Test
    void withoutRetryTheResetIsTheAnswer() throws Exception {
        resetting.resetNext(1);
        assertThat(ItHttp.get(gatewayPort, "/unretried").statusCode()).isEqualTo(502);
    }

    @Test
    void anAttemptPastTheBackendTimeoutIsRetriedThoughItsStatusIsNotListed() throws Exception {
        var response = ItHttp.get(gatewayPort, "/slow");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("answer 2\n");
        assertThat(SLOW_REQUESTS).hasValue(2);
    }

    /** An HTTP/1.1 backend that resets the next connections it is told to (after reading the request), then answers. */
    private static final class ResettingBackend implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        private final AtomicInteger toReset = new AtomicInteger();
        private final AtomicInteger resets = new AtomicInteger();
        private final Thread acceptor = new Thread(this::serve, "resetting-backend");

        ResettingBackend() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void resetNext(int connections) {
            toReset.set(connections);
        }

        int resets() {
            return resets.getAndSet(0);
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    readHead(socket.getInputStream());
                    if (toReset.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        resets.incrementAndGet();
                        socket.setSoLinger(true, 0); // close with RST, no response
                        continue;
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\nanswer 1\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // closed, or a client gone: go on accepting
                }
            }
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
