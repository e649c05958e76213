package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.testing.RawHttp2Client;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link Http2ControlFrameFloodGuard}: SETTINGS and PING in bulk end the connection; between requests they do not. */
@ExtendWith(NettyLeakDetection.class)
class Http2ControlFrameFloodTest {

    private static final int BOUND = DataPlaneSettings.DEFAULTS.http2FloodLimits().maxControlFramesWithoutRequests();

    private LoopbackDataPlane dataPlane;
    private TestBackend backend;

    @BeforeEach
    void start() throws IOException {
        backend = new TestBackend("A");
        dataPlane = LoopbackDataPlane.start();
        dataPlane.apply(ir(socket("127.0.0.1", dataPlane.port(), listener("l", "*", vhost("*",
                prefix("/", rule("rule-all", backend("b", 1, backend.port()))))))));
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backend.close();
    }

    @Test
    void pingFloodGetsGoAwayEnhanceYourCalm() throws Exception {
        try (RawHttp2Client client = RawHttp2Client.connect(dataPlane.port())) {
            for (int i = 0; i <= BOUND; i++) {
                client.ping(i);
            }
            client.flush();

            assertThat(client.awaitGoAwayOrClose()).isEqualTo(RawHttp2Client.ENHANCE_YOUR_CALM);
        }
    }

    @Test
    void settingsFloodGetsGoAwayEnhanceYourCalm() throws Exception {
        try (RawHttp2Client client = RawHttp2Client.connect(dataPlane.port())) {
            for (int i = 0; i <= BOUND; i++) {
                client.settings();
            }
            client.flush();

            assertThat(client.awaitGoAwayOrClose()).isEqualTo(RawHttp2Client.ENHANCE_YOUR_CALM);
        }
    }

    @Test
    void pingsBetweenRequestsAreNoFlood() throws Exception {
        try (RawHttp2Client client = RawHttp2Client.connect(dataPlane.port())) {
            int stream = 1;
            for (int round = 0; round < 4; round++, stream += 2) {
                for (int i = 0; i < BOUND - 10; i++) {
                    client.ping(i);
                }
                client.headers(stream, RawHttp2Client.request("GET", "a.example", "/round-" + round), true).flush();

                assertThat(client.awaitResponse(stream).status()).isEqualTo(200);
            }
        }
        assertThat(backend.requests()).isEqualTo(4);
    }
}
