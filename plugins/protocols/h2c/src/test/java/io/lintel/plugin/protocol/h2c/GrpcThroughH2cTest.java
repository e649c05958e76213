package io.lintel.plugin.protocol.h2c;

import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrTls;
import io.lintel.core.server.NettyDataPlane;
import io.lintel.core.server.NettyLeakDetection;
import io.lintel.core.testing.GrpcEchoServer;
import io.lintel.core.testing.GrpcTestClient;
import io.lintel.core.testing.TestTls;
import io.netty.handler.codec.http2.Http2Headers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * gRPC through the real data plane: a Netty HTTP/2 client (prior knowledge, as gRPC clients speak to a plaintext
 * gateway) to a gRPC-shaped echo backend spoken to over h2c. Messages stream both ways as they come, trailers reach
 * the client, and a call outlives configuration reloads that keep its route.
 */
@ExtendWith(NettyLeakDetection.class)
class GrpcThroughH2cTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private GrpcEchoServer backend;
    private NettyDataPlane dataPlane;
    private GrpcTestClient client;
    private int port;

    @BeforeEach
    void start() throws Exception {
        backend = new GrpcEchoServer("echo-1");
        port = H2cDataPlanes.freePort();
        dataPlane = H2cDataPlanes.start();
        assertThat(dataPlane.apply(config("grpc"))).isEmpty();
        client = new GrpcTestClient("127.0.0.1", port);
    }

    /** Calls under {@code /test.Echo} go to the echo backend; nothing else is routed. */
    private Ir config(String ruleName) {
        IrBackend grpc = new IrBackend("default/grpc:8080", 1, "kubernetes.io/h2c",
                List.of(new IrEndpoint("127.0.0.1", backend.port())), 0, List.of());
        return ir(socket("127.0.0.1", port, listener("l", "*", vhost("*", prefix("/test.Echo", rule(ruleName, grpc))))));
    }

    @AfterEach
    void stop() {
        client.close();
        dataPlane.close();
        backend.close();
    }

    @Test
    void aUnaryCallGetsItsMessageAndTrailers() throws Exception {
        GrpcTestClient.Call call = client.start("test.Echo", "Unary", Map.of("x-meta", "m"));
        call.send("hello");
        call.halfClose();

        Http2Headers headers = call.headers.get(30, TimeUnit.SECONDS);
        assertThat(headers.status()).hasToString("200");
        assertThat(headers.get("content-type")).hasToString("application/grpc");
        assertThat(headers.get("x-path")).hasToString("/test.Echo/Unary");
        assertThat(call.nextMessage(WAIT)).isEqualTo("hello");
        assertThat(call.trailers.get(30, TimeUnit.SECONDS).get("grpc-status")).hasToString("0");
        assertThat(call.trailersOnly).isFalse();
        Http2Headers sent = backend.calls.get(0);
        assertThat(sent.get("x-meta")).hasToString("m");
        assertThat(sent.get("te")).as("gRPC over HTTP/2 needs te: trailers").hasToString("trailers");
    }

    @Test
    void aTrailersOnlyAnswerStaysOneHeadersFrame() throws Exception {
        GrpcTestClient.Call call = client.start("test.Echo", "Fail", Map.of());
        call.send("anything");
        call.halfClose();

        Http2Headers trailers = call.trailers.get(30, TimeUnit.SECONDS);
        assertThat(call.trailersOnly).isTrue();
        assertThat(trailers.get("grpc-status")).hasToString("5");
        assertThat(trailers.get("grpc-message")).hasToString("no such thing");
    }

    @Test
    void messagesStreamBothWaysBeforeEitherSideEnds() throws Exception {
        GrpcTestClient.Call call = client.start("test.Echo", "Chat", Map.of());

        call.send("one");
        assertThat(call.nextMessage(WAIT)).as("echo of a message sent while the request is still open").isEqualTo("one");
        assertThat(call.headers).isDone();
        call.send("two");
        assertThat(call.nextMessage(WAIT)).isEqualTo("two");
        assertThat(call.trailers).isNotDone();

        call.halfClose();
        assertThat(call.trailers.get(30, TimeUnit.SECONDS).get("grpc-status")).hasToString("0");
    }

    @Test
    void aClientStreamReachesTheBackendBeforeTheResponseStarts() throws Exception {
        GrpcTestClient.Call call = client.start("test.Echo", "Collect", Map.of());
        call.send("a");
        call.send("b");
        call.send("c");

        await().atMost(WAIT).untilAsserted(() -> assertThat(backend.collected).hasValue(3));
        assertThat(call.headers).as("the backend answers only at the end of the request").isNotDone();

        call.halfClose();
        assertThat(call.nextMessage(WAIT)).isEqualTo("a");
        assertThat(call.nextMessage(WAIT)).isEqualTo("b");
        assertThat(call.nextMessage(WAIT)).isEqualTo("c");
        assertThat(call.trailers.get(30, TimeUnit.SECONDS).get("grpc-status")).hasToString("0");
    }

    @Test
    void aStreamTheBackendResetsEndsWithAGrpcStatus() throws Exception {
        // No message is sent: the backend resets the stream on its HEADERS, and the gateway then answers and resets
        // the client's unfinished stream (RFC 9113 section 8.1), so a message sent after start() would race that
        // reset and fail with ClosedChannelException whenever this thread is slower than the round trip.
        GrpcTestClient.Call call = client.start("test.Echo", "Reset", Map.of());

        Http2Headers trailers = call.trailers.get(30, TimeUnit.SECONDS);
        assertThat(call.trailersOnly).isTrue();
        assertThat(trailers.get("grpc-status")).as("HTTP 502 as gRPC UNAVAILABLE").hasToString("14");
    }

    @Test
    void aClientStreamingFasterThanTheBackendReadsIsHeldBack() throws Exception {
        GrpcTestClient.Call call = client.start("test.Echo", "Stall", Map.of());
        call.headers.get(30, TimeUnit.SECONDS);

        call.pump(16 * 1024 * 1024, 16 * 1024);

        // HTTP/2 flow control stops the backend connection, the gateway stops reading the client's stream, and the
        // client's window runs out: what leaves the client stays near the windows on the way (64 KiB each by default)
        await().atMost(WAIT).during(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(call.written.get()).isBetween(1L, 1024L * 1024));
        call.cancel();
        // the cancel abandons the exchange at once, although the gateway was not reading the client's stream: the
        // backend's stream goes away, and with it the request data held back for it
        await().atMost(WAIT).untilAsserted(() -> assertThat(backend.abandonedStalls).hasValue(1));

        // the connection still serves calls; the reset arrived before this call, so the gateway has processed it
        GrpcTestClient.Call next = client.start("test.Echo", "Unary", Map.of());
        next.send("still here");
        next.halfClose();
        assertThat(next.nextMessage(WAIT)).isEqualTo("still here");
        assertThat(next.trailers.get(30, TimeUnit.SECONDS).get("grpc-status")).hasToString("0");
    }

    @Test
    void aStreamSurvivesAHundredConfigurationReloads() throws Exception {
        GrpcTestClient.Call call = client.start("test.Echo", "Chat", Map.of());
        call.send("before");
        assertThat(call.nextMessage(WAIT)).isEqualTo("before");

        for (int i = 0; i < 100; i++) {
            // each reload changes the rule, so the data plane really swaps its route table
            assertThat(dataPlane.apply(config("grpc-" + i))).isEmpty();
        }

        call.send("after");
        assertThat(call.nextMessage(WAIT)).isEqualTo("after");
        call.halfClose();
        assertThat(call.trailers.get(30, TimeUnit.SECONDS).get("grpc-status")).hasToString("0");
    }

    @Test
    void aCallNoRouteTakesGetsUnimplemented() throws Exception {
        // the gateway answers on the request headers (and then resets the stream), so nothing more is sent
        GrpcTestClient.Call call = client.start("other.Service", "Method", Map.of());

        Http2Headers trailers = call.trailers.get(30, TimeUnit.SECONDS);
        assertThat(call.trailersOnly).isTrue();
        assertThat(trailers.status()).hasToString("200");
        assertThat(trailers.get("grpc-status")).hasToString("12");
    }

    @Test
    void callsRunConcurrentlyOnOneClientConnection() throws Exception {
        GrpcTestClient.Call first = client.start("test.Echo", "Chat", Map.of());
        GrpcTestClient.Call second = client.start("test.Echo", "Chat", Map.of());

        second.send("to second");
        first.send("to first");

        assertThat(first.nextMessage(WAIT)).isEqualTo("to first");
        assertThat(second.nextMessage(WAIT)).isEqualTo("to second");
        first.halfClose();
        second.halfClose();
        assertThat(first.trailers.get(30, TimeUnit.SECONDS).get("grpc-status")).hasToString("0");
        assertThat(second.trailers.get(30, TimeUnit.SECONDS).get("grpc-status")).hasToString("0");
    }

    @Test
    void aBidirectionalCallOverTlsWithAlpnH2() throws Exception {
        TestTls.Pem pem = TestTls.selfSigned("grpc.test");
        int tlsPort = H2cDataPlanes.freePort();
        IrBackend grpc = new IrBackend("default/grpc:8080", 1, "kubernetes.io/h2c",
                List.of(new IrEndpoint("127.0.0.1", backend.port())), 0, List.of());
        IrListener https = new IrListener("tls", "*", List.of(vhost("*", prefix("/test.Echo", rule("grpc-tls", grpc)))),
                Optional.of(new IrTls(List.of(IrCertificate.of("default/grpc-tls", pem.material())))));
        assertThat(dataPlane.apply(new Ir(List.of(
                socket("127.0.0.1", port, listener("l", "*", vhost("*", prefix("/test.Echo", rule("grpc", grpc))))),
                new IrSocket("127.0.0.1", tlsPort, IrProtocol.HTTPS, List.of(https)))))).isEmpty();

        try (GrpcTestClient tlsClient = GrpcTestClient.overTls("127.0.0.1", tlsPort, "grpc.test")) {
            GrpcTestClient.Call call = tlsClient.start("test.Echo", "Chat", Map.of());
            call.send("secret");
            assertThat(call.nextMessage(WAIT)).isEqualTo("secret");
            call.halfClose();
            assertThat(call.trailers.get(30, TimeUnit.SECONDS).get("grpc-status")).hasToString("0");
            assertThat(backend.calls.get(0).authority()).hasToString("grpc.test:" + tlsPort);
        }
    }
}
