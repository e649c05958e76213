package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintel.core.testing.TestCertificateAuthority;
import io.lintel.core.testing.TlsEchoBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route kinds are plugins: TLSRoute is served by the {@code route-tls} plugin directory, and only by it. A copy of the
 * distribution runs a Gateway with a TLS passthrough listener (any kind), a second one whose {@code allowedRoutes.kinds}
 * names TLSRoute, and a TLSRoute to a TLS echo backend. With every plugin, the TLSRoute is accepted and a client's TLS
 * connection reaches the backend with its SNI name; with {@code plugins/route-tls} removed, the listeners do not list
 * TLSRoute in {@code supportedKinds} (the one that names it is {@code ResolvedRefs=False/InvalidRouteKinds}), the
 * GatewayClass no longer lists the TLSRoute features, the TLSRoute has no status and a problem says that no loaded
 * plugin serves its kind, and nothing answers the connection; the other route kinds' features stay.
 */
class RouteKindPluginIT {

    private static final String SNI = "tls.example.test";
    private static final List<String> TLS_ROUTE_FEATURES = List.of("TLSRoute", "TLSRouteModeTerminate",
            "TLSRouteModeMixed");

    @TempDir
    static Path work;

    private static DistributionCopy distribution;
    private static Path config;
    private static TestCertificateAuthority ca;
    private static TlsEchoBackend backend;
    private static int passthroughPort;
    private static int kindsPort;
    private static int adminPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void prepare() throws Exception {
        distribution = DistributionCopy.in(work, "RouteKindPluginIT");
        ca = new TestCertificateAuthority("route-kinds");
        backend = new TlsEchoBackend(ca.issue(List.of(SNI), List.of()), null);
        passthroughPort = LintelProcess.freePort();
        kindsPort = LintelProcess.freePort();
        adminPort = distribution.adminPort();
        config = distribution.config();
        ConfigFiles.write(work, config, "00-gatewayclass.yaml", Manifests.gatewayClass());
        ConfigFiles.write(work, config, "10-gateway.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: tls
                  namespace: default
                spec:
                  gatewayClassName: lintel
                  addresses:
                    - type: IPAddress
                      value: 127.0.0.1
                  listeners:
                    - name: passthrough
                      protocol: TLS
                      port: %d
                      tls:
                        mode: Passthrough
                    - name: tls-routes-only
                      protocol: TLS
                      port: %d
                      tls:
                        mode: Passthrough
                      allowedRoutes:
                        kinds:
                          - kind: TLSRoute
                """.formatted(passthroughPort, kindsPort));
        ConfigFiles.write(work, config, "20-service.yaml", Manifests.serviceWithEndpoint("tls-echo", backend.port()));
        ConfigFiles.write(work, config, "30-tlsroute.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: TLSRoute
                metadata:
                  name: echo
                  namespace: default
                spec:
                  parentRefs:
                    - name: tls
                      sectionName: passthrough
                  hostnames:
                    - %s
                  rules:
                    - backendRefs:
                        - name: tls-echo
                          port: 80
                """.formatted(SNI));
    }

    @AfterAll
    static void stop() {
        if (distribution != null) {
            distribution.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void removingTheRouteTlsPluginRemovesTheKindItsFeaturesAndTheTraffic() throws Exception {
        lintel = distribution.start("full");
        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(throughGateway())
                .isEqualTo("sni=" + SNI + ";client=none"));
        JsonNode served = AdminStatus.fetch(adminPort);
        assertThat(AdminStatus.supportedKinds(served, "tls", "passthrough")).containsExactly("TLSRoute");
        assertThat(AdminStatus.supportedKinds(served, "tls", "tls-routes-only")).containsExactly("TLSRoute");
        assertThat(AdminStatus.listenerCondition(served, "tls", "tls-routes-only", "ResolvedRefs"))
                .isEqualTo("True");
        assertThat(AdminStatus.supportedFeatures(served)).containsAll(TLS_ROUTE_FEATURES)
                .contains("TCPRoute", "UDPRoute");
        assertThat(AdminStatus.onlyParentCondition(served, "TLSRoute", "echo", "Accepted")).isEqualTo("True");
        assertThat(AdminStatus.problems(served)).noneMatch(problem -> problem.contains("TLSRoute"));

        distribution.removePlugin("route-tls");
        lintel = distribution.start("without-route-tls");

        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> {
            JsonNode status = AdminStatus.fetch(adminPort);
            assertThat(AdminStatus.supportedKinds(status, "tls", "passthrough")).isEmpty();
            assertThat(AdminStatus.supportedKinds(status, "tls", "tls-routes-only")).isEmpty();
            assertThat(AdminStatus.listenerCondition(status, "tls", "tls-routes-only", "ResolvedRefs"))
                    .isEqualTo("False/InvalidRouteKinds");
            assertThat(AdminStatus.listenerMessage(status, "tls", "tls-routes-only", "ResolvedRefs"))
                    .contains("TLSRoute", "no loaded plugin serves TLSRoute (route-tls)");
            assertThat(AdminStatus.supportedFeatures(status)).isNotEmpty()
                    .doesNotContainAnyElementsOf(TLS_ROUTE_FEATURES)
                    .contains("TCPRoute", "UDPRoute");
            assertThat(AdminStatus.item(status, "TLSRoute", "echo")).as("a status for the TLSRoute").isNull();
            assertThat(AdminStatus.problems(status)).anySatisfy(problem -> assertThat(problem)
                    .contains("TLSRoute default/echo", "not served", "gateway.networking.k8s.io/TLSRoute",
                            "route-tls"));
        });
        // the listener is still bound, but no route serves the name: the connection is closed, never relayed
        assertThatThrownBy(RouteKindPluginIT::throughGateway).isInstanceOf(IOException.class);

        assertThat(distribution.features()).doesNotContainAnyElementsOf(TLS_ROUTE_FEATURES)
                .contains("TCPRoute", "UDPRoute");
    }

    /**
     * One HTTPS request through the passthrough listener, with the SNI name of the TLSRoute and trusting only the
     * test CA: the backend's answer body (its {@code sni=...;client=...}).
     */
    private static String throughGateway() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", passthroughPort), 5_000);
            socket.setSoTimeout(5_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(SNI)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + SNI + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return body(socket.getInputStream());
        }
    }

    /** The body of a 200 response with {@code Content-Length} (the backend keeps the connection open). */
    private static String body(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.length() + " bytes of the response head");
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        int length = -1;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        assertThat(length).as("Content-Length of %s", head).isNotNegative();
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
