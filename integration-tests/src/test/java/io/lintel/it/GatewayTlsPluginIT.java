package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintel.core.server.TlsClient;
import io.lintel.core.testing.TestCertificateAuthority;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gateway-level TLS features are a plugin: the {@code gateway-tls} plugin directory implements client certificate
 * validation of HTTPS listeners ({@code spec.tls.frontend}), the backend client certificate and misdirected-request
 * detection. A copy of the distribution runs a Gateway whose {@code spec.tls.frontend.default} validates client
 * certificates against a CA ConfigMap on its HTTPS listener, beside an HTTP listener. With every plugin, a client
 * without a certificate is refused and one with a certificate of the CA is served; with {@code plugins/gateway-tls}
 * removed, the four features leave the GatewayClass and {@code lintel features}, the HTTPS listener is refused
 * ({@code Accepted=False}, naming the plugin) instead of being served without validation, and the HTTP listener
 * still serves.
 */
class GatewayTlsPluginIT {

    private static final List<String> FEATURES = List.of("GatewayFrontendClientCertificateValidation",
            "GatewayFrontendClientCertificateValidationInsecureFallback",
            "GatewayHTTPSListenerDetectMisdirectedRequests", "GatewayBackendClientCertificate");

    @TempDir
    static Path work;

    private static DistributionCopy distribution;
    private static Path config;
    private static NamedBackend backend;
    private static TestCertificateAuthority serverCa;
    private static TestCertificateAuthority clientCa;
    private static int httpPort;
    private static int httpsPort;
    private static int adminPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void prepare() throws Exception {
        distribution = DistributionCopy.in(work, "GatewayTlsPluginIT");
        backend = new NamedBackend("validated");
        serverCa = new TestCertificateAuthority("gateway-tls-it-servers");
        clientCa = new TestCertificateAuthority("gateway-tls-it-clients");
        httpPort = LintelProcess.freePort();
        httpsPort = LintelProcess.freePort();
        adminPort = distribution.adminPort();
        config = distribution.config();
        ConfigFiles.write(work, config, "00-gatewayclass.yaml", Manifests.gatewayClass());
        ConfigFiles.write(work, config, "10-trust.yaml",
                Manifests.tlsSecret("server", serverCa.issue(List.of("localhost"), List.of())) + "---\n"
                        + Manifests.caConfigMap("client-ca", clientCa.certificate()));
        ConfigFiles.write(work, config, "20-gateway.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: secure
                  namespace: default
                spec:
                  gatewayClassName: lintel
                  addresses:
                    - type: IPAddress
                      value: 127.0.0.1
                  tls:
                    frontend:
                      default:
                        validation:
                          caCertificateRefs:
                            - {group: "", kind: ConfigMap, name: client-ca}
                  listeners:
                    - name: http
                      protocol: HTTP
                      port: %d
                    - name: https
                      protocol: HTTPS
                      port: %d
                      tls:
                        certificateRefs:
                          - name: server
                """.formatted(httpPort, httpsPort));
        ConfigFiles.write(work, config, "30-service.yaml", Manifests.serviceWithEndpoint("named", backend.port()));
        ConfigFiles.write(work, config, "40-route.yaml", Manifests.route("web", "secure", "named"));
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
    void removingThePluginRemovesTheFeaturesAndRefusesTheValidatedListener() throws Exception {
        lintel = distribution.start("full");
        SSLContext withCertificate = clientContext(clientCa.issue(List.of("client.test"), List.of()));
        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> {
            try (TlsClient client = new TlsClient(httpsPort, "localhost", withCertificate)) {
                assertThat(client.get("localhost", "/")).isEqualTo("200 validated\n");
            }
        });
        // AllowValidOnly: a client without a certificate fails the handshake (or its first read, with TLS 1.3)
        assertThatThrownBy(() -> {
            try (TlsClient client = new TlsClient(httpsPort, "localhost", TlsClient.trusting(serverCa.certificate()))) {
                client.get("localhost", "/");
            }
        }).isInstanceOf(IOException.class);
        JsonNode served = AdminStatus.fetch(adminPort);
        assertThat(AdminStatus.supportedFeatures(served)).containsAll(FEATURES);
        assertThat(listenerCondition(served, "https", "Accepted").path("status").asText()).isEqualTo("True");

        distribution.removePlugin("gateway-tls");
        lintel = distribution.start("without-gateway-tls");

        lintel.awaitOrExplain(Duration.ofSeconds(30), () -> {
            JsonNode status = AdminStatus.fetch(adminPort);
            assertThat(AdminStatus.supportedFeatures(status)).isNotEmpty().doesNotContainAnyElementsOf(FEATURES)
                    .contains("Gateway", "HTTPRoute");
            JsonNode accepted = listenerCondition(status, "https", "Accepted");
            assertThat(accepted.path("status").asText()).isEqualTo("False");
            assertThat(accepted.path("message").asText()).contains("spec.tls.frontend", "not served", "gateway-tls");
            assertThat(listenerCondition(status, "http", "Accepted").path("status").asText()).isEqualTo("True");
            assertThat(ItHttp.get(httpPort, "/").statusCode()).isEqualTo(200);
        });
        // never served without the validation it asks for: the refused listener's port takes no TLS connection
        assertThatThrownBy(() -> {
            try (TlsClient client = new TlsClient(httpsPort, "localhost", TlsClient.trusting(serverCa.certificate()))) {
                client.get("localhost", "/");
            }
        }).isInstanceOf(IOException.class);

        assertThat(distribution.features()).doesNotContainAnyElementsOf(FEATURES)
                .contains("Gateway", "HTTPRoute");
    }

    /** A client context presenting {@code client} and trusting the server CA. */
    private static SSLContext clientContext(TestCertificateAuthority.Issued client)
            throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        char[] password = "it".toCharArray();
        keys.setKeyEntry("client", client.key(), password, new Certificate[] {client.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server-ca", serverCa.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** A condition of a listener of Gateway {@code secure}. */
    private static JsonNode listenerCondition(JsonNode status, String listener, String type) {
        JsonNode gateway = AdminStatus.item(status, "Gateway", "secure");
        assertThat(gateway).as("a status for Gateway secure").isNotNull();
        for (JsonNode entry : gateway.at("/status/listeners")) {
            if (entry.path("name").asText().equals(listener)) {
                return AdminStatus.condition(entry.path("conditions"), type);
            }
        }
        throw new AssertionError("no listener " + listener + " in " + gateway.at("/status"));
    }
}
