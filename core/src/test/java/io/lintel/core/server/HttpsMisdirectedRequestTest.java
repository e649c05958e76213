package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrTls;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.testing.TestGatewayTls;
import io.lintel.core.testing.TestTls;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Misdirected requests (GEP-3567) on the wire: on an HTTPS socket with several listeners, a request whose Host
 * selects another listener than the TLS server name did is answered 421 and the connection stays usable; without SNI,
 * or with a single listener on the socket, nothing is checked.
 */
@ExtendWith(NettyLeakDetection.class)
class HttpsMisdirectedRequestTest {

    private static final TestTls.Pem CERTIFICATE = TestTls.selfSigned("a.example.com", "b.example.com", "*.example.com");

    private LoopbackDataPlane dataPlane;
    private TestBackend backendA;
    private TestBackend backendB;
    private int port;

    @BeforeEach
    void start() throws Exception {
        backendA = new TestBackend("A");
        backendB = new TestBackend("B");
        // misdirected-request detection is the gateway-tls plugin's
        dataPlane = LoopbackDataPlane.start(PluginRegistry.EMPTY.withGatewayTls(TestGatewayTls.DETECT_MISDIRECTED));
        port = dataPlane.port();
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backendA.close();
        backendB.close();
    }

    private IrListener listener(String name, String hostname, TestBackend backend) {
        return new IrListener(name, hostname,
                List.of(vhost("*", prefix("/", rule("rule-" + name, backend("b-" + name, 1, backend.port()))))),
                Optional.of(new IrTls(List.of(IrCertificate.of("infra/cert", CERTIFICATE.material())))));
    }

    private void serve(IrListener... listeners) {
        dataPlane.serve(IrProtocol.HTTPS, listeners);
    }

    @Test
    void aHostOfAnotherListenerGets421AndTheConnectionGoesOn() throws Exception {
        serve(listener("a", "a.example.com", backendA), listener("wild", "*.example.com", backendB));

        try (TlsClient client = new TlsClient(port, "a.example.com", CERTIFICATE)) {
            assertThat(client.get("a.example.com", "/")).startsWith("200 ").contains("A");
            assertThat(client.get("b.example.com", "/")).startsWith("421 ");
            assertThat(client.get("A.Example.com:443", "/")).startsWith("200 ").contains("A");
        }
        try (TlsClient client = new TlsClient(port, "c.example.com", CERTIFICATE)) {
            // both names select the wildcard listener: not misdirected
            assertThat(client.get("b.example.com", "/")).startsWith("200 ").contains("B");
            assertThat(client.get("a.example.com", "/")).startsWith("421 ");
        }
    }

    @Test
    void aHostNoListenerTakesIsMisdirectedWhenTheServerNameChoseOne() throws Exception {
        serve(listener("a", "a.example.com", backendA), listener("b", "b.example.com", backendB));

        try (TlsClient client = new TlsClient(port, "b.example.com", CERTIFICATE)) {
            assertThat(client.get("unknown.test", "/")).startsWith("421 ");
        }
    }

    @Test
    void withoutServerNameNothingIsChecked() throws Exception {
        serve(listener("a", "a.example.com", backendA), listener("b", "b.example.com", backendB));

        try (TlsClient client = new TlsClient(port, null, CERTIFICATE)) {
            assertThat(client.get("b.example.com", "/")).startsWith("200 ").contains("B");
            assertThat(client.get("a.example.com", "/")).startsWith("200 ").contains("A");
        }
    }

    @Test
    void aSocketWithOneListenerChecksNothing() throws Exception {
        serve(listener("a", "a.example.com", backendA));

        try (TlsClient client = new TlsClient(port, "a.example.com", CERTIFICATE)) {
            assertThat(client.get("other.test", "/")).startsWith("404 ");
        }
    }
}
