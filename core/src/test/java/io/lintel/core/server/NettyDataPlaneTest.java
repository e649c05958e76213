package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lintel.core.ir.Ir;
import io.lintel.core.proxy.ProxyMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeakDetection.class)
class NettyDataPlaneTest {

    private static final int EIGHT_MIB = 8 * 1024 * 1024;

    private final ConcurrentLinkedQueue<String> completed = new ConcurrentLinkedQueue<>();
    private final ProxyMetrics metrics = ruleName -> (status, nanos) -> completed.add(ruleName + "=" + status);

    private LoopbackDataPlane dataPlane;
    private TestBackend backendA;
    private TestBackend backendB;
    private int port;
    private HttpClient http1;

    @BeforeEach
    void start() throws IOException {
        backendA = new TestBackend("A");
        backendB = new TestBackend("B");
        dataPlane = LoopbackDataPlane.start(metrics);
        port = dataPlane.port();
        http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backendA.close();
        backendB.close();
    }

    private Ir routeAllTo(int socketPort, int... backendPorts) {
        return ir(socket("127.0.0.1", socketPort, listener("l", "*", vhost("*",
                prefix("/", rule("rule-all", backend("b", 1, backendPorts)))))));
    }

    private void apply(Ir ir) {
        dataPlane.apply(ir);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void proxiesGetPreservingHostAndAddingForwardedHeaders() throws Exception {
        apply(routeAllTo(port, backendA.port()));

        String response = RawHttp.exchange(port, "GET /hello?x=1 HTTP/1.1\r\nHost: Example.COM:1234\r\n"
                + "Connection: close, X-Hop\r\nX-Hop: secret\r\nKeep-Alive: timeout=5\r\nX-Keep: yes\r\n"
                + "X-Forwarded-For: 10.0.0.1\r\nX-Real-IP: 10.0.0.1\r\nX-Forwarded-Proto: https\r\n"
                + "X-Forwarded-Host: admin.internal\r\n\r\n");

        assertThat(RawHttp.status(response)).isEqualTo(200);
        assertThat(RawHttp.body(response)).isEqualTo("A");
        var seen = backendA.lastHeaders();
        assertThat(seen.get("Host")).containsExactly("Example.COM:1234");
        // the client is no trusted proxy (the default): what it said about itself is replaced
        assertThat(seen.get("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(seen.get("X-Real-IP")).containsExactly("127.0.0.1");
        assertThat(seen.get("X-Forwarded-Proto")).containsExactly("http");
        assertThat(seen.get("X-Forwarded-Host")).containsExactly("Example.COM:1234");
        assertThat(seen.get("X-Keep")).containsExactly("yes");
        assertThat(seen).doesNotContainKeys("X-Hop", "Keep-Alive");
        assertThat(completed).contains("rule-all=200");
    }

    @Test
    void streamsLargeBodiesBothWaysOverHttp1() throws Exception {
        apply(routeAllTo(port, backendA.port()));
        byte[] upload = new byte[EIGHT_MIB];
        new Random(42).nextBytes(upload);

        HttpResponse<byte[]> echoed = http1.send(HttpRequest.newBuilder(uri("/echo"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.body()).isEqualTo(upload);

        HttpResponse<byte[]> big = http1.send(HttpRequest.newBuilder(uri("/big?n=" + EIGHT_MIB))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(big.statusCode()).isEqualTo(200);
        assertThat(big.body()).isEqualTo(TestBackend.expectedBig(EIGHT_MIB));
    }

    @Test
    void streamsLargeBodiesOverH2cUpgrade() throws Exception {
        apply(routeAllTo(port, backendA.port()));
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

        HttpResponse<String> first = get(h2, "/first");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(first.body()).isEqualTo("A");
        assertThat(backendA.lastHeaders().keySet()).noneMatch(name -> name.toLowerCase().startsWith("x-http2"));

        byte[] upload = new byte[EIGHT_MIB];
        new Random(7).nextBytes(upload);
        HttpResponse<byte[]> echoed = h2.send(HttpRequest.newBuilder(uri("/echo"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(echoed.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.body()).isEqualTo(upload);

        HttpResponse<byte[]> big = h2.send(HttpRequest.newBuilder(uri("/big?n=" + EIGHT_MIB))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(big.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(big.body()).isEqualTo(TestBackend.expectedBig(EIGHT_MIB));
    }

    @Test
    void switchesToHttp2OnPriorKnowledgePreface() throws Exception {
        apply(routeAllTo(port, backendA.port()));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // empty SETTINGS frame
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] frameHeader = RawHttp.readN(in, 9);
            assertThat(frameHeader[3]).as("first frame type is SETTINGS").isEqualTo((byte) 4);
        }
    }

    @Test
    void upgradeToH2cIsOfferedOnlyOnTheFirstRequestOfAConnection() throws Exception {
        apply(routeAllTo(port, backendA.port()));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET /first HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String first = readResponseHead(in);
            assertThat(first).startsWith("HTTP/1.1 200");
            RawHttp.readN(in, contentLength(first));

            out.write(("GET /second HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponseHead(in)).as("a later request is answered, not upgraded").startsWith("HTTP/1.1 200");
        }
    }

    private static String readResponseHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        throw new AssertionError("no content-length in " + head);
    }

    @Test
    void poolsBackendConnectionsAcrossSequentialRequests() throws Exception {
        apply(routeAllTo(port, backendA.port()));
        for (int i = 0; i < 20; i++) {
            assertThat(get(http1, "/n" + i).body()).isEqualTo("A");
        }
        assertThat(backendA.clients()).hasSize(1);
    }

    @Test
    void connectRefusedIs503() throws Exception {
        apply(routeAllTo(port, RawHttp.freePort()));
        assertThat(get(http1, "/").statusCode()).isEqualTo(503);
        assertThat(completed).contains("rule-all=503");
    }

    @Test
    void backendResetBeforeResponseIs502() throws Exception {
        try (ResettingBackend resetting = new ResettingBackend()) {
            apply(routeAllTo(port, resetting.port()));
            assertThat(get(http1, "/").statusCode()).isEqualTo(502);
            // the connection to the client survives: the next request is answered too
            assertThat(get(http1, "/again").statusCode()).isEqualTo(502);
        }
    }

    @Test
    void zeroWeightBackendNeverGetsTraffic() throws Exception {
        apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/", rule("weighted", backend("a", 1, backendA.port()), backend("b", 0, backendB.port()))))))));
        for (int i = 0; i < 20; i++) {
            assertThat(get(http1, "/w").body()).isEqualTo("A");
        }
        assertThat(backendB.clients()).isEmpty();
    }

    @Test
    void listenersAndHostsAreIsolated() throws Exception {
        apply(ir(socket("127.0.0.1", port,
                listener("a", "a.example.com", vhost("a.example.com",
                        prefix("/a", rule("rule-a", backend("a", 1, backendA.port()))))),
                listener("any", "*", vhost("*", prefix("/b", rule("rule-b", backend("b", 1, backendB.port()))))))));

        assertThat(RawHttp.body(RawHttp.get(port, "a.example.com", "/a"))).isEqualTo("A");
        assertThat(RawHttp.status(RawHttp.get(port, "A.Example.com:80", "/b"))).isEqualTo(404);
        assertThat(RawHttp.body(RawHttp.get(port, "other.example.com", "/b"))).isEqualTo("B");
        assertThat(RawHttp.status(RawHttp.get(port, "other.example.com", "/a"))).isEqualTo(404);
        assertThat(completed).contains("none=404");
    }

    @Test
    void reloadSwitchesRoutingWhileInFlightRequestsFinish() throws Exception {
        apply(routeAllTo(port, backendA.port()));
        assertThat(get(http1, "/before").body()).isEqualTo("A");

        HttpClient other = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> slow = other.sendAsync(
                HttpRequest.newBuilder(uri("/slow")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(backendA.awaitSlowRequest()).isTrue();

        apply(routeAllTo(port, backendB.port()));
        assertThat(get(http1, "/after").body()).isEqualTo("B");

        backendA.releaseSlow();
        HttpResponse<String> slowResponse = slow.get();
        assertThat(slowResponse.statusCode()).isEqualTo(200);
        assertThat(slowResponse.body()).isEqualTo("A slow");
    }

    @Test
    void removedSocketStopsAcceptingAndNewSocketServes() throws Exception {
        apply(routeAllTo(port, backendA.port()));
        assertThat(get(http1, "/").body()).isEqualTo("A");

        int newPort = RawHttp.freePort();
        apply(routeAllTo(newPort, backendA.port()));

        assertThat(dataPlane.dataPlane().boundSockets()).extracting(Object::toString).containsExactly("127.0.0.1:" + newPort);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                        .isInstanceOf(ConnectException.class));
        assertThat(RawHttp.body(RawHttp.get(newPort, "h", "/"))).isEqualTo("A");
    }

    @Test
    void reportsSocketsThatCannotBeBound() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> errors = dataPlane.dataPlane().apply(routeAllTo(taken.getLocalPort(), backendA.port()));
            assertThat(errors).singleElement().asString().startsWith("127.0.0.1:" + taken.getLocalPort() + ": ");
        }
    }
}
