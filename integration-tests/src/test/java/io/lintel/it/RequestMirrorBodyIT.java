package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 end to end: the distribution with its {@code filter-request-mirror} plugin, an HTTPRoute with two
 * {@code RequestMirror} filters (one with {@code percent: 100}, one with a {@code fraction} of 1/1), and POSTs from
 * an HTTP/1.1 client (body of unknown length: chunked) and an h2c client (Content-Length): both mirrors get each
 * body byte for byte, framed as the client sent it, and {@code /metrics} counts the copies and no drop.
 */
class RequestMirrorBodyIT {


    /** One request a mirror got. */
    record Copy(String mirror, String method, String contentLength, String transferEncoding, byte[] body) {}

    @TempDir
    static Path work;

    private static final ConcurrentLinkedQueue<Copy> COPIES = new ConcurrentLinkedQueue<>();
    private static NamedBackend app;
    private static HttpServer mirrorA;
    private static HttpServer mirrorB;
    private static int gatewayPort;
    private static int adminPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void start() throws IOException {
        app = new NamedBackend("app");
        mirrorA = recordingMirror("a");
        mirrorB = recordingMirror("b");
        ItGateway gateway = ItGateway.in(work)
                .file("20-services.yaml", Manifests.serviceWithEndpoint("app", app.port()) + "---\n"
                + Manifests.serviceWithEndpoint("copies-a", mirrorA.getAddress().getPort()) + "---\n"
                + Manifests.serviceWithEndpoint("copies-b", mirrorB.getAddress().getPort()))
                .file("30-route.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: mirrored
                  namespace: default
                spec:
                  parentRefs:
                    - name: it
                  rules:
                    - matches:
                        - path: {type: PathPrefix, value: /mirrored}
                      filters:
                        - type: RequestMirror
                          requestMirror:
                            backendRef: {name: copies-a, port: 80}
                            percent: 100
                        - type: RequestMirror
                          requestMirror:
                            backendRef: {name: copies-b, port: 80}
                            fraction: {numerator: 1, denominator: 1}
                      backendRefs:
                        - {name: app, port: 80}
                    - matches:
                        - path: {type: PathPrefix, value: /plain}
                      backendRefs:
                        - {name: app, port: 80}
                """)
                .start("RequestMirrorBodyIT");
        gatewayPort = gateway.port();
        adminPort = gateway.adminPort();
        lintel = gateway.process();
        lintel.awaitOrExplain(Duration.ofSeconds(30),
                () -> assertThat(ItHttp.get(gatewayPort, "/plain").statusCode()).isEqualTo(200));
    }

    @AfterAll
    static void stop() {
        if (lintel != null) {
            lintel.close();
        }
        if (app != null) {
            app.close();
        }
        if (mirrorA != null) {
            mirrorA.stop(0);
        }
        if (mirrorB != null) {
            mirrorB.stop(0);
        }
    }

    @Test
    void bothMirrorsGetTheBodiesOfHttp1AndH2cRequests() throws Exception {
        long copiesBefore = metric("lintel_mirror_requests_total");

        byte[] chunked = new byte[300 * 1024];
        new Random(300).nextBytes(chunked);
        HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> first = http1.send(HttpRequest.newBuilder(uri("/mirrored/http1"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked)))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("app\n");

        byte[] fixed = new byte[4096];
        new Random(4).nextBytes(fixed);
        HttpClient h2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        // the JDK client upgrades on a first request without body (also mirrored); the POST is an HTTP/2 stream
        assertThat(h2c.send(HttpRequest.newBuilder(uri("/plain/upgrade")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).version()).isEqualTo(HttpClient.Version.HTTP_2);
        HttpResponse<String> second = h2c.send(HttpRequest.newBuilder(uri("/mirrored/h2c"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(fixed)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(second.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> COPIES.size() == 4);
        for (String mirror : new String[] {"a", "b"}) {
            assertThat(COPIES).filteredOn(c -> c.mirror().equals(mirror) && c.transferEncoding() != null)
                    .singleElement().satisfies(copy -> {
                        assertThat(copy.transferEncoding()).isEqualToIgnoringCase("chunked");
                        assertThat(copy.contentLength()).isNull();
                        assertThat(copy.body()).isEqualTo(chunked);
                    });
            assertThat(COPIES).filteredOn(c -> c.mirror().equals(mirror) && c.transferEncoding() == null)
                    .singleElement().satisfies(copy -> {
                        assertThat(copy.contentLength()).isEqualTo(Integer.toString(fixed.length));
                        assertThat(copy.body()).isEqualTo(fixed);
                    });
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(metric("lintel_mirror_requests_total") - copiesBefore).isEqualTo(4));
        String metrics = ItHttp.get(adminPort, "/metrics").body();
        for (String reason : new String[] {"slow", "connect", "overload", "aborted", "timeout", "error"}) {
            assertThat(metric(metrics, "lintel_mirror_dropped_total{reason=\"" + reason + "\"}")).as(reason).isZero();
        }
    }

    private static HttpServer recordingMirror(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                COPIES.add(new Copy(name, exchange.getRequestMethod(),
                        exchange.getRequestHeaders().getFirst("Content-Length"),
                        exchange.getRequestHeaders().getFirst("Transfer-Encoding"), body));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        return server;
    }

    private static long metric(String series) throws IOException, InterruptedException {
        return metric(ItHttp.get(adminPort, "/metrics").body(), series);
    }

    /** The value of one series in a Prometheus text exposition, 0 when it is absent. */
    private static long metric(String text, String series) {
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+]+)$").matcher(text);
        return value.find() ? (long) Double.parseDouble(value.group(1)) : 0;
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gatewayPort + path);
    }
}
