package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrTls;
import io.lintel.core.ir.IrTlsOptions;
import io.lintel.core.testing.TestTls;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A listener's {@code tls.options} on the wire: real JDK TLS clients that offer only what the options exclude are
 * refused at the handshake, those that offer what they allow are served.
 */
@ExtendWith(NettyLeakDetection.class)
class HttpsTlsOptionsTest {

    private static final TestTls.Pem LOCALHOST = TestTls.selfSigned("localhost");

    private LoopbackDataPlane dataPlane;
    private TestBackend backend;
    private int port;

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend("A");
        dataPlane = LoopbackDataPlane.start();
        port = dataPlane.port();
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backend.close();
    }

    private void serve(Optional<IrTlsOptions> options) {
        IrCertificate certificate = IrCertificate.of("infra/localhost", LOCALHOST.material());
        IrListener listener = new IrListener("https", "*",
                List.of(vhost("*", prefix("/", rule("rule-https", backend("a", 1, backend.port()))))),
                Optional.of(new IrTls(List.of(certificate), options)));
        dataPlane.serve(IrProtocol.HTTPS, listener);
    }

    /** Handshakes offering only these protocols and suites; returns the session, or throws. */
    private SSLSession handshake(String[] protocols, String... cipherSuites) throws Exception {
        try (SSLSocket socket = (SSLSocket) TlsClient.trusting(LOCALHOST).getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            socket.setEnabledProtocols(protocols);
            if (cipherSuites.length > 0) {
                socket.setEnabledCipherSuites(cipherSuites);
            }
            socket.startHandshake();
            return socket.getSession();
        }
    }

    @Test
    void minimumVersionOneThreeRefusesAClientThatOffersOnlyTlsOneTwo() throws Exception {
        serve(Optional.of(new IrTlsOptions(Optional.of("TLSv1.3"), List.of())));

        assertThatThrownBy(() -> handshake(new String[] {"TLSv1.2"})).isInstanceOf(IOException.class);
        assertThat(handshake(new String[] {"TLSv1.3", "TLSv1.2"}).getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void withoutOptionsTlsOneTwoIsServed() throws Exception {
        serve(Optional.empty());

        assertThat(handshake(new String[] {"TLSv1.2"}).getProtocol()).isEqualTo("TLSv1.2");
    }

    @Test
    void cipherSuitesRefuseAClientOfferingOnlyOthersAndServeTheListedOne() throws Exception {
        serve(Optional.of(new IrTlsOptions(Optional.empty(), List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"))));

        assertThatThrownBy(() -> handshake(new String[] {"TLSv1.2"}, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))
                .isInstanceOf(SSLException.class);
        assertThat(handshake(new String[] {"TLSv1.2"}, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384").getCipherSuite())
                .isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
    }
}
