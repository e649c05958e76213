package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrTls;
import io.lintel.core.route.SocketKey;
import io.lintel.core.store.Snapshot;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.testing.TestGatewayTls;
import io.lintel.core.testing.TestTls;
import io.lintel.core.translate.TranslationResult;
import io.lintel.core.translate.Translator;
import io.lintel.core.translate.TranslatorSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTPS sockets over real TLS on loopback: HTTP/1.1 and h2 (ALPN) with the JDK client, certificate selection by SNI
 * between listeners of one socket, a certificate change served to new connections while an established one keeps
 * running, and (through the translator) an invalid certificate that leaves the other listeners served.
 */
@ExtendWith(NettyLeakDetection.class)
class HttpsDataPlaneTest {

    private static final TestTls.Pem LOCALHOST = TestTls.selfSigned("localhost");
    private static final TestTls.Pem B = TestTls.selfSigned("b.test");
    private static final TestTls.Pem WILD = TestTls.selfSigned("*.wild.test");

    private LoopbackDataPlane dataPlane;
    private TestBackend backendA;
    private TestBackend backendB;
    private int port;
    private SSLContext trustAll;

    @BeforeEach
    void start() throws Exception {
        backendA = new TestBackend("A");
        backendB = new TestBackend("B");
        // misdirected-request detection is the gateway-tls plugin's
        dataPlane = LoopbackDataPlane.start(PluginRegistry.EMPTY.withGatewayTls(TestGatewayTls.DETECT_MISDIRECTED));
        port = dataPlane.port();
        trustAll = TlsClient.trusting(LOCALHOST, B, WILD);
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backendA.close();
        backendB.close();
    }

    private static IrListener listener(String name, String hostname, TestTls.Pem pem, int backendPort) {
        IrCertificate certificate = IrCertificate.of("infra/" + name, pem.material());
        return new IrListener(name, hostname,
                List.of(vhost("*", prefix("/", rule("rule-" + name, backend(name, 1, backendPort))))),
                Optional.of(new IrTls(List.of(certificate))));
    }

    private Ir https(IrListener... listeners) {
        return new Ir(List.of(new IrSocket("127.0.0.1", port, IrProtocol.HTTPS, List.of(listeners))));
    }

    /** Listeners most specific first, as the translator orders them. */
    private Ir threeListeners() {
        return https(listener("b", "b.test", B, backendB.port()),
                listener("wild", "*.wild.test", WILD, backendB.port()),
                listener("any", "*", LOCALHOST, backendA.port()));
    }

    private void apply(Ir ir) {
        dataPlane.apply(ir);
    }

