package io.lintel.plugin.protocol.h2c;

import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.proxy.Http2BackendSettings;
import io.lintel.core.server.NettyDataPlane;
import io.lintel.core.server.NettyLeakDetection;
import io.netty.channel.Channel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exchanges to an h2c backend share its connections as streams: HTTP/1.1 clients through the real data plane (one
 * event loop) to {@link SharingH2cServer}, which counts the connections it accepts.
 */
@ExtendWith(NettyLeakDetection.class)
class H2cConnectionSharingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private SharingH2cServer backend;
    private NettyDataPlane dataPlane;
    private int port;

    private void start(SharingH2cServer server) throws Exception {
        backend = server;
        port = H2cDataPlanes.freePort();
        dataPlane = H2cDataPlanes.start();
        IrBackend h2c = new IrBackend("default/h2c:8081", 1, "kubernetes.io/h2c",
                List.of(new IrEndpoint("127.0.0.1", backend.port())), 0, List.of());
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/", rule("h2c", h2c)))))))).isEmpty();
    }

    @AfterEach
    void stop() {
        if (dataPlane != null) {
            dataPlane.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private CompletableFuture<HttpResponse<String>> get(String path) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(WAIT)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void fiftyConcurrentRequestsShareConnectionsUpToTheBackendsStreamLimit() throws Exception {
        // the backend allows 10 streams per connection and answers only once all 50 requests are in flight: they
        // must be on ceil(50 / 10) = 5 connections at once
        start(new SharingH2cServer(10, 50));
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            responses.add(get("/r/" + i));
        }
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> response = responses.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("/r/" + i);
        }
        assertThat(backend.connections).hasSize(5);
    }

    @Test
    void fiftyConcurrentRequestsShareOneConnectionWithinTheDefaultLimit() throws Exception {
        assertThat(Http2BackendSettings.DEFAULTS.maxConcurrentStreams()).isEqualTo(100);
        start(new SharingH2cServer(1000, 50));
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            responses.add(get("/r/" + i));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(responses.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS).body()).isEqualTo("/r/" + i);
        }
        assertThat(backend.connections).hasSize(1);
    }

    @Test
    void aResetStreamFailsOnlyItsExchange() throws Exception {
        start(new SharingH2cServer(100, 0));
        CompletableFuture<HttpResponse<String>> held = get("/held");
        await().atMost(WAIT).until(() -> backend.held.size() == 1);

        HttpResponse<String> reset = get("/reset").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(reset.statusCode()).isEqualTo(502);
        assertThat(held).isNotDone();

        backend.answerHeld();
        HttpResponse<String> response = held.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("/held");
        assertThat(backend.connections).as("the reset stream shared the held one's connection").hasSize(1);
        assertThat(backend.connections.get(0).isActive()).isTrue();
    }

    @Test
    void anAbandonedExchangeResetsOnlyItsOwnStream() throws Exception {
        start(new SharingH2cServer(100, 0));
        CompletableFuture<HttpResponse<String>> kept = get("/kept");
        await().atMost(WAIT).until(() -> backend.held.size() == 1);
        CompletableFuture<HttpResponse<String>> abandoned = get("/abandoned");
        await().atMost(WAIT).until(() -> backend.held.size() == 2);
        Channel abandonedStream = backend.held.stream().filter(h -> h.path().equals("/abandoned")).findFirst()
                .orElseThrow().stream();

        // the client goes away, as when a timeout ends the exchange: the gateway resets that stream alone
        abandoned.cancel(true);
        await().atMost(WAIT).until(() -> !abandonedStream.isActive());

        backend.answerHeld();
        HttpResponse<String> response = kept.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("/kept");
        assertThat(backend.connections).hasSize(1);
        assertThat(backend.connections.get(0).isActive()).isTrue();
    }

    @Test
    void aConnectionThatFailsFailsItsOwnExchangesAndTheNextOneConnectsAgain() throws Exception {
        start(new SharingH2cServer(100, 0));
        CompletableFuture<HttpResponse<String>> one = get("/one");
        CompletableFuture<HttpResponse<String>> two = get("/two");
        await().atMost(WAIT).until(() -> backend.held.size() == 2);

        backend.connections.get(0).close();
        assertThat(one.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(502);
        assertThat(two.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(502);
        backend.held.clear();

        CompletableFuture<HttpResponse<String>> next = get("/next");
        await().atMost(WAIT).until(() -> backend.held.size() == 1);
        backend.answerHeld();
        assertThat(next.get(WAIT.toSeconds(), TimeUnit.SECONDS).body()).isEqualTo("/next");
        assertThat(backend.connections).hasSize(2);
    }

    @Test
    void aGoAwayLetsStreamsInFlightFinishAndSendsNewOnesToANewConnection() throws Exception {
        start(new SharingH2cServer(100, 0));
        CompletableFuture<HttpResponse<String>> held = get("/held");
        await().atMost(WAIT).until(() -> backend.held.size() == 1);
        Channel first = backend.connections.get(0);

        backend.goAway(first);
        backend.answerHeld();
        HttpResponse<String> response = held.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("/held");
        // its last stream done, the gateway closes the connection the backend is draining
        await().atMost(WAIT).until(() -> !first.isActive());

        CompletableFuture<HttpResponse<String>> next = get("/next");
        await().atMost(WAIT).until(() -> backend.held.size() == 1);
        backend.answerHeld();
        assertThat(next.get(WAIT.toSeconds(), TimeUnit.SECONDS).body()).isEqualTo("/next");
        assertThat(backend.connections).hasSize(2);
    }
}
