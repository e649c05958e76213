package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.direct;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lintel.core.testing.RawHttp2Client;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client HTTP/2 streams, both ways the data plane can drive them: a channel per stream ({@code streamChannels}
 * true, Netty's multiplexer) and one handler per connection ({@link Http2ClientStreams}). Each case runs on both, with
 * paranoid leak detection: many streams with interleaved bodies on one connection, resets either way in the middle of
 * a body, a client that takes no more holding its backend back, a trailers-only gRPC answer, and GOAWAY's drain.
 */
@ExtendWith(NettyLeakDetection.class)
class Http2ClientStreamsTest {

    private static final long BIG = 48L * 1024 * 1024;

    private LoopbackDataPlane dataPlane;
    private TestBackend backend;
    private StreamingBackend streaming;
    private StreamingBackend failing;

    private void start(boolean streamChannels) throws IOException {
        start(DataPlaneSettings.DEFAULTS.withHttp2StreamChannels(streamChannels));
    }

    private void start(DataPlaneSettings settings) throws IOException {
        backend = new TestBackend("A");
        streaming = new StreamingBackend(BIG, 0);
        failing = new StreamingBackend(1024 * 1024, 100);
        dataPlane = LoopbackDataPlane.start(settings);
        dataPlane.apply(ir(socket("127.0.0.1", dataPlane.port(), listener("l", "*", vhost("*",
                prefix("/stream", rule("streaming", backend("s", 1, streaming.port()))),
                prefix("/failing", rule("failing", backend("f", 1, failing.port()))),
                prefix("/grpc.Down/", direct("down", 503)),
                prefix("/", rule("rule-all", backend("b", 1, backend.port()))))))));
    }

    @AfterEach
    void stop() throws IOException {
        dataPlane.close();
        backend.close();
        streaming.close();
        failing.close();
    }

    @ParameterizedTest(name = "streamChannels={0}")
    @ValueSource(booleans = {false, true})
    void manyStreamsOnOneConnectionWithInterleavedBodies(boolean streamChannels) throws Exception {
        start(streamChannels);
        int streams = 40;
        int parts = 4;
        try (RawHttp2Client client = RawHttp2Client.connect(dataPlane.port())) {
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                int id = 1 + 2 * i;
                ids.add(id);
                client.headers(id, RawHttp2Client.request("POST", "a.example", "/echo"), false);
            }
            client.flush();
            // the parts of all streams take turns, several streams' frames in each write
            for (int part = 0; part < parts; part++) {
                for (int id : ids) {
                    client.data(id, part(id, part), part == parts - 1);
                }
                client.flush();
            }

            Map<Integer, RawHttp2Client.Response> responses = client.awaitResponses(ids);

            for (int id : ids) {
                StringBuilder expected = new StringBuilder();
                for (int part = 0; part < parts; part++) {
                    expected.append(new String(part(id, part), StandardCharsets.US_ASCII));
                }
                assertThat(responses.get(id).status()).as("stream %d", id).isEqualTo(200);
                assertThat(responses.get(id).body()).as("stream %d", id).isEqualTo(expected.toString());
            }
        }
    }

    private static byte[] part(int stream, int part) {
        return ("[" + stream + ":" + part + "]").repeat(50).getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "streamChannels={0}")
    @ValueSource(booleans = {false, true})
    void aClientResetInTheMiddleOfTheRequestBodyLeavesTheConnectionServing(boolean streamChannels) throws Exception {
        start(streamChannels);
        try (RawHttp2Client client = RawHttp2Client.connect(dataPlane.port())) {
            client.headers(1, RawHttp2Client.request("POST", "a.example", "/echo"), false)
                    .data(1, "the first half".getBytes(StandardCharsets.US_ASCII), false).flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> backend.requests() == 1);
            client.rstStream(1, RawHttp2Client.CANCEL)
                    .data(1, "late".getBytes(StandardCharsets.US_ASCII), true).flush();

            client.headers(3, RawHttp2Client.request("GET", "a.example", "/after"), true).flush();
            RawHttp2Client.Response after = client.awaitResponse(3);
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.body()).isEqualTo("A");
        }
    }

    @ParameterizedTest(name = "streamChannels={0}")
    @ValueSource(booleans = {false, true})
    void aBackendFailingInTheMiddleOfTheResponseResetsTheStream(boolean streamChannels) throws Exception {
        start(streamChannels);
        try (RawHttp2Client client = RawHttp2Client.connect(dataPlane.port())) {
            client.headers(1, RawHttp2Client.request("GET", "a.example", "/failing"), true).flush();

            RawHttp2Client.Response response = client.awaitResponse(1);

            assertThat(response.status()).as("the head was out before the backend failed").isEqualTo(200);
            assertThat(response.resetCode()).as("CANCEL: the response is incomplete").isEqualTo(RawHttp2Client.CANCEL);
            client.headers(3, RawHttp2Client.request("GET", "a.example", "/after"), true).flush();
            assertThat(client.awaitResponse(3).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "streamChannels={0}")
    @ValueSource(booleans = {false, true})
    void aClientThatTakesNoMoreHoldsItsBackendBack(boolean streamChannels) throws Exception {
        start(streamChannels);
        try (RawHttp2Client client = RawHttp2Client.connect(dataPlane.port())) {
            client.headers(1, RawHttp2Client.request("GET", "a.example", "/stream"), true).flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> streaming.written() > 0);

            // the client's windows (64 KiB) are soon full: the gateway stops reading the backend, whose writes then
            // stop once the sockets' buffers between them are full
            long bound = 16L * 1024 * 1024;
            await().atMost(Duration.ofSeconds(20)).during(Duration.ofSeconds(1))
                    .until(() -> streaming.written() < bound);

            // windows opened: all of it arrives
            client.windowUpdate(0, Integer.MAX_VALUE - 65_535).windowUpdate(1, Integer.MAX_VALUE - 65_535).flush();
            long received = 0;
            while (true) {
                RawHttp2Client.Frame frame = client.readFrame();
                if (frame.streamId() != 1) {
                    continue;
                }
                if (frame.type() == RawHttp2Client.DATA) {
                    received += frame.payload().length;
                }
                if ((frame.flags() & RawHttp2Client.FLAG_END_STREAM) != 0 || frame.type() == RawHttp2Client.RST_STREAM) {
                    break;
                }
            }
            assertThat(received).isEqualTo(BIG);
        }
    }

    @ParameterizedTest(name = "streamChannels={0}")
    @ValueSource(booleans = {false, true})
    void aTrailersOnlyGrpcAnswerIsOneHeadersFrame(boolean streamChannels) throws Exception {
        start(streamChannels);
        try (RawHttp2Client client = RawHttp2Client.connect(dataPlane.port())) {
            Http2Headers call = RawHttp2Client.request("POST", "a.example", "/grpc.Down/Method")
                    .set("content-type", "application/grpc").set("te", "trailers");
            // answered while the call is still sending: the rest of it is not wanted
            client.headers(1, call, false).flush();

            RawHttp2Client.Response first = client.awaitResponse(1);
            // grpc-status in the response's head: the head is the trailers (awaitResponse keeps the first head)
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.headers().get("grpc-status")).as("UNAVAILABLE").hasToString("14");
            assertThat(first.resetCode()).as("ended by END_STREAM before any reset").isEqualTo(-1);
            client.data(1, new byte[] {0, 0, 0, 0, 0}, true).flush();

            client.headers(3, call, true).flush();
            RawHttp2Client.Response second = client.awaitResponse(3);
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.headers().get("grpc-status")).as("UNAVAILABLE").hasToString("14");
        }
    }

    @ParameterizedTest(name = "streamChannels={0}")
    @ValueSource(booleans = {false, true})
    void aRequestBodyThatStopsIsAnswered408AndTheStreamReset(boolean streamChannels) throws Exception {
        start(DataPlaneSettings.DEFAULTS.withHttp2StreamChannels(streamChannels)
                .withRequestTimeouts(Duration.ofSeconds(30), Duration.ofMillis(300)));
        try (RawHttp2Client client = RawHttp2Client.connect(dataPlane.port())) {
            client.headers(1, RawHttp2Client.request("POST", "a.example", "/echo"), false)
                    .data(1, "the start".getBytes(StandardCharsets.US_ASCII), false).flush();

            RawHttp2Client.Response response = client.awaitResponse(1);

            assertThat(response.status()).isEqualTo(408);
            client.headers(3, RawHttp2Client.request("GET", "a.example", "/after"), true).flush();
            assertThat(client.awaitResponse(3).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "streamChannels={0}")
    @ValueSource(booleans = {false, true})
    void aStreamInFlightFinishesAfterGoAway(boolean streamChannels) throws Exception {
        start(streamChannels);
        try (RawHttp2Client client = RawHttp2Client.connect(dataPlane.port())) {
            client.headers(1, RawHttp2Client.request("GET", "a.example", "/slow"), true).flush();
            assertThat(backend.awaitSlowRequest()).isTrue();

            CompletableFuture<Integer> drain =
                    CompletableFuture.supplyAsync(() -> dataPlane.dataPlane().drain(Duration.ofSeconds(60)));
            RawHttp2Client.Frame goAway = client.readFrame();
            while (goAway.type() != RawHttp2Client.GOAWAY) {
                goAway = client.readFrame();
            }
            assertThat(goAway.errorCode()).as("NO_ERROR").isZero();
            assertThat(drain).isNotDone();

            backend.releaseSlow();
            RawHttp2Client.Response response = client.awaitResponse(1);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("A slow");
            assertThatThrownBy(client::readFrame).isInstanceOf(EOFException.class);
            assertThat(drain.get(30, TimeUnit.SECONDS)).isZero();
        }
    }
}
