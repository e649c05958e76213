package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrBackendTls;
import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrRouteMatch;
import io.lintel.core.ir.IrSubjectAltName;
import io.lintel.core.ir.IrTlsOptions;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.testing.TestCertificateAuthority;
import io.lintel.core.testing.TlsEchoBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS from the data plane to real HTTPS backends on loopback: trust by CA, identity by hostname or by
 * subjectAltNames (DNS and URI/SPIFFE), SNI, a backend that requires a client certificate, and a failed handshake
 * answered 502.
 */
@ExtendWith(NettyLeakDetection.class)
class BackendTlsProxyTest {

    private static final String SPIFFE_ID = "spiffe://cluster.test/ns/infra/sa/backend";

    private static TestCertificateAuthority ca;
    private static TestCertificateAuthority otherCa;
    private static TestCertificateAuthority clientCa;
    private static TlsEchoBackend backend;
    private static TlsEchoBackend mutualBackend;
    /** Speaks TLS 1.2 only. */
    private static TlsEchoBackend tls12Backend;
    private static IrCertificate clientCertificate;
    private static NettyDataPlane dataPlane;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        ca = new TestCertificateAuthority("backend-ca");
        otherCa = new TestCertificateAuthority("other-ca");
        clientCa = new TestCertificateAuthority("client-ca");
        backend = new TlsEchoBackend(ca.issue(List.of("backend.test"), List.of(SPIFFE_ID)), null);
        mutualBackend = new TlsEchoBackend(ca.issue(List.of("mutual.test"), List.of()), clientCa.certificate());
        tls12Backend = new TlsEchoBackend(ca.issue(List.of("backend.test"), List.of()), null, "TLSv1.2");
        clientCertificate = IrCertificate.of("infra/client", clientCa.issue(List.of(), List.of()).material());
        port = RawHttp.freePort();
        dataPlane = new NettyDataPlane(new EventLoops(1, true), PluginRegistry.EMPTY, ProxyMetrics.NOOP,
                DataPlaneSettings.DEFAULTS);
        List<IrRouteMatch> routes = new ArrayList<>();
        routes.add(route("/hostname", backend.port(), tls("backend.test", List.of(), ca)));
        routes.add(route("/wrong-ca", backend.port(), tls("backend.test", List.of(), otherCa)));
        routes.add(route("/wrong-hostname", backend.port(), tls("other.test", List.of(), ca)));
        routes.add(route("/uri-san", backend.port(), tls("sni.test",
                List.of(new IrSubjectAltName(IrSubjectAltName.Type.URI, SPIFFE_ID)), ca)));
        routes.add(route("/dns-san", backend.port(), tls("sni.test",
                List.of(new IrSubjectAltName(IrSubjectAltName.Type.URI, "spiffe://cluster.test/other"),
                        new IrSubjectAltName(IrSubjectAltName.Type.HOSTNAME, "backend.test")), ca)));
        routes.add(route("/san-mismatch", backend.port(), tls("backend.test",
                List.of(new IrSubjectAltName(IrSubjectAltName.Type.URI, "spiffe://cluster.test/other")), ca)));
        routes.add(route("/mutual", mutualBackend.port(),
                tls("mutual.test", List.of(), ca).withClientCertificate(clientCertificate)));
        routes.add(route("/mutual-without-certificate", mutualBackend.port(), tls("mutual.test", List.of(), ca)));
        // BackendTLSPolicy options, with the listener's keys and meanings
        routes.add(route("/tls13-only", backend.port(), tls("backend.test", List.of(), ca,
                new IrTlsOptions(Optional.of("TLSv1.3"), List.of()))));
        routes.add(route("/tls13-only-to-tls12", tls12Backend.port(), tls("backend.test", List.of(), ca,
                new IrTlsOptions(Optional.of("TLSv1.3"), List.of()))));
        routes.add(route("/tls12-to-tls12", tls12Backend.port(), tls("backend.test", List.of(), ca,
                new IrTlsOptions(Optional.of("TLSv1.2"), List.of()))));
        routes.add(route("/one-cipher", tls12Backend.port(), tls("backend.test", List.of(), ca,
                new IrTlsOptions(Optional.empty(), List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")))));
        assertThat(dataPlane.apply(ir(socket("127.0.0.1", port,
                listener("l", "*", vhost("*", routes.toArray(IrRouteMatch[]::new))))))).isEmpty();
    }

    @AfterAll
    static void stop() {
        dataPlane.close();
        backend.close();
        mutualBackend.close();
        tls12Backend.close();
    }

    private static IrBackendTls tls(String hostname, List<IrSubjectAltName> sans, TestCertificateAuthority trusted) {
        return tls(hostname, sans, trusted, null);
    }

    private static IrBackendTls tls(String hostname, List<IrSubjectAltName> sans, TestCertificateAuthority trusted,
            IrTlsOptions options) {
        return new IrBackendTls("infra/policy", hostname, sans, false, List.of("infra/ConfigMap/ca"),
                "sha256:" + trusted.certificate().getSerialNumber(), List.of(trusted.certificate()), Optional.empty(),
                Optional.ofNullable(options));
    }

    private static IrRouteMatch route(String path, int backendPort, IrBackendTls tls) {
        IrBackend irBackend = new IrBackend("infra/backend:443", 1, "", List.of(new IrEndpoint("127.0.0.1", backendPort)),
                0, List.of(), Optional.of(tls));
        return prefix(path, rule("rule" + path, irBackend));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The hostname verified and sent as SNI; a URI SAN (SPIFFE ID) or one of several SANs accepted whatever the
     * hostname; the client certificate presented to a backend that requires one.
     */
    @ParameterizedTest
    @CsvSource({
        "/hostname, sni=backend.test;client=none",
        "/uri-san, sni=sni.test;client=none",
        "/dns-san, sni=sni.test;client=none",
        "/mutual, sni=mutual.test;client=CN=leaf-"})
    void reachesTheBackendOverTls(String path, String bodyStart) throws Exception {
        // twice: the second request goes over the pooled TLS connection
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith(bodyStart);
        }
    }

    /** Another CA, another name, none of the SANs, no client certificate for a backend that requires one. */
    @ParameterizedTest
    @ValueSource(strings = {"/wrong-ca", "/wrong-hostname", "/san-mismatch", "/mutual-without-certificate"})
    void answers502WhenTheHandshakeFails(String path) throws Exception {
        assertThat(get(path).statusCode()).isEqualTo(502);
    }

    /** {@code lintel.io/min-tls-version}: 1.3 is what is negotiated with a backend that can, and 1.2 is refused. */
    @org.junit.jupiter.api.Test
    void theMinimumVersionOfThePolicyOptionsBoundsTheHandshake() throws Exception {
        HttpResponse<String> tls13 = get("/tls13-only");
        assertThat(tls13.statusCode()).isEqualTo(200);
        assertThat(tls13.headers().firstValue("x-tls-protocol")).contains("TLSv1.3");

        assertThat(get("/tls13-only-to-tls12").statusCode()).isEqualTo(502);

        HttpResponse<String> tls12 = get("/tls12-to-tls12");
        assertThat(tls12.statusCode()).isEqualTo(200);
        assertThat(tls12.headers().firstValue("x-tls-protocol")).contains("TLSv1.2");
    }

    /** {@code lintel.io/cipher-suites}: the only suite offered is the one negotiated (TLS 1.2, where it applies). */
    @org.junit.jupiter.api.Test
    void theCipherSuitesOfThePolicyOptionsAreTheOnesOffered() throws Exception {
        HttpResponse<String> response = get("/one-cipher");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-tls-cipher")).contains("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
    }
}
