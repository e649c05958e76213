package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.route.SocketKey;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link NettyDataPlane#retryFailedBinds} on real loopback sockets. */
@ExtendWith(NettyLeakDetection.class)
class BindRetryDataPlaneTest {

    private TestBackend backend;
    private LoopbackDataPlane dataPlane;

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend("A");
        dataPlane = LoopbackDataPlane.start();
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backend.close();
    }

    private Ir routeAllTo(int... socketPorts) {
        IrSocket[] sockets = Arrays.stream(socketPorts).mapToObj(port -> socket("127.0.0.1", port,
                listener("l" + port, "*", vhost("*", prefix("/", rule("rule-all", backend("b", 1, backend.port())))))))
                .toArray(IrSocket[]::new);
        return ir(sockets);
    }

    @Test
    void retryBindsTheSocketOnceItIsFreeAndServesIt() throws Exception {
        int free = dataPlane.port();
        NettyDataPlane plane = dataPlane.dataPlane();
        SocketKey taken;
        try (ServerSocket blocker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            taken = new SocketKey("127.0.0.1", blocker.getLocalPort());
            assertThat(plane.apply(routeAllTo(free, taken.port()))).singleElement().asString()
                    .startsWith(taken + ": ");
            assertThat(plane.bindFailures()).extracting(BindFailure::socket).containsExactly(taken);

            // still held: still failing, and what was bound stays bound
            assertThat(plane.retryFailedBinds()).extracting(BindFailure::socket).containsExactly(taken);
            assertThat(plane.boundSockets()).containsExactly(new SocketKey("127.0.0.1", free));
        }

        assertThat(plane.retryFailedBinds()).isEmpty();

        assertThat(plane.bindFailures()).isEmpty();
        assertThat(plane.boundSockets()).containsExactlyInAnyOrder(new SocketKey("127.0.0.1", free), taken);
        assertThat(RawHttp.body(RawHttp.get(taken.port(), "h", "/"))).isEqualTo("A");
    }

    @Test
    void aNewConfigurationForgetsTheFailuresOfTheOldOne() throws Exception {
        NettyDataPlane plane = dataPlane.dataPlane();
        try (ServerSocket blocker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            plane.apply(routeAllTo(blocker.getLocalPort()));
            assertThat(plane.bindFailures()).hasSize(1);

            plane.apply(routeAllTo(dataPlane.port()));

            assertThat(plane.bindFailures()).isEmpty();
        }
        // the port the old configuration wanted is free now, and nothing binds it
        assertThat(plane.retryFailedBinds()).isEmpty();
        assertThat(plane.boundSockets()).containsExactly(new SocketKey("127.0.0.1", dataPlane.port()));
    }

    /**
     * The two kinds of bind failure the Gateway status tells apart, as the transport really reports them: a port
     * another socket holds, and an address no interface of this host holds (TEST-NET-2, RFC 5737).
     */
    @Test
    void aBindFailureSaysWhetherTheAddressIsNotTheHosts() throws Exception {
        String notLocal = "198.51.100.77";
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.net.NetworkInterface.getByInetAddress(InetAddress.getByName(notLocal)) == null,
                notLocal + " is an address of this host");
        NettyDataPlane plane = dataPlane.dataPlane();
        try (ServerSocket blocker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = blocker.getLocalPort();
            plane.apply(ir(socket(notLocal, port, listener("elsewhere", "*", vhost("*",
                            prefix("/", rule("r", backend("b", 1, backend.port())))))),
                    socket("127.0.0.1", port, listener("held", "*", vhost("*",
                            prefix("/", rule("r", backend("b", 1, backend.port()))))))));

            assertThat(plane.bindFailures()).hasSize(2).allSatisfy(failure -> assertThat(failure.addressNotAvailable())
                    .as("%s", failure).isEqualTo(failure.socket().address().equals(notLocal)));
        }
    }
}
