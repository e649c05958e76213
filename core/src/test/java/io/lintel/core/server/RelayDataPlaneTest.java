package io.lintel.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lintel.core.admin.GatewayMetrics;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrPassthrough;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrTls;
import io.lintel.core.ir.IrTlsRoute;
import io.lintel.core.testing.TestTls;
import java.util.Arrays;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Relayed connections over real sockets on loopback: TCP sockets (TCPRoutes) relaying to plain TCP echo backends that
 * speak first (weights, the first route taking every connection, rejection without a usable backend, bulk data with
 * backpressure, surviving a reload), and TLS listeners in Terminate mode that decrypt and relay to a plain TCP backend,
 * alone and beside a Passthrough listener on the same port.
 */
@ExtendWith(NettyLeakDetection.class)
class RelayDataPlaneTest {

    private static final TestTls.Pem TERMINATE = TestTls.selfSigned("terminate.test");
    private static final TestTls.Pem PASSTHROUGH = TestTls.selfSigned("pass.test");

    private LoopbackDataPlane dataPlane;
    private TcpEchoBackend echoA;
    private TcpEchoBackend echoB;
    private int port;

    @BeforeEach
    void start() throws Exception {
        echoA = new TcpEchoBackend("A");
        echoB = new TcpEchoBackend("B");
        dataPlane = LoopbackDataPlane.start();
        port = dataPlane.port();
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        echoA.close();
        echoB.close();
    }

    private static IrBackend backend(String name, int weight, int backendPort) {
        return new IrBackend("infra/" + name + ":3000", weight, "", List.of(new IrEndpoint("127.0.0.1", backendPort)), 0,
                List.of());
    }

    private static IrTlsRoute route(String name, String hostname, IrBackend... backends) {
        return new IrTlsRoute("tcproute/infra/" + name, hostname, List.of(backends));
    }

    private void applyTcp(IrTlsRoute... routes) {
        IrListener listener = IrListener.passthrough("gateway/infra/gw/listener/tcp", "*",
                new IrPassthrough(List.of(routes)));
        dataPlane.serve(IrProtocol.TCP, listener);
    }

    private void applyTls(IrListener... listeners) {
        dataPlane.serve(IrProtocol.TLS, listeners);
    }

    private static IrListener terminate(String hostname, IrTlsRoute... routes) {
        return new IrListener("gateway/infra/gw/listener/terminate", hostname, List.of(),
                Optional.of(new IrTls(List.of(IrCertificate.of("infra/terminate", TERMINATE.material())))),
                Optional.of(new IrPassthrough(List.of(routes))));
    }

    private void assertEveryConnectionReachesA(int connections) throws Exception {
        for (int i = 0; i < connections; i++) {
            try (LineClient client = LineClient.tcp(port)) {
                assertThat(client.readLine()).isEqualTo("hello A");
            }
        }
        assertThat(echoB.connections()).isZero();
    }

    @Test
    void relaysTcpBothWaysWithTheBackendSpeakingFirst() throws Exception {
        applyTcp(route("echo", "*", backend("a", 1, echoA.port())));

        try (LineClient client = LineClient.tcp(port)) {
            assertThat(client.readLine()).isEqualTo("hello A");
            assertThat(client.echo("ping")).isEqualTo("ping");
            assertThat(client.echo("again")).isEqualTo("again");
        }
    }

