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
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A backend that answers a stream completely while the client is still sending the request (a gRPC server answering
 * trailers-only): the rest of the request, arriving after the exchange ended, is read and released, in whatever reads
 * it arrives. It used to stay queued in the stream channel, which nobody read any more and which therefore never
 * closed: its buffers leaked (protocol-h2c's GrpcThroughH2cTest, once in CI).
 */
@ExtendWith(NettyLeakDetection.class)
class Http2EarlyResponseTest {

    private LoopbackDataPlane dataPlane;
    private EarlyAnsweringBackend backend;

    @BeforeEach
    void start() throws IOException {
        backend = new EarlyAnsweringBackend();
        dataPlane = LoopbackDataPlane.start();
        dataPlane.apply(ir(socket("127.0.0.1", dataPlane.port(), listener("l", "*", vhost("*",
                prefix("/", rule("rule-all", backend("b", 1, backend.port()))))))));
    }

    @AfterEach
    void stop() throws IOException {
        dataPlane.close();
        backend.close();
    }

    @Test
    void requestDataAfterTheResponseEndedIsReleased() throws Exception {
        try (RawHttp2Client client = RawHttp2Client.connect(dataPlane.port())) {
            client.headers(1, RawHttp2Client.request("POST", "a.example", "/upload"), false).flush();
            RawHttp2Client.Response response = client.awaitResponse(1);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(EarlyAnsweringBackend.BODY);

            // each in a read of its own, once the exchange has ended: the first while the stream channel still has
            // a read pending from before, the second (which ends the stream) after that read completed
            byte[] part = "rest of the request".getBytes(StandardCharsets.US_ASCII);
            client.data(1, part, false).flush();
            awaitPingAck(client, 1);
            client.data(1, part, true).flush();
            awaitPingAck(client, 2);

            // the connection still serves
            client.headers(3, RawHttp2Client.request("GET", "a.example", "/next"), true).flush();
            assertThat(client.awaitResponse(3).status()).isEqualTo(200);
        }
    }

    /** Pings and reads up to the answer: the server has read everything sent before. */
    private static void awaitPingAck(RawHttp2Client client, long opaque) throws IOException {
        client.ping(opaque).flush();
        while (true) {
            RawHttp2Client.Frame frame = client.readFrame();
            if (frame.type() == RawHttp2Client.PING && (frame.flags() & RawHttp2Client.FLAG_ACK) != 0) {
                return;
            }
        }
    }
}
