package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.server.TlsClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS in one step, as the README shows it: {@code lintel cert --out} writes a Secret into the config directory, a
 * Gateway's HTTPS listener references it, and real TLS clients (HTTP/2 by ALPN, and HTTP/1.1) are served with it;
 * writing a new Secret serves new connections the new certificate while an open one keeps working.
 */
class HttpsIT {

    private static final Path LOGS = Paths.get("target", "it-logs");
    private static final Pattern TLS_CRT = Pattern.compile("tls\\.crt: (\\S+)");

    @TempDir
    Path work;

    @Test
    void aCertificateFromLintelCertServesHttp2AndRotatesWithoutDroppingConnections() throws Exception {
        int gatewayPort = LintelProcess.freePort();
        int adminPort = LintelProcess.freePort();
        Path config = Files.createDirectories(work.resolve("config"));
        Path secretFile = config.resolve("05-tls.yaml");
        X509Certificate first = cert(secretFile);
        Files.writeString(config.resolve("00-gatewayclass.yaml"), Manifests.gatewayClass());
        Files.writeString(config.resolve("10-gateway.yaml"),
                Manifests.httpsGateway("secure", gatewayPort, "secure-tls"));
        Files.writeString(config.resolve("20-route.yaml"), Manifests.route("web", "secure", "app"));

        try (NamedBackend backend = new NamedBackend("app");
                LintelProcess lintel = LintelProcess.start(LOGS.resolve("HttpsIT.log"),
                        "run", "--config", config.toString(), "--admin", "127.0.0.1:" + adminPort)) {
            Files.writeString(config.resolve("30-service.yaml"), Manifests.serviceWithEndpoint("app", backend.port()));
            lintel.awaitReady(URI.create("http://127.0.0.1:" + adminPort + "/ready"), Duration.ofSeconds(90));
            URI uri = URI.create("https://localhost:" + gatewayPort + "/hello");
            HttpClient http2 = HttpClient.newBuilder().sslContext(TlsClient.trusting(first))
                    .version(HttpClient.Version.HTTP_2)
                    .connectTimeout(Duration.ofSeconds(5)).build();

            lintel.awaitOrExplain(Duration.ofSeconds(60), () -> {
                HttpResponse<String> response = http2.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("app\n");
                assertThat(response.version()).as("negotiated by ALPN").isEqualTo(HttpClient.Version.HTTP_2);
            });

            try (TlsClient established = connect(gatewayPort, first)) {
                assertThat(established.get("localhost", "/before")).isEqualTo("200 app\n");

                X509Certificate second = cert(secretFile);

                lintel.awaitOrExplain(Duration.ofSeconds(60), () -> {
                    try (TlsClient fresh = connect(gatewayPort, first, second)) {
                        assertThat(fresh.serverCertificate()).isEqualTo(second);
                        assertThat(fresh.get("localhost", "/after")).isEqualTo("200 app\n");
                    }
                });
                assertThat(established.serverCertificate()).isEqualTo(first);
                assertThat(established.get("localhost", "/still")).isEqualTo("200 app\n");
            }
        }
    }

    /** Runs {@code lintel cert --out FILE} and returns the certificate it wrote. */
    private X509Certificate cert(Path file) throws Exception {
        LintelProcess.Result result = LintelProcess.run(LOGS.resolve("HttpsIT-cert.log"),
                "cert", "--name", "secure-tls", "--hostname", "localhost", "--out", file.toString());
        assertThat(result.exitCode()).as("lintel cert\n%s", result.output()).isZero();
        Matcher crt = TLS_CRT.matcher(Files.readString(file));
        assertThat(crt.find()).as("tls.crt in %s", file).isTrue();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(crt.group(1))));
    }

    /** One kept-alive HTTP/1.1 connection to localhost over TLS (a fresh context, so no session is resumed). */
    private static TlsClient connect(int port, Certificate... trusted) throws Exception {
        return new TlsClient(port, "localhost", TlsClient.trusting(trusted));
    }
}
