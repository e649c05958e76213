package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
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
        Files.writeString(config.resolve("10-gateway.yaml"), httpsGateway(gatewayPort));
        Files.writeString(config.resolve("20-route.yaml"), Manifests.route("web", "secure", "app"));

        try (NamedBackend backend = new NamedBackend("app");
                LintelProcess lintel = LintelProcess.start(LOGS.resolve("HttpsIT.log"),
                        "run", "--config", config.toString(), "--admin", "127.0.0.1:" + adminPort)) {
            Files.writeString(config.resolve("30-service.yaml"), Manifests.serviceWithEndpoint("app", backend.port()));
            lintel.awaitReady(URI.create("http://127.0.0.1:" + adminPort + "/ready"), Duration.ofSeconds(90));
            URI uri = URI.create("https://localhost:" + gatewayPort + "/hello");
            HttpClient http2 = HttpClient.newBuilder().sslContext(trusting(first)).version(HttpClient.Version.HTTP_2)
                    .connectTimeout(Duration.ofSeconds(5)).build();

            lintel.awaitOrExplain(Duration.ofSeconds(60), () -> {
                HttpResponse<String> response = http2.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("app\n");
                assertThat(response.version()).as("negotiated by ALPN").isEqualTo(HttpClient.Version.HTTP_2);
            });

            try (Connection established = new Connection(gatewayPort, first)) {
                assertThat(established.get("/before")).isEqualTo("200 app\n");

                X509Certificate second = cert(secretFile);

                lintel.awaitOrExplain(Duration.ofSeconds(60), () -> {
                    try (Connection fresh = new Connection(gatewayPort, first, second)) {
                        assertThat(fresh.serverCertificate()).isEqualTo(second);
                        assertThat(fresh.get("/after")).isEqualTo("200 app\n");
                    }
                });
                assertThat(established.serverCertificate()).isEqualTo(first);
                assertThat(established.get("/still")).isEqualTo("200 app\n");
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

    private static String httpsGateway(int port) {
        return """
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
                  listeners:
                    - name: https
                      protocol: HTTPS
                      port: %d
                      tls:
                        mode: Terminate
                        certificateRefs:
                          - name: secure-tls
                """.formatted(port);
    }

    private static SSLContext trusting(Certificate... certificates) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (int i = 0; i < certificates.length; i++) {
            trusted.setCertificateEntry("c" + i, certificates[i]);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** One kept-alive HTTP/1.1 connection over TLS (a fresh context each time, so no session is resumed). */
    private static final class Connection implements AutoCloseable {

        private final SSLSocket socket;

        Connection(int port, Certificate... trusted) throws Exception {
            socket = (SSLSocket) trusting(trusted).getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(30_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(java.util.List.of(new SNIHostName("localhost")));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
        }

        Certificate serverCertificate() throws IOException {
            return socket.getSession().getPeerCertificates()[0];
        }

        /** "status body" of a GET, Content-Length framed. */
        String get(String path) throws IOException {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed in the response head: " + head);
                }
                head.write(b);
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : headText.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return headText.substring(9, 12) + " " + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