    @Test
    void countsRelayedConnectionsAndBytesByKindAndDirection() throws Exception {
        dataPlane.close();
        GatewayMetrics metrics = new GatewayMetrics();
        dataPlane = LoopbackDataPlane.start(metrics);
        port = dataPlane.port();
        applyTcp(route("echo", "*", backend("a", 1, echoA.port())));

        try (LineClient client = LineClient.tcp(port)) {
            assertThat(client.readLine()).isEqualTo("hello A");
            assertThat(client.echo("ping")).isEqualTo("ping");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scrape(metrics))
                    .contains("lintel_relay_connections{kind=\"tcp\"} 1.0")
                    .contains("lintel_relay_connections_opened_total{kind=\"tcp\"} 1.0")
                    .contains("lintel_relay_bytes_total{direction=\"to_backend\",kind=\"tcp\"} 5.0")
                    .contains("lintel_relay_bytes_total{direction=\"to_client\",kind=\"tcp\"} 13.0"));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scrape(metrics))
                .contains("lintel_relay_connections{kind=\"tcp\"} 0.0")
                .contains("lintel_relay_connections{kind=\"tls_passthrough\"} 0.0"));
    }

    private static String scrape(GatewayMetrics metrics) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        metrics.writeText(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void picksBackendsByWeightAndNeverOneOfWeightZero() throws Exception {
        applyTcp(route("echo", "*", backend("a", 1, echoA.port()), backend("b", 0, echoB.port())));

        assertEveryConnectionReachesA(20);
    }

    @Test
    void theFirstRouteTakesEveryConnection() throws Exception {
        applyTcp(route("older", "*", backend("a", 1, echoA.port())), route("newer", "*", backend("b", 1, echoB.port())));

        assertEveryConnectionReachesA(5);
    }

    @Test
    void closesConnectionsWithoutAUsableBackend() throws Exception {
        applyTcp(route("bad", "*", new IrBackend("infra/missing:3000", 1, "", List.of(), 500, List.of())));
        try (LineClient client = LineClient.tcp(port)) {
            assertThat(client.readLine()).isNull();
        }

        applyTcp();
        try (LineClient client = LineClient.tcp(port)) {
            assertThat(client.readLine()).isNull();
        }
    }

    @Test
    void relaysBulkDataWithBackpressure() throws Exception {
        applyTcp(route("echo", "*", backend("a", 1, echoA.port())));
        byte[] big = new byte[4 * 1024 * 1024];
        Arrays.fill(big, (byte) 'x');

        try (LineClient client = LineClient.tcp(port)) {
            assertThat(client.readLine()).isEqualTo("hello A");
            // written from another thread: the echo comes back while the client is still sending
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    client.write(big);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(client.readExactly(big.length)).isEqualTo(big);
            sent.join();
        }
    }

    @Test
    void relayedConnectionsSurviveReloads() throws Exception {
        applyTcp(route("echo", "*", backend("a", 1, echoA.port())));

        try (LineClient client = LineClient.tcp(port)) {
            assertThat(client.readLine()).isEqualTo("hello A");

            applyTcp(route("echo", "*", backend("b", 1, echoB.port())));

            assertThat(client.echo("still")).isEqualTo("still");
            try (LineClient next = LineClient.tcp(port)) {
                assertThat(next.readLine()).isEqualTo("hello B");
            }
        }
    }

    @Test
    void terminatesTlsAndRelaysTheDecryptedBytes() throws Exception {
        applyTls(terminate("terminate.test", route("echo", "terminate.test", backend("a", 1, echoA.port()))));

        try (LineClient client = LineClient.tls(port, "terminate.test", TERMINATE)) {
            assertThat(client.serverCertificate()).isEqualTo(TERMINATE.certificate());
            assertThat(client.readLine()).isEqualTo("hello A");
            assertThat(client.echo("ping")).isEqualTo("ping");
        }
    }

    @Test
    void terminatesAndPassesThroughOnOneSocketBySni() throws Exception {
        try (TlsEchoBackend tlsBackend = new TlsEchoBackend("P", PASSTHROUGH)) {
            IrListener passthrough = IrListener.passthrough("gateway/infra/gw/listener/passthrough", "pass.test",
                    new IrPassthrough(List.of(new IrTlsRoute("tlsroute/infra/pass", "pass.test",
                            List.of(backend("p", 1, tlsBackend.port()))))));
            applyTls(terminate("terminate.test", route("echo", "*", backend("a", 1, echoA.port()))), passthrough);

            try (LineClient client = LineClient.tls(port, "terminate.test", TERMINATE)) {
                assertThat(client.readLine()).isEqualTo("hello A");
                assertThat(client.echo("decrypted")).isEqualTo("decrypted");
            }
            try (TlsClient client = new TlsClient(port, "pass.test", PASSTHROUGH)) {
                assertThat(client.serverCertificate()).isEqualTo(PASSTHROUGH.certificate());
                assertThat(client.get("pass.test", "/")).isEqualTo("200 P");
            }
        }
    }
}
