package io.lintel.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's external authorization end to end: the distribution with its {@code filter-external-auth} plugin, an
 * HTTPRoute whose rules carry an {@code ExternalAuth} filter (HTTP protocol) in front of an application, a real
 * authorization service on loopback, and real HTTP/1.1 and h2c clients: allowed requests reach the application with
 * the service's header, denials come back as the service gave them, a service too slow or gone gets the request
 * refused (403), and the body goes to the service within {@code forwardBody.maxSize}. The same with the GRPC
 * protocol against an Envoy {@code ext_authz} service ({@link ExtAuthzGrpcServer}) reached over h2c.
 */
class ExternalAuthIT {

    private static final Path LOGS = Paths.get("target", "it-logs");

    /** One check the authorization service got. */
    record Check(String method, String target, String host, String authorization, String tenant, String cookie,
            String body) {}

    @TempDir
    static Path work;

    private static final ConcurrentLinkedQueue<Check> CHECKS = new ConcurrentLinkedQueue<>();
    /** Released when the test is done with the slow check, so that the service's thread ends. */
    private static final CountDownLatch SLOW_RELEASED = new CountDownLatch(1);
    private static final ExecutorService AUTH_THREADS = Executors.newCachedThreadPool();
    private static HttpServer app;
    private static HttpServer auth;
    private static ExtAuthzGrpcServer grpcAuth;
    private static int gatewayPort;
    private static LintelProcess lintel;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                byte[] received = in.readAllBytes();
                reply(exchange, 200, "text/plain", "app user=" + exchange.getRequestHeaders().getFirst("X-User")
                        + " body=" + received.length + "\n");
            }
        });
        app.start();
        auth = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        auth.setExecutor(AUTH_THREADS);
        auth.createContext("/", ExternalAuthIT::authorize);
        auth.start();
        grpcAuth = new ExtAuthzGrpcServer();
        gatewayPort = LintelProcess.freePort();
        int adminPort = LintelProcess.freePort();
        Path config = Files.createDirectories(work.resolve("config"));
        ConfigFiles.write(work, config, "00-gatewayclass.yaml", Manifests.gatewayClass());
        ConfigFiles.write(work, config, "10-gateway.yaml", Manifests.gateway("it", gatewayPort));
        ConfigFiles.write(work, config, "20-services.yaml", Manifests.serviceWithEndpoint("app", app.getAddress().getPort())
                + "---\n" + Manifests.serviceWithEndpoint("auth", auth.getAddress().getPort())
                + "---\n" + Manifests.serviceWithEndpoint("auth-gone", LintelProcess.freePort())
                + "---\n" + Manifests.serviceWithEndpoint("authz", "kubernetes.io/h2c", grpcAuth.port()));
        ConfigFiles.write(work, config, "30-route.yaml", """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: guarded
                  namespace: default
                spec:
                  parentRefs:
                    - name: it
                  rules:
                    - matches:
                        - path: {type: PathPrefix, value: /api}
                      filters:
                        - type: ExternalAuth
                          externalAuth:
                            protocol: HTTP
                            backendRef: {name: auth, port: 80}
                            http:
                              path: /check
                              allowedHeaders: [X-Tenant]
                              allowedResponseHeaders: [X-User]
                            forwardBody: {maxSize: 16}
                      backendRefs:
                        - {name: app, port: 80}
                    - matches:
                        - path: {type: PathPrefix, value: /grpc-api}
                      filters:
                        - type: ExternalAuth
                          externalAuth:
                            protocol: GRPC
                            backendRef: {name: authz, port: 80}
                            grpc: {allowedHeaders: [Authorization]}
                      backendRefs:
                        - {name: app, port: 80}
                    - matches:
                        - path: {type: PathPrefix, value: /gone}
                      filters:
                        - type: ExternalAuth
                          externalAuth:
                            protocol: HTTP
                            backendRef: {name: auth-gone, port: 80}
                            http: {path: /check}
                      backendRefs:
                        - {name: app, port: 80}
                """);
        Path settings = work.resolve("lintel.yaml");
        // short enough for the slow check, long enough for a first HTTP/2 connection on a busy 2-core machine
        Files.writeString(settings, "externalAuth.timeoutMillis: 2000\n");
        lintel = LintelProcess.start(LOGS.resolve("ExternalAuthIT.log"), "run", "--config", config.toString(),
                "--settings", settings.toString(), "--admin", "127.0.0.1:" + adminPort);
        lintel.awaitReady(URI.create("http://127.0.0.1:" + adminPort + "/ready"), Duration.ofSeconds(90));
    }

    /** The authorization service: "Bearer good" passes as alice, "/check/api/slow" never answers in time. */
    private static void authorize(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            CHECKS.add(new Check(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Host"), authorization,
                    exchange.getRequestHeaders().getFirst("X-Tenant"), exchange.getRequestHeaders().getFirst("Cookie"),
                    body));
            if (exchange.getRequestURI().getPath().startsWith("/check/api/slow")) {
                SLOW_RELEASED.await(30, TimeUnit.SECONDS);
                reply(exchange, 200, "text/plain", "");
            } else if ("Bearer good".equals(authorization)) {
                exchange.getResponseHeaders().set("X-User", "alice");
                exchange.getResponseHeaders().set("X-Internal", "not for the app");
                reply(exchange, 200, "text/plain", "");
            } else {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"shop\"");
                reply(exchange, 401, "application/json", "{\"error\":\"who are you\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @AfterAll
    static void stop() {
        SLOW_RELEASED.countDown();
        if (lintel != null) {
            lintel.close();
        }
        if (app != null) {
            app.stop(0);
        }
        if (auth != null) {
            auth.stop(0);
        }
        if (grpcAuth != null) {
            grpcAuth.close();
        }
        AUTH_THREADS.shutdownNow();
    }

    @Test
    void anAllowedRequestReachesTheApplicationWithTheServicesHeaderOnly() throws Exception {
        for (HttpClient.Version version : new HttpClient.Version[] {HttpClient.Version.HTTP_1_1,
                HttpClient.Version.HTTP_2}) {
            CHECKS.clear();
            HttpResponse<String> response = client(version).send(HttpRequest.newBuilder(uri("/api/orders?id=7"))
                    .header("Authorization", "Bearer good").header("X-Tenant", "t1").header("Cookie", "session=1")
                    .header("X-User", "forged").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as("%s", version).isEqualTo(200);
            assertThat(response.body()).isEqualTo("app user=alice body=0\n");
            assertThat(CHECKS).singleElement().satisfies(check -> {
                assertThat(check.method()).isEqualTo("GET");
                assertThat(check.target()).isEqualTo("/check/api/orders?id=7");
                assertThat(check.host()).isEqualTo("127.0.0.1:" + gatewayPort);
                assertThat(check.tenant()).isEqualTo("t1");
                assertThat(check.cookie()).as("not an allowed header").isNull();
            });
        }
    }

    @Test
    void aDenialComesBackAsTheServiceGaveIt() throws Exception {
        HttpResponse<String> response = client(HttpClient.Version.HTTP_1_1).send(
                HttpRequest.newBuilder(uri("/api/orders")).header("Authorization", "Bearer bad")
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"error\":\"who are you\"}");
        assertThat(response.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"shop\"");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    }

    @Test
    void theBodyGoesToTheServiceWithinItsBoundAndALongerOneIsRefused() throws Exception {
        CHECKS.clear();
        HttpClient client = client(HttpClient.Version.HTTP_1_1);
        HttpResponse<String> small = client.send(HttpRequest.newBuilder(uri("/api/orders"))
                .header("Authorization", "Bearer good").POST(HttpRequest.BodyPublishers.ofString("{\"qty\":2}"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> large = client.send(HttpRequest.newBuilder(uri("/api/orders"))
                .header("Authorization", "Bearer good").POST(HttpRequest.BodyPublishers.ofString("x".repeat(17)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body()).isEqualTo("app user=alice body=9\n");
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(CHECKS).singleElement().satisfies(check -> {
            assertThat(check.method()).isEqualTo("POST");
            assertThat(check.body()).isEqualTo("{\"qty\":2}");
        });
    }

    @Test
    void aServiceTooSlowOrGoneGetsTheRequestRefused() throws Exception {
        HttpClient client = client(HttpClient.Version.HTTP_1_1);
        HttpResponse<String> slow = client.send(HttpRequest.newBuilder(uri("/api/slow"))
                .header("Authorization", "Bearer good").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> gone = client.send(HttpRequest.newBuilder(uri("/gone"))
                .header("Authorization", "Bearer good").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(slow.statusCode()).isEqualTo(403);
        assertThat(gone.statusCode()).isEqualTo(403);
        assertThat(Files.readString(LOGS.resolve("ExternalAuthIT.log"))).contains("the authorization check through");
    }

    @Test
    void aGrpcServiceAllowsAndDeniesThroughEnvoysCheck() throws Exception {
        HttpClient client = client(HttpClient.Version.HTTP_1_1);
        HttpResponse<String> allowed = client.send(HttpRequest.newBuilder(uri("/grpc-api/orders"))
                .header("Authorization", "Bearer good").header("X-User", "forged").timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> denied = client.send(HttpRequest.newBuilder(uri("/grpc-api/orders"))
                .header("Authorization", "Bearer bad").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("app user=alice body=0\n");
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.body()).isEqualTo("denied by grpc");
        assertThat(denied.headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertThat(grpcAuth.paths).containsOnly("/envoy.service.auth.v3.Authorization/Check");
        assertThat(grpcAuth.checks).hasSize(2).allSatisfy(check ->
                assertThat(new String(check, UTF_8)).contains("/grpc-api/orders").contains("authorization"));
    }

    private static HttpClient client(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).build();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gatewayPort + path);
    }
}
