package io.lintel.plugin.protocol.h2c;

import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.server.NettyDataPlane;
import io.lintel.core.server.NettyLeakDetection;
import io.lintel.core.testing.GrpcEchoServer;
import io.lintel.core.testing.GrpcTestClient;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Request and backend timeouts (GEP-1742) bound the wait for a response head only: a gRPC stream whose response
 * has started keeps carrying messages long after both have passed.
 */
@ExtendWith(NettyLeakDetection.class)
class GrpcTimeoutsTest {

    // long enough for a cold first connection on a loaded machine: the head must come in time
    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final FilterKey SHORT_TIMEOUTS = FilterKey.filterType("ShortTimeouts");

    /** Sets both timeouts on every request, as the timeouts plugin does for a rule's {@code timeouts}. */
    private static final class ShortTimeouts implements HttpFilterFactory, FilterSpec {
        @Override
        public FilterKey key() {
            return SHORT_TIMEOUTS;
        }

        @Override
        public FilterSpec translate(FilterConfig config) {
            return this;
        }

        @Override
        public HttpFilter create(FilterSpec spec) {
            return (request, next) -> {
                request.requestTimeout(TIMEOUT);
                request.backendRequestTimeout(TIMEOUT);
                return next.proceed(request);
            };
        }
    }

    private GrpcEchoServer backend;
    private NettyDataPlane dataPlane;
    private GrpcTestClient client;

    @BeforeEach
    void start() throws Exception {
        backend = new GrpcEchoServer("echo");
        int port = H2cDataPlanes.freePort();
        ShortTimeouts timeouts = new ShortTimeouts();
        dataPlane = H2cDataPlanes.start(List.of("short-timeouts"), Map.of(SHORT_TIMEOUTS, timeouts));
        IrBackend grpc = new IrBackend("default/grpc:8080", 1, "kubernetes.io/h2c",
                List.of(new IrEndpoint("127.0.0.1", backend.port())), 0, List.of());
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/", rule("grpc", List.of(new IrFilter(SHORT_TIMEOUTS, timeouts)), grpc)))))))).isEmpty();
        client = new GrpcTestClient("127.0.0.1", port);
    }

    @AfterEach
    void stop() {
        client.close();
        dataPlane.close();
        backend.close();
    }

    @Test
    void aStartedStreamOutlivesTheRequestAndBackendTimeouts() throws Exception {
        GrpcTestClient.Call call = client.start("test.Echo", "Chat", Map.of());
        call.send("first");
        assertThat(call.nextMessage(Duration.ofSeconds(30))).isEqualTo("first");

        // keep the stream busy until both timeouts have passed several times over
        long started = System.nanoTime();
        int exchanged = 0;
        while (System.nanoTime() - started < TIMEOUT.toNanos() * 3) {
            call.send("message " + exchanged);
            assertThat(call.nextMessage(Duration.ofSeconds(30))).isEqualTo("message " + exchanged);
            exchanged++;
        }

        assertThat(call.trailers).isNotDone();
        call.halfClose();
        assertThat(call.trailers.get(30, TimeUnit.SECONDS).get("grpc-status")).hasToString("0");
    }

    @Test
    void aBackendThatNeverAnswersIsCutOffWithAGrpcStatus() throws Exception {
        GrpcTestClient.Call call = client.start("test.Echo", "Hang", Map.of());
        call.send("anyone there?");

        assertThat(call.trailers.get(30, TimeUnit.SECONDS).get("grpc-status"))
                .as("HTTP 504 as gRPC DEADLINE_EXCEEDED").hasToString("4");
        assertThat(call.trailersOnly).isTrue();
    }
}