    private HttpResponse<String> get(HttpClient.Version version, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trustAll).version(version).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHttp1OverTlsWithSchemeHttps() throws Exception {
        apply(threeListeners());

        HttpResponse<String> response = get(HttpClient.Version.HTTP_1_1, "/hello");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).isEqualTo("A");
        assertThat(backendA.lastHeaders().get("X-Forwarded-Proto")).containsExactly("https");
    }

    @Test
    void negotiatesH2ByAlpnAndStreamsBodies() throws Exception {
        apply(threeListeners());
        HttpClient client = HttpClient.newBuilder().sslContext(trustAll).version(HttpClient.Version.HTTP_2).build();
        byte[] upload = new byte[1024 * 1024];
        new Random(7).nextBytes(upload);

        HttpResponse<String> response = get(HttpClient.Version.HTTP_2, "/h2");
        HttpResponse<byte[]> echoed = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/echo"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("A");
        assertThat(backendA.lastHeaders().get("X-Forwarded-Proto")).containsExactly("https");
        assertThat(echoed.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(echoed.body()).isEqualTo(upload);
    }

    @Test
    void sniSelectsTheMostSpecificListenersCertificate() throws Exception {
        apply(threeListeners());

        assertThat(serverCertificate("b.test")).isEqualTo(B.certificate());
        assertThat(serverCertificate("B.Test")).isEqualTo(B.certificate());
        assertThat(serverCertificate("x.wild.test")).isEqualTo(WILD.certificate());
        assertThat(serverCertificate("localhost")).isEqualTo(LOCALHOST.certificate());
        assertThat(serverCertificate("unknown.test")).as("no listener for the name: the catch-all's")
                .isEqualTo(LOCALHOST.certificate());
        assertThat(serverCertificate(null)).as("no SNI: the catch-all's").isEqualTo(LOCALHOST.certificate());
    }

    @Test
    void withoutCatchAllAnUnknownServerNameGetsTheFirstListenersCertificate() throws Exception {
        apply(https(listener("b", "b.test", B, backendB.port()), listener("wild", "*.wild.test", WILD, backendB.port())));

        assertThat(serverCertificate(null)).isEqualTo(B.certificate());
        assertThat(serverCertificate("x.wild.test")).isEqualTo(WILD.certificate());
    }

    @Test
    void refusesHostileRequestsOverTlsAsOnClearText() throws Exception {
        apply(threeListeners());
        // the HTTP/1.1 pipeline after ALPN has the head scan (obs-fold) and the request guard (repeated Host)
        try (TlsClient client = new TlsClient(port, "b.test", LOCALHOST, B, WILD)) {
            assertThat(client.get("b.test\r\nX-A: 1\r\n 2", "/")).startsWith("400 ");
        }
        try (TlsClient client = new TlsClient(port, "b.test", LOCALHOST, B, WILD)) {
            assertThat(client.get("b.test\r\nHost: b.test", "/")).startsWith("400 ");
        }
        try (TlsClient client = new TlsClient(port, "b.test", LOCALHOST, B, WILD)) {
            assertThat(client.get("b.test", "/x/../%2e%2e/y")).isEqualTo("200 B");
        }
    }

    @Test
    void routesByHostAndAnswers421WhenTheHostBelongsToAnotherListenerThanTheSni() throws Exception {
        apply(threeListeners());

        try (TlsClient client = new TlsClient(port, "b.test", LOCALHOST, B, WILD)) {
            assertThat(client.get("b.test", "/")).isEqualTo("200 B");
            // the connection was set up for listener b (its certificate, its TLS settings): misdirected (GEP-3567)
            assertThat(client.get("localhost", "/")).startsWith("421 ");
        }
        try (TlsClient client = new TlsClient(port, null, LOCALHOST, B, WILD)) {
            // without SNI, listener isolation is by Host, as on clear text
            assertThat(client.get("b.test", "/")).isEqualTo("200 B");
            assertThat(client.get("localhost", "/")).isEqualTo("200 A");
        }
    }

    @Test
    void changedCertificateServesNewConnectionsWhileEstablishedOnesKeepRunning() throws Exception {
        apply(threeListeners());
        TestTls.Pem renewed = TestTls.selfSigned("b.test");

        try (TlsClient established = new TlsClient(port, "b.test", LOCALHOST, B, WILD, renewed)) {
            assertThat(established.get("b.test", "/")).isEqualTo("200 B");

            apply(https(listener("b", "b.test", renewed, backendB.port()),
                    listener("any", "*", LOCALHOST, backendA.port())));

            assertThat(serverCertificate("b.test", renewed)).isEqualTo(renewed.certificate());
            assertThat(established.serverCertificate()).isEqualTo(B.certificate());
            assertThat(established.get("b.test", "/again")).isEqualTo("200 B");
        }
        assertThat(dataPlane.dataPlane().boundSockets()).containsExactly(new SocketKey("127.0.0.1", port));
    }

    @Test
    void clientsThatDoNotTrustTheCertificateFailOnlyTheirHandshake() throws Exception {
        apply(threeListeners());
        assertThatThrownBy(() -> new TlsClient(port, "localhost", B).close()).isInstanceOf(SSLException.class);
        assertThat(get(HttpClient.Version.HTTP_1_1, "/still").body()).isEqualTo("A");
    }

    @Test
    void aListenerWithAnInvalidCertificateIsNotServedAndTheOthersAre() throws Exception {
        String yaml = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: lintel}
                spec: {controllerName: lintel.io/gateway-controller}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: gw, namespace: infra}
                spec:
                  gatewayClassName: lintel
                  addresses: [{type: IPAddress, value: 127.0.0.1}]
                  listeners:
                  - {name: good, port: PORT, protocol: HTTPS, tls: {certificateRefs: [{name: good}]}}
                  - name: bad
                    port: PORT
                    hostname: b.test
                    protocol: HTTPS
                    tls: {certificateRefs: [{name: bad}]}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: good, namespace: infra}
                type: kubernetes.io/tls
                data: {tls.crt: CRT, tls.key: KEY}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: bad, namespace: infra}
                type: kubernetes.io/tls
                data: {tls.crt: SGVsbG8gd29ybGQK, tls.key: SGVsbG8gd29ybGQK}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: web, namespace: infra}
                spec:
                  parentRefs: [{name: gw}]
                  rules: [{backendRefs: [{name: echo, port: 80}]}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: echo, namespace: infra}
                spec: {ports: [{port: 80}]}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: echo-1
                  namespace: infra
                  labels: {kubernetes.io/service-name: echo}
                addressType: IPv4
                ports: [{port: BACKEND}]
                endpoints: [{addresses: [127.0.0.1]}]
                """
                .replace("PORT", Integer.toString(port))
                .replace("BACKEND", Integer.toString(backendA.port()))
                .replace("CRT", base64(LOCALHOST.certificatePem()))
                .replace("KEY", base64(LOCALHOST.keyPem()));
        TranslationResult result = new Translator(new TranslatorSettings(TranslatorSettings.DEFAULT_CONTROLLER_NAME,
                "127.0.0.1"), TestTls.REGISTRY).translate(Snapshot.of(GoldenFiles.documents("test", yaml)), Instant.now());

        apply(result.ir());

        assertThat(result.ir().sockets()).as("IR of %s", result).singleElement().satisfies(s -> assertThat(s.listeners())
                .extracting(IrListener::name).containsExactly("gateway/infra/gw/listener/good"));
        assertThat(serverCertificate("b.test")).isEqualTo(LOCALHOST.certificate());
        assertThat(get(HttpClient.Version.HTTP_2, "/").body()).isEqualTo("A");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private java.security.cert.Certificate serverCertificate(String serverName) throws Exception {
        return serverCertificate(serverName, LOCALHOST, B, WILD);
    }

    private java.security.cert.Certificate serverCertificate(String serverName, TestTls.Pem... trusted)
            throws Exception {
        try (TlsClient client = new TlsClient(port, serverName, trusted)) {
            return client.serverCertificate();
        }
    }
}
