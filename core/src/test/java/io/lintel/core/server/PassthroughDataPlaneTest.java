package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrPassthrough;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrTls;
import io.lintel.core.ir.IrTlsRoute;
import io.lintel.core.testing.TestTls;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TLS passthrough over real sockets on loopback: TLS backends with their own certificates behind a TLS socket, a JDK
 * TLS client that trusts only the backend's certificate (so a completed handshake proves the gateway relayed TLS
 * without terminating it), routing by SNI (exact before wildcard), rejection without a route, a socket shared with an
 * HTTPS listener, bulk data with backpressure, and relayed connections surviving a reload.
 */
@ExtendWith(NettyLeakDetection.class)
class PassthroughDataPlaneTest {

    private static final TestTls.Pem A = TestTls.selfSigned("a.test");
    private static final TestTls.Pem WILD = TestTls.selfSigned("*.wild.test");
    private static final TestTls.Pem SECURE = TestTls.selfSigned("secure.test");

    private LoopbackDataPlane dataPlane;
    private TlsEchoBackend backendA;
    private TlsEchoBackend backendWild;
    private TestBackend httpBackend;
    private int port;

    @BeforeEach
    void start() throws Exception {
        backendA = new TlsEchoBackend("A", A);
        backendWild = new TlsEchoBackend("WILD", WILD);
        httpBackend = new TestBackend("S");
        dataPlane = LoopbackDataPlane.start();
        port = dataPlane.port();
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backendA.close();
        backendWild.close();
        httpBackend.close();
    }

    private static IrTlsRoute route(String name, String hostname, int backendPort) {
        return new IrTlsRoute("tlsroute/infra/" + name, hostname, List.of(new IrBackend("infra/" + name + ":443", 1, "",
                List.of(new IrEndpoint("127.0.0.1", backendPort)), 0, List.of())));
    }

    private IrListener passthrough(IrTlsRoute... routes) {
        return IrListener.passthrough("gateway/infra/gw/listener/tls", "*", new IrPassthrough(List.of(routes)));
    }

    private IrListener secureHttps() {
        return new IrListener("gateway/infra/gw/listener/https", "secure.test",
                List.of(vhost("*", prefix("/", rule("rule-s", backend("s", 1, httpBackend.port()))))),
                Optional.of(new IrTls(List.of(IrCertificate.of("infra/secure", SECURE.material())))));
    }

    private void apply(IrListener... listeners) {
        dataPlane.serve(IrProtocol.TLS, listeners);
    }

    private void applyDefault() {
        apply(passthrough(route("a", "a.test", backendA.port()), route("wild", "*.wild.test", backendWild.port()),
                route("wild-shadowed", "*.test", backendA.port())));
    }

    @Test
    void relaysTlsUntouchedToTheBackendOfTheServerName() throws Exception {
        applyDefault();

        try (TlsClient client = new TlsClient(port, "a.test", A)) {
            assertThat(client.serverCertificate()).isEqualTo(A.certificate());
            assertThat(client.get("a.test", "/")).isEqualTo("200 A");
            assertThat(client.get("a.test", "/again")).isEqualTo("200 A");
        }
        try (TlsClient client = new TlsClient(port, "x.wild.test", WILD)) {
            assertThat(client.serverCertificate()).isEqualTo(WILD.certificate());
            assertThat(client.get("x.wild.test", "/")).isEqualTo("200 WILD");
        }
    }

    @Test
    void exactServerNameBeatsWildcards() throws Exception {
        apply(passthrough(route("wild", "*.test", backendWild.port()), route("a", "a.test", backendA.port())));

        try (TlsClient client = new TlsClient(port, "a.test", A)) {
            assertThat(client.get("a.test", "/")).isEqualTo("200 A");
        }
    }

    @Test
    void closesConnectionsWithoutServerNameOrRoute() {
        apply(passthrough(route("a", "a.test", backendA.port())));

        assertThatThrownBy(() -> new TlsClient(port, "other.example", A).close()).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new TlsClient(port, null, A).close()).isInstanceOf(IOException.class);
        assertThat(backendA.connections()).isZero();
    }

    @Test
    void closesConnectionsWhoseRouteHasNoUsableBackend() {
        IrTlsRoute invalid = new IrTlsRoute("tlsroute/infra/bad", "a.test", List.of(
                new IrBackend("infra/missing:443", 1, "", List.of(), 500, List.of())));
        apply(passthrough(invalid));

        assertThatThrownBy(() -> new TlsClient(port, "a.test", A).close()).isInstanceOf(IOException.class);
    }

    @Test
    void relaysBulkDataWithBackpressure() throws Exception {
        applyDefault();

        try (TlsClient client = new TlsClient(port, "a.test", A)) {
            String response = client.get("a.test", "/big");

            assertThat(response).startsWith("200 abcdefghijklmnopqrstuvwxyz");
            assertThat(response).hasSize("200 ".length() + TlsEchoBackend.BIG);
        }
    }

    @Test
    void sharesTheSocketWithAnHttpsListenerThatTerminates() throws Exception {
        apply(secureHttps(), passthrough(route("a", "*", backendA.port())));

        try (TlsClient client = new TlsClient(port, "secure.test", SECURE)) {
            assertThat(client.serverCertificate()).isEqualTo(SECURE.certificate());
            assertThat(client.get("secure.test", "/")).isEqualTo("200 S");
        }
        try (TlsClient client = new TlsClient(port, "a.test", A)) {
            assertThat(client.serverCertificate()).isEqualTo(A.certificate());
            assertThat(client.get("a.test", "/")).isEqualTo("200 A");
        }
    }

    @Test
    void relayedConnectionsSurviveReloads() throws Exception {
        applyDefault();

        try (TlsClient client = new TlsClient(port, "a.test", A)) {
            assertThat(client.get("a.test", "/")).isEqualTo("200 A");

            apply(passthrough(route("wild", "*.wild.test", backendWild.port())));

            assertThat(client.get("a.test", "/still")).isEqualTo("200 A");
            assertThatThrownBy(() -> new TlsClient(port, "a.test", A).close()).isInstanceOf(IOException.class);
        }
    }
}
