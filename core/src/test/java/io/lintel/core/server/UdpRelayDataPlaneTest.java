package io.lintel.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrPassthrough;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrTlsRoute;
import io.lintel.core.route.SocketKey;
import io.lintel.core.testing.UdpClient;
import io.lintel.core.testing.UdpEchoBackend;
import io.lintel.core.udp.UdpCounters;
import io.lintel.core.udp.UdpSettings;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * UDP sockets (UDPRoutes) over real sockets on loopback, relaying to UDP echo backends: datagrams both ways, one flow
 * (and one backend) per client address:port, weights, the first route taking every flow, idle flows expiring, the
 * bounds on flows and datagram size, configuration reloads (new flows follow the change, flows of a route that is gone
 * are closed, a removed socket closes its flows), and a UDP socket beside a TCP socket of the same port.
 */
@ExtendWith(NettyLeakDetection.class)
class UdpRelayDataPlaneTest {

    /**
     * Short, so that expiry is seen quickly (waits go through awaitility, never a sleep); only the expiry test uses it,
     * the others keep the default (60 s) so that a slow machine cannot expire a flow they still use.
     */
    private static final Duration IDLE = Duration.ofSeconds(1);

    private LoopbackDataPlane dataPlane;
    private UdpEchoBackend echoA;
    private UdpEchoBackend echoB;
    private final List<UdpClient> clients = new ArrayList<>();
    private int port;

    @BeforeEach
    void start() throws Exception {
        echoA = new UdpEchoBackend("A");
        echoB = new UdpEchoBackend("B");
        startDataPlane(UdpSettings.DEFAULTS);
    }

    private void startDataPlane(UdpSettings settings) throws Exception {
        if (dataPlane != null) {
            dataPlane.close();
        }
        dataPlane = LoopbackDataPlane.start(settings);
        port = dataPlane.port();
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(UdpClient::close);
        dataPlane.close();
        echoA.close();
        echoB.close();
    }

    private UdpClient client() throws Exception {
        UdpClient client = new UdpClient(port);
        clients.add(client);
        return client;
    }

    private static IrBackend backend(String name, int weight, int backendPort) {
        return new IrBackend("infra/" + name + ":8080", weight, "", List.of(new IrEndpoint("127.0.0.1", backendPort)),
                0, List.of());
    }

    private static IrTlsRoute route(String name, IrBackend... backends) {
        return new IrTlsRoute("udproute/infra/" + name, "*", List.of(backends));
    }

    private static IrSocket udpSocket(int port, IrTlsRoute... routes) {
        return new IrSocket("127.0.0.1", port, IrProtocol.UDP, List.of(IrListener.passthrough(
                "gateway/infra/gw/listener/udp", "*", new IrPassthrough(List.of(routes)))));
    }

    private void applyUdp(IrTlsRoute... routes) {
        dataPlane.apply(new Ir(List.of(udpSocket(port, routes))));
    }

    private UdpCounters counters() {
        return dataPlane.dataPlane().datagramCounters(new SocketKey("127.0.0.1", port));
    }

    @Test
    void relaysDatagramsBothWays() throws Exception {
        applyUdp(route("echo", backend("a", 1, echoA.port())));

        UdpClient client = client();
        assertThat(client.exchange("ping")).isEqualTo("A:ping");
        assertThat(client.exchange("again")).isEqualTo("A:again");
        assertThat(counters().flowsOpened()).isEqualTo(1);
    }

