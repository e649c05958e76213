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

/**
 * HTTP/2 rapid reset (CVE-2023-44487): streams a client resets in the write that opened them cost no backend request
 * and no backend connection, and a client resetting more streams than the bound gets GOAWAY ENHANCE_YOUR_CALM.
 */
@ExtendWith(NettyLeakDetection.class)
class Http2RapidResetTest {

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
    void streamsResetWithTheirHeadersReachNoBackend() throws Exception {
        try (RawHttp2Client client = RawHttp2Client.connect(dataPlane.port())) {
            client.headers(1, RawHttp2Client.request("GET", "a.example", "/first"), true).flush();
            assertThat(client.awaitResponse(1).status()).isEqualTo(200);

            // a pooled backend connection is idle now: the old code took it for the first reset stream, and opened
            // a new one for each of the others
            int stream = 3;
            for (int i = 0; i < 100; i++, stream += 2) {
                client.headers(stream, RawHttp2Client.request("GET", "a.example", "/reset-" + i), true)
                        .rstStream(stream, RawHttp2Client.CANCEL);
            }
            client.flush();
            client.headers(stream, RawHttp2Client.request("GET", "a.example", "/last"), true).flush();
            RawHttp2Client.Response last = client.awaitResponse(stream);

            assertThat(last.status()).isEqualTo(200);
            assertThat(backend.requests()).as("requests the backend saw: /first and /last only").isEqualTo(2);
            assertThat(backend.clients()).as("backend connections").hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void moreResetsThanTheBoundGetGoAwayEnhanceYourCalm() throws Exception {
        int limit = DataPlaneSettings.DEFAULTS.http2FloodLimits().maxResetsPerWindow();
        try (RawHttp2Client client = RawHttp2Client.connect(dataPlane.port())) {
            int stream = 1;
            for (int i = 0; i <= limit; i++, stream += 2) {
                client.headers(stream, RawHttp2Client.request("GET", "a.example", "/reset-" + i), true)
                        .rstStream(stream, RawHttp2Client.CANCEL);
            }
            client.flush();

            assertThat(client.awaitGoAwayOrClose()).isEqualTo(RawHttp2Client.ENHANCE_YOUR_CALM);
        }
        assertThat(backend.requests()).isZero();
    }
}
