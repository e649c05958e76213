package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.testing.RawHttp2Client;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-client suite of issue #14, against the built distribution: each test replays one attack and asserts
 * its specific outcome (status, connection closed, GOAWAY code) and, through {@link VictimClient}, that a
 * well-behaved client on another connection to another route is served within 200 ms while it runs. One gateway
 * serves every test; its request read timeouts are cut to 2 s (LINTEL_OPTS) so that the slowloris cases are quick.
 *
 * <p>Routes: {@code victim.example} (the victim's), {@code app.example} with only {@code PathPrefix /public} (the
 * protected route a traversal would escape), {@code redos.example} with a pathological RegularExpression,
 * {@code backref.example} with a back-reference (refused at translation), {@code reset.example} for rapid reset.
 */
class HostileClientIT {

    private static final Path LOGS = Paths.get("target", "it-logs");
    private static final int TIMEOUT_SECONDS = 2;

    @TempDir
    static Path work;

    private static RecordingBackend victimBackend;
    private static RecordingBackend publicBackend;
    private static RecordingBackend resetBackend;
    private static int port;
    private static int adminPort;
    private static LintelProcess lintel;
    private static VictimClient victim;

    @BeforeAll
    static void startGateway() throws Exception {
        victimBackend = new RecordingBackend("victim");
        publicBackend = new RecordingBackend("public");
        resetBackend = new RecordingBackend("reset");
        port = LintelProcess.freePort();
        adminPort = LintelProcess.freePort();
        Path config = Files.createDirectories(work.resolve("config"));
        Files.writeString(config.resolve("00-gatewayclass.yaml"), Manifests.gatewayClass());
        Files.writeString(config.resolve("10-gateway.yaml"), Manifests.gateway("hostile", port));
        Files.writeString(config.resolve("20-routes.yaml"), String.join("---\n",
                route("victim", "victim.example", "PathPrefix", "/", "victim-svc"),
                route("app", "app.example", "PathPrefix", "/public", "public-svc"),
                route("redos", "redos.example", "RegularExpression", "/(a+)+$", "public-svc"),
                route("backref", "backref.example", "RegularExpression", "/(a*)*\\1b$", "public-svc"),
                route("reset", "reset.example", "PathPrefix", "/", "reset-svc")));
        Files.writeString(config.resolve("30-services.yaml"), String.join("---\n",
                Manifests.serviceWithEndpoint("victim-svc", victimBackend.port()),
                Manifests.serviceWithEndpoint("public-svc", publicBackend.port()),
                Manifests.serviceWithEndpoint("reset-svc", resetBackend.port())));

        lintel = LintelProcess.start(LintelProcess.home(), Map.of("LINTEL_OPTS",
                        "-Dlintel.request.headTimeoutSeconds=" + TIMEOUT_SECONDS
                                + " -Dlintel.request.bodyIdleTimeoutSeconds=" + TIMEOUT_SECONDS),
                LOGS.resolve("HostileClientIT.log"),
                "run", "--config", config.toString(), "--admin", "127.0.0.1:" + adminPort);
        lintel.awaitReady(URI.create("http://127.0.0.1:" + adminPort + "/ready"), Duration.ofSeconds(90));
        victim = new VictimClient(port, "victim.example", "victim\n");
        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> victim.request());
        // the victim's path and the gateway's HTTP/2 path are warm (loaded, compiled) before anything is timed:
        // the suite measures what an attack costs, not a cold start
        for (int i = 0; i < 50; i++) {
            victim.request();
        }
        try (RawHttp2Client client = RawHttp2Client.connect(port)) {
            int stream = resetStreams(client, 150);
            for (int i = 0; i < 20; i++, stream += 2) {
                client.headers(stream, RawHttp2Client.request("GET", "victim.example", "/warm"), true).flush();
                assertThat(client.awaitResponse(stream).status()).isEqualTo(200);
            }
        }
    }

    @AfterAll
    static void stopGateway() {
        if (victim != null) {
            victim.close();
        }
        if (lintel != null) {
            lintel.close();
        }
        Stream.of(victimBackend, publicBackend, resetBackend).filter(b -> b != null).forEach(RecordingBackend::close);
    }

    private static String route(String name, String hostname, String matchType, String value, String service) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: %s
                  namespace: default
                spec:
                  parentRefs:
                    - name: hostile
                  hostnames: [%s]
                  rules:
                    - matches:
                        - path:
                            type: %s
                            value: '%s'
                      backendRefs:
                        - name: %s
                          port: 80
                """.formatted(name, hostname, matchType, value, service);
    }

    // ---- event-loop denial of service ---------------------------------------------------------------------------

    @Test
    void redosPatternIsMatchedInLinearTime() throws Exception {
        // (a+)+$ against a's followed by '!': exponential for a backtracking matcher, one pass for RE2
        String path = "/" + "a".repeat(7_000) + "!";
        // once unmeasured first: the bound is about the matcher's cost on a warm gateway, not the JIT's first compile
        // of the regular-expression engine (which made a victim wait ~200 ms on a loaded 2-core machine)
        parallel(4, () -> RawHttp1.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: redos.example\r\n"
                + "Connection: close\r\n\r\n").status());
        VictimClient.Outcome<List<Integer>> outcome = victim.during("ReDoS", () -> parallel(4, () -> {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                statuses.add(RawHttp1.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: redos.example\r\n"
                        + "Connection: close\r\n\r\n").status());
            }
            return statuses;
        }).stream().flatMap(List::stream).toList());

        assertThat(outcome.result()).as("no match: no route").hasSize(40).containsOnly(404);
        String status = ItHttp.get(adminPort, "/status").body();
        assertThat(status).as("the back-reference route is refused in status")
                .contains("not a supported regular expression");
    }

    @Test
    void slowlorisHeadGets408AndClose() throws Exception {
        VictimClient.Outcome<RawHttp1.Response> outcome = victim.during("slowloris head",
                () -> trickle("GET /victim HTTP/1.1\r\nHost: victim.example\r\nX-Slow: " + "a".repeat(200), 100));

        RawHttp1.Response response = outcome.result();
        assertThat(response.status()).as(response.text()).isEqualTo(408);
        assertThat(response.head()).containsIgnoringCase("connection: close");
        assertThat(victimBackend.requests()).noneMatch(r -> r.contains("X-Slow"));
    }

    @Test
    void slowlorisBodyGets408AndClose() throws Exception {
        // one byte, then a pause longer than the body idle timeout (the timeout bounds pauses, not the rate)
        VictimClient.Outcome<RawHttp1.Response> outcome = victim.during("slowloris body", () -> {
            try (Socket socket = RawHttp1.connect(port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /public/upload HTTP/1.1\r\nHost: app.example\r\nContent-Length: 1000\r\n\r\nx")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return RawHttp1.readUntilClosed(socket.getInputStream());
            }
        });

        RawHttp1.Response response = outcome.result();
        assertThat(response.status()).as(response.text()).isEqualTo(408);
        assertThat(response.head()).containsIgnoringCase("connection: close");
    }

    @Test
    void rapidResetWithReconnectsReachesNoBackendAndGetsGoAwayEnhanceYourCalm() throws Exception {
        int servedBefore = resetBackend.requestCount();
        VictimClient.Outcome<List<Long>> outcome = victim.during("rapid reset", () -> {
            List<Long> goAways = new ArrayList<>();
            // under the bound, a new connection every 190 streams: each still serves a real request afterwards
            for (int connection = 0; connection < 5; connection++) {
                try (RawHttp2Client client = RawHttp2Client.connect(port)) {
                    int stream = resetStreams(client, 190);
                    client.headers(stream, RawHttp2Client.request("GET", "reset.example", "/real"), true).flush();
                    assertThat(client.awaitResponse(stream).status()).isEqualTo(200);
                }
            }
            // past the bound (200 per 30 s): GOAWAY
            for (int connection = 0; connection < 5; connection++) {
                try (RawHttp2Client client = RawHttp2Client.connect(port)) {
                    resetStreams(client, 250);
                    goAways.add(client.awaitGoAwayOrClose());
                }
            }
            return goAways;
        });

        assertThat(outcome.result()).containsOnly(RawHttp2Client.ENHANCE_YOUR_CALM).hasSize(5);
        int reached = resetBackend.requestCount() - servedBefore;
        System.out.printf("hostile rapid reset: %d streams reset on 10 connections, %d requests reached the backend%n",
                5 * 190 + 5 * 250, reached);
        assertThat(resetBackend.requests().subList(servedBefore, resetBackend.requestCount()))
                .as("only the 5 real requests reach the backend, none of the 2 200 reset streams")
                .hasSize(5).allMatch(r -> r.startsWith("GET /real "));
    }

    /** Opens {@code count} streams, each HEADERS then RST_STREAM at once, in one write; returns the next stream id. */
    private static int resetStreams(RawHttp2Client client, int count) throws IOException {
        int stream = 1;
        for (int i = 0; i < count; i++, stream += 2) {
            client.headers(stream, RawHttp2Client.request("GET", "reset.example", "/reset-" + i), true)
                    .rstStream(stream, RawHttp2Client.CANCEL);
        }
        client.flush();
        return stream;
    }

    @Test
    void settingsFloodIsCutOff() throws Exception {
        VictimClient.Outcome<Flood> outcome = victim.during("SETTINGS flood", () -> flood(RawHttp2Client::settings));

        assertFloodCutOff("SETTINGS", outcome.result());
    }

    @Test
    void pingFloodIsCutOff() throws Exception {
        VictimClient.Outcome<Flood> outcome = victim.during("PING flood", () -> flood(client -> client.ping(42)));

        assertFloodCutOff("PING", outcome.result());
    }

    /**
     * The connection ended (a read that waits more than 10 s fails the test instead) with GOAWAY ENHANCE_YOUR_CALM,
     * or with a reset when the gateway closed it with flood frames still unread (the GOAWAY is then lost), after
     * answering only part of the flood.
     */
    private static void assertFloodCutOff(String kind, Flood flood) {
        System.out.printf("hostile %s flood: %d frames sent, %d read back, then %s%n", kind, FLOOD_FRAMES,
                flood.framesRead(), flood.goAway() < 0 ? "closed" : "GOAWAY " + flood.goAway());
        assertThat(flood.goAway()).as("GOAWAY ENHANCE_YOUR_CALM (11) or closed (-1)")
                .isIn(RawHttp2Client.ENHANCE_YOUR_CALM, -1L);
        assertThat(flood.framesRead()).as("frames the gateway answered").isLessThan(FLOOD_FRAMES);
    }

    private static final int FLOOD_FRAMES = 10_000;

    /** Sends {@link #FLOOD_FRAMES} control frames that each ask for an answer, in one write, then reads to the end. */
    private static Flood flood(FrameWriter frame) throws IOException {
        try (RawHttp2Client client = RawHttp2Client.connect(port)) {
            for (int i = 0; i < FLOOD_FRAMES; i++) {
                frame.write(client);
            }
            try {
                client.flush();
            } catch (IOException e) {
                // closed while the frames were still being written: what it sent last tells why
            }
            long goAway = client.awaitGoAwayOrClose();
            return new Flood(goAway, client.framesRead());
        }
    }

    /** How a flood's connection ended (GOAWAY code, -1: closed) and how many frames the gateway sent back. */
    private record Flood(long goAway, int framesRead) {}

    @FunctionalInterface
    private interface FrameWriter {
        void write(RawHttp2Client client) throws IOException;
    }

    // ---- request-path safety ------------------------------------------------------------------------------------

    @Test
    void pathTraversalOverHttp1IsNormalisedBeforeRouting() throws Exception {
        VictimClient.Outcome<List<Integer>> outcome = victim.during("path traversal HTTP/1.1", () -> List.of(
                get("app.example", "/public/../admin/x"),
                get("app.example", "/public/%2e%2e/admin/x"),
                get("app.example", "/public/.%2E/admin/x"),
                get("app.example", "/public/a/../traversal-raw"),
                get("app.example", "//public/./b/%2E%2E/traversal-encoded")));

        assertThat(outcome.result()).as("escaping /public: no route; staying inside: served")
                .containsExactly(404, 404, 404, 200, 200);
        assertThat(publicBackend.requests()).noneMatch(r -> r.contains("admin") || r.contains(".."))
                .contains("GET /public/traversal-raw host=app.example",
                        "GET /public/traversal-encoded host=app.example");
    }

    @Test
    void pathTraversalOverHttp2IsNormalisedBeforeRouting() throws Exception {
        VictimClient.Outcome<List<Integer>> outcome = victim.during("path traversal h2", () -> {
            try (RawHttp2Client client = RawHttp2Client.connect(port)) {
                List<Integer> statuses = new ArrayList<>();
                int stream = 1;
                for (String path : List.of("/public/../admin/x", "/public/%2e%2E/admin/x",
                        "/public/a/../h2-raw", "/public/b/%2e%2e/h2-encoded")) {
                    client.headers(stream, RawHttp2Client.request("GET", "app.example", path), true).flush();
                    statuses.add(client.awaitResponse(stream).status());
                    stream += 2;
                }
                return statuses;
            }
        });

        assertThat(outcome.result()).containsExactly(404, 404, 200, 200);
        assertThat(publicBackend.requests()).noneMatch(r -> r.contains("admin") || r.contains(".."))
                .contains("GET /public/h2-raw host=app.example", "GET /public/h2-encoded host=app.example");
    }

    @Test
    void absoluteFormIsRoutedByItsAuthorityAndForwardedInOriginForm() throws Exception {
        int victimRequests = victimBackend.requestCount();
        VictimClient.Outcome<RawHttp1.Response> outcome = victim.during("absolute-form", () -> RawHttp1.exchange(port,
                "GET http://app.example/public/absolute?q=1 HTTP/1.1\r\nHost: victim.example\r\n"
                        + "Connection: close\r\n\r\n"));

        assertThat(outcome.result().status()).isEqualTo(200);
        assertThat(outcome.result().body()).isEqualTo("public\n");
        assertThat(publicBackend.requests()).contains("GET /public/absolute?q=1 host=app.example");
        assertThat(victimBackend.requests().subList(victimRequests, victimBackend.requestCount()))
                .allMatch(r -> r.startsWith("GET /victim "));
    }

    @Test
    void connectOverHttp2IsRefusedWith405() throws Exception {
        VictimClient.Outcome<RawHttp2Client.Response> outcome = victim.during("CONNECT h2", () -> {
            try (RawHttp2Client client = RawHttp2Client.connect(port)) {
                client.headers(1, new io.netty.handler.codec.http2.DefaultHttp2Headers(false)
                        .method("CONNECT").authority("app.example:443"), false).flush();
                return client.awaitResponse(1);
            }
        });

        assertThat(outcome.result().status()).isEqualTo(405);
        assertThat(outcome.result().headers().get("allow")).isNotNull();
        assertThat(publicBackend.requests()).noneMatch(r -> r.startsWith("CONNECT"));
    }

    /** Requests a gateway must refuse: each is answered with its status and the connection is closed. */
    static Stream<Arguments> refusedRequests() {
        String crlf = "\r\n";
        return Stream.of(
                Arguments.of("asterisk-form GET", "GET * HTTP/1.1\r\nHost: app.example\r\n\r\n", 400),
                Arguments.of("asterisk-form OPTIONS", "OPTIONS * HTTP/1.1\r\nHost: app.example\r\n\r\n", 400),
                Arguments.of("CONNECT", "CONNECT app.example:443 HTTP/1.1\r\nHost: app.example:443\r\n\r\n", 405),
                Arguments.of("HTTP/2.0 request line", "GET /public/v HTTP/2.0\r\nHost: app.example\r\n\r\n", 505),
                Arguments.of("HTTP/1.2 request line", "GET /public/v HTTP/1.2\r\nHost: app.example\r\n\r\n", 505),
                Arguments.of("two Host lines", "GET /public/h HTTP/1.1\r\nHost: app.example\r\nHost: victim.example"
                        + crlf + crlf, 400),
                Arguments.of("no Host", "GET /public/h HTTP/1.1\r\nAccept: */*\r\n\r\n", 400),
                Arguments.of("Host with a space", "GET /public/h HTTP/1.1\r\nHost: app example\r\n\r\n", 400),
                Arguments.of("Host with a slash", "GET /public/h HTTP/1.1\r\nHost: app.example/x\r\n\r\n", 400),
                Arguments.of("Host with userinfo", "GET /public/h HTTP/1.1\r\nHost: u@app.example\r\n\r\n", 400),
                Arguments.of("NUL in the target", "GET /public/nul\u0000b HTTP/1.1\r\nHost: app.example\r\n\r\n", 400),
                Arguments.of("Content-Length and Transfer-Encoding", "POST /public/b HTTP/1.1\r\nHost: app.example"
                        + crlf + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("two Content-Length", "POST /public/b HTTP/1.1\r\nHost: app.example\r\n"
                        + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello", 400),
                Arguments.of("obs-fold", "GET /public/f HTTP/1.1\r\nHost: app.example\r\nX-Folded: a\r\n b\r\n\r\n",
                        400),
                Arguments.of("invalid chunk size", "POST /public/c HTTP/1.1\r\nHost: app.example\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", 400));
    }

    @ParameterizedTest(name = "{0}: {2} and close")
    @MethodSource("refusedRequests")
    void refusedRequestIsAnsweredAndTheConnectionClosed(String attack, String request, int status) throws Exception {
        VictimClient.Outcome<RawHttp1.Response> outcome = victim.during(attack,
                () -> RawHttp1.exchange(port, request));

        RawHttp1.Response response = outcome.result();
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.head()).containsIgnoringCase("connection: close");
        assertThat(publicBackend.requests()).as("nothing refused is forwarded")
                .noneMatch(r -> r.startsWith("CONNECT") || r.contains("/public/h ") || r.contains("/public/v ")
                        || r.contains("/public/f ") || r.contains("/public/nul"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static int get(String host, String path) throws IOException {
        return RawHttp1.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .status();
    }

    /**
     * Writes {@code head} one byte per {@code intervalMillis} on a new connection (never finishing it) and returns
     * what the gateway answers before it closes the connection.
     */
    private static RawHttp1.Response trickle(String head, long intervalMillis) throws Exception {
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try (Socket socket = RawHttp1.connect(port)) {
            OutputStream out = socket.getOutputStream();
            byte[] bytes = head.getBytes(StandardCharsets.US_ASCII);
            int[] next = {0};
            writer.scheduleAtFixedRate(() -> {
                try {
                    if (next[0] < bytes.length) {
                        out.write(bytes[next[0]++]);
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e); // closed: stops the schedule
                }
            }, 0, intervalMillis, TimeUnit.MILLISECONDS);
            InputStream in = socket.getInputStream();
            return RawHttp1.readUntilClosed(in);
        } finally {
            writer.shutdownNow();
        }
    }

    /** Runs {@code task} on {@code threads} threads at once and returns their results. */
    private static <T> List<T> parallel(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