    @Test
    void keepsOneFlowAndOneBackendPerClient() throws Exception {
        applyUdp(route("echo", backend("a", 1, echoA.port()), backend("b", 1, echoB.port())));

        List<String> backendsSeen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UdpClient client = client();
            String first = client.exchange("hello").substring(0, 1);
            for (int j = 0; j < 5; j++) {
                // every datagram of one client goes to the backend its flow picked
                assertThat(client.exchange("n" + j)).isEqualTo(first + ":n" + j);
            }
            backendsSeen.add(first);
        }
        assertThat(counters().flowsOpened()).isEqualTo(4);
        assertThat(counters().flowsOpen()).isEqualTo(4);
        // each flow reaches its backend from a socket of its own
        assertThat(echoA.senders().size() + echoB.senders().size()).isEqualTo(4);
    }

    @Test
    void picksBackendsByWeightAndNeverOneOfWeightZero() throws Exception {
        applyUdp(route("echo", backend("a", 1, echoA.port()), backend("b", 0, echoB.port())));

        for (int i = 0; i < 20; i++) {
            assertThat(client().exchange("x")).isEqualTo("A:x");
        }
        assertThat(echoB.senders()).isEmpty();
    }

    @Test
    void spreadsFlowsOverBackendsOfEqualWeight() throws Exception {
        applyUdp(route("echo", backend("a", 1, echoA.port()), backend("b", 1, echoB.port())));

        Set<String> seen = new HashSet<>();
        // 40 flows all on one backend of two of equal weight: odds of 2^-39
        for (int i = 0; i < 40; i++) {
            seen.add(client().exchange("x"));
        }
        assertThat(seen).containsExactlyInAnyOrder("A:x", "B:x");
    }

    @Test
    void theFirstRouteTakesEveryFlow() throws Exception {
        applyUdp(route("older", backend("a", 1, echoA.port())), route("newer", backend("b", 1, echoB.port())));

        for (int i = 0; i < 5; i++) {
            assertThat(client().exchange("x")).isEqualTo("A:x");
        }
    }

    @Test
    void closesIdleFlowsAndStartsANewOneOnTheNextDatagram() throws Exception {
        startDataPlane(UdpSettings.DEFAULTS.withFlowIdleTimeout(IDLE));
        applyUdp(route("echo", backend("a", 1, echoA.port())));
        UdpClient client = client();
        assertThat(client.exchange("one")).isEqualTo("A:one");
        assertThat(counters().flowsOpen()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).until(() -> counters().flowsOpen() == 0);

        assertThat(client.exchange("two")).isEqualTo("A:two");
        assertThat(counters().flowsOpened()).isEqualTo(2);
        // the new flow has a backend socket of its own
        assertThat(echoA.senders()).hasSize(2);
    }

    @Test
    void dropsDatagramsOfClientsBeyondTheFlowLimit() throws Exception {
        startDataPlane(UdpSettings.DEFAULTS.withMaxFlowsPerListener(1));
        applyUdp(route("echo", backend("a", 1, echoA.port())));
        UdpClient first = client();
        assertThat(first.exchange("in")).isEqualTo("A:in");

        client().send("out");

        await().atMost(Duration.ofSeconds(10)).until(() -> counters().flowsRejected() == 1);
        assertThat(counters().flowsOpened()).isEqualTo(1);
        assertThat(first.exchange("still")).isEqualTo("A:still");
    }

    @Test
    void dropsDatagramsLongerThanTheBound() throws Exception {
        startDataPlane(UdpSettings.DEFAULTS.withMaxDatagramBytes(100));
        applyUdp(route("echo", backend("a", 1, echoA.port())));
        UdpClient client = client();

        client.send(new byte[101]);
        await().atMost(Duration.ofSeconds(10)).until(() -> counters().oversized() == 1);

        // 98 bytes: the answer ("A:" before it) is 100, the most relayed back
        String fits = "x".repeat(98);
        assertThat(client.exchange(fits)).isEqualTo("A:" + fits);
        // the answer to 99 bytes is 101: dropped on its way back
        client.send("y".repeat(99));
        await().atMost(Duration.ofSeconds(10)).until(() -> counters().oversized() == 2);
    }

    @Test
    void dropsDatagramsWithoutARouteOrAUsableBackend() throws Exception {
        applyUdp();
        client().send("nowhere");
        await().atMost(Duration.ofSeconds(10)).until(() -> counters().unrouted() == 1);

        applyUdp(route("bad", new IrBackend("infra/missing:8080", 1, "", List.of(), 500, List.of())));
        client().send("invalid");
        await().atMost(Duration.ofSeconds(10)).until(() -> counters().unrouted() == 2);
        assertThat(counters().flowsOpened()).isZero();
    }

    @Test
    void aChangedRouteAppliesToNewFlowsAndExistingOnesKeepTheirBackend() throws Exception {
        applyUdp(route("echo", backend("a", 1, echoA.port())));
        UdpClient before = client();
        assertThat(before.exchange("x")).isEqualTo("A:x");

        applyUdp(route("echo", backend("b", 1, echoB.port())));

        assertThat(client().exchange("x")).isEqualTo("B:x");
        assertThat(before.exchange("y")).isEqualTo("A:y");
    }

    @Test
    void closesTheFlowsOfARouteThatIsGone() throws Exception {
        applyUdp(route("first", backend("a", 1, echoA.port())));
        UdpClient client = client();
        assertThat(client.exchange("x")).isEqualTo("A:x");

        applyUdp(route("second", backend("b", 1, echoB.port())));

        await().atMost(Duration.ofSeconds(10)).until(() -> counters().flowsOpen() == 0);
        assertThat(client.exchange("y")).isEqualTo("B:y");
    }

    @Test
    void closesTheFlowsOfARemovedSocket() throws Exception {
        applyUdp(route("echo", backend("a", 1, echoA.port())));
        assertThat(client().exchange("x")).isEqualTo("A:x");
        UdpCounters counters = counters();

        dataPlane.apply(Ir.EMPTY);

        await().atMost(Duration.ofSeconds(10)).until(() -> counters.flowsOpen() == 0);
        assertThat(dataPlane.dataPlane().datagramLocalAddress(new SocketKey("127.0.0.1", port))).isNull();
    }

    @Test
    void servesUdpBesideTcpOnTheSamePort() throws Exception {
        try (TcpEchoBackend tcpEcho = new TcpEchoBackend("T")) {
            IrSocket tcp = new IrSocket("127.0.0.1", port, IrProtocol.TCP, List.of(IrListener.passthrough(
                    "gateway/infra/gw/listener/tcp", "*", new IrPassthrough(List.of(new IrTlsRoute(
                            "tcproute/infra/echo", "*", List.of(backend("t", 1, tcpEcho.port()))))))));
            dataPlane.apply(new Ir(List.of(tcp, udpSocket(port, route("echo", backend("a", 1, echoA.port()))))));

            assertThat(client().exchange("x")).isEqualTo("A:x");
            try (LineClient line = LineClient.tcp(port)) {
                assertThat(line.readLine()).isEqualTo("hello T");
            }
        }
    }

    @Test
    void reportsABindFailureOfAUdpSocketAsItsOwn() throws Exception {
        try (DatagramSocket holder = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            List<String> errors = dataPlane.dataPlane().apply(new Ir(List.of(udpSocket(port,
                    route("echo", backend("a", 1, echoA.port()))))));

            assertThat(errors).singleElement().asString().contains(":" + port + " (UDP): ");
            assertThat(dataPlane.dataPlane().bindFailures()).singleElement()
                    .satisfies(failure -> assertThat(failure.datagram()).isTrue());
        }
    }
}
