package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's rate limits end to end: two Lintel processes (the distribution with its {@code policy-rate-limit}
 * plugin) in front of one application, HTTPRoutes whose rules reach RateLimitPolicies through {@code ExtensionRef}
 * filters, and one real Redis ({@link RedisServer}) both processes count in. A local limit answers 429 with
 * {@code Retry-After} and the RateLimit fields (a gRPC call {@code RESOURCE_EXHAUSTED}); a Redis limit is one limit for both processes together; with Redis
 * stopped, failMode Open lets requests through and Closed answers 503, until Redis is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitIT {

    private static final Path LOGS = Paths.get("target", "it-logs");

    @TempDir
    static Path work;

    private static NamedBackend app;
    private static RedisServer redis;
    private static ItGateway first;
    private static ItGateway second;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(LOGS);
        redis = RedisServer.start(LOGS.resolve("RateLimitIT-redis.log"));
        app = new NamedBackend("app");
        Path settings = work.resolve("lintel.yaml");
        // generous for a busy 2-core machine: a count that timed out would pass uncounted (failMode Open)
        Files.writeString(settings, "rateLimit.redis.timeoutMillis: 2000\nrateLimit.redis.maxBackoffMillis: 500\n");
        first = gateway("first", settings);
        second = gateway("second", settings);
    }

    private static ItGateway gateway(String name, Path settings) throws IOException {
        StringBuilder rules = new StringBuilder();
        for (String policy : new String[] {"per-client", "shared", "fail-open", "fail-closed"}) {
            rules.append("""
                        - matches:
                            - path: {type: PathPrefix, value: /%1$s}
                          filters:
                            - type: ExtensionRef
                              extensionRef: {group: lintel.io, kind: RateLimitPolicy, name: %1$s}
                          backendRefs:
                            - {name: app, port: 80}
                    """.formatted(policy));
        }
        return ItGateway.in(Files.createDirectories(work.resolve(name)))
                .file("20-services.yaml", Manifests.serviceWithEndpoint("app", app.port()))
                .file("30-policies.yaml", policy("per-client", 5, "{type: ClientIP}", "{type: Local}")
                        + "---\n" + policy("shared", 6, "{type: None}", redisStore("Closed"))
                        + "---\n" + policy("fail-open", 1000, "{type: None}", redisStore("Open"))
                        + "---\n" + policy("fail-closed", 1000, "{type: None}", redisStore("Closed")))
                .file("40-route.yaml", """
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: HTTPRoute
                        metadata:
                          name: limited
                          namespace: default
                        spec:
                          parentRefs:
                            - name: it
                          rules:
                        """ + rules)
                .file("50-attached.yaml", ATTACHED)
                .start("RateLimitIT-" + name, "--settings", settings.toString());
    }

    /** A policy attached by targetRefs (GEP-713) to one named rule of a route, not referenced by the route. */
    private static final String ATTACHED = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: store, namespace: default}
            spec:
              parentRefs:
                - name: it
              rules:
                - name: checkout
                  matches:
                    - path: {type: PathPrefix, value: /checkout}
                  backendRefs:
                    - {name: app, port: 80}
                - name: browse
                  matches:
                    - path: {type: PathPrefix, value: /browse}
                  backendRefs:
                    - {name: app, port: 80}
            ---
            apiVersion: lintel.io/v1alpha1
            kind: RateLimitPolicy
            metadata: {name: checkout-limit, namespace: default}
            spec:
              targetRefs:
                - {group: gateway.networking.k8s.io, kind: HTTPRoute, name: store, sectionName: checkout}
              limits:
                - {requests: 2, unit: Hour, key: {type: None}}
              store: {type: Local}
            """;

    private static HttpResponse<String> get(ItGateway gateway, String path) throws IOException, InterruptedException {
        return ItHttp.get(gateway.port(), path);
    }

    private static String policy(String name, int requests, String key, String store) {
        return """
                apiVersion: lintel.io/v1alpha1
                kind: RateLimitPolicy
                metadata: {name: %s, namespace: default}
                spec:
                  limits:
                    - {requests: %d, unit: Hour, key: %s}
                  store: %s
                """.formatted(name, requests, key, store);
    }

    private static String redisStore(String failMode) {
        return "{type: Redis, redis: {address: \"" + redis.address() + "\", failMode: " + failMode + "}}";
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (ItGateway gateway : new ItGateway[] {first, second}) {
            if (gateway != null) {
                gateway.close();
            }
        }
        if (app != null) {
            app.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** Limits count per hour, aligned to the clock: keep a test's requests within one hour. */
    @BeforeEach
    void awayFromTheEndOfAnHour() {
        await().atMost(Duration.ofSeconds(90)).until(() -> 3_600_000 - System.currentTimeMillis() % 3_600_000 > 60_000);
    }

    @Test
    @Order(1)
    void aLocalLimitAnswers429WithRetryAfterAndTheRateLimitFields() throws Exception {
        for (int left = 4; left >= 0; left--) {
            HttpResponse<String> allowed = get(first, "/per-client");
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.body()).isEqualTo("app\n");
            assertThat(allowed.headers().firstValue("RateLimit-Policy")).hasValue("\"per-client-0\";q=5;w=3600");
            assertThat(allowed.headers().firstValue("RateLimit")).get().asString()
                    .startsWith("\"per-client-0\";r=" + left + ";t=");
        }

        HttpResponse<String> limited = get(first, "/per-client");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).isEqualTo("rate limit exceeded\n");
        assertThat(limited.headers().firstValue("RateLimit-Policy")).hasValue("\"per-client-0\";q=5;w=3600");
        assertThat(limited.headers().firstValue("RateLimit")).get().asString().startsWith("\"per-client-0\";r=0;t=");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(60L, 3_600L);
        // local: the other process counts for itself
        assertThat(get(second, "/per-client").statusCode()).isEqualTo(200);

        // a gRPC call over the limit: RESOURCE_EXHAUSTED in a trailers-only answer, not an HTTP error
        HttpResponse<String> grpc = ItHttp.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + first.port() + "/per-client/shop.Orders/Get"))
                .header("Content-Type", "application/grpc")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5])));
        assertThat(grpc.statusCode()).isEqualTo(200);
        assertThat(grpc.headers().firstValue("grpc-status")).hasValue("8");
        assertThat(grpc.headers().firstValue("content-type")).hasValue("application/grpc");
        assertThat(grpc.body()).isEmpty();

        // the same over HTTP/2, as gRPC clients speak it (h2c: upgraded by the first request, then one connection)
        HttpClient h2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> upgraded = h2c.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + first.port() + "/per-client")).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(upgraded.statusCode()).isEqualTo(429);
        HttpResponse<String> grpcOverH2 = h2c.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + first.port() + "/per-client/shop.Orders/Get"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/grpc")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(grpcOverH2.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(grpcOverH2.statusCode()).isEqualTo(200);
        assertThat(grpcOverH2.headers().firstValue("grpc-status")).hasValue("8");
        assertThat(grpcOverH2.headers().firstValue("content-type")).hasValue("application/grpc");
        assertThat(grpcOverH2.body()).isEmpty();
    }

    @Test
    @Order(2)
    void aPolicyAttachedByTargetRefsLimitsItsRuleOnlyAndReportsItsStatus() throws Exception {
        assertThat(get(first, "/checkout").statusCode()).isEqualTo(200);
        assertThat(get(first, "/checkout").statusCode()).isEqualTo(200);

        assertThat(get(first, "/checkout").statusCode()).isEqualTo(429);
        // the route's other rule is not a target
        for (int i = 0; i < 4; i++) {
            assertThat(get(first, "/browse").statusCode()).isEqualTo(200);
        }
        JsonNode ancestors = new ObjectMapper()
                .readTree(ItHttp.get(first.admin("/status?kind=RateLimitPolicy&name=checkout-limit")).body())
                .path("items").path(0).path("status").path("ancestors");
        assertThat(ancestors).hasSize(1);
        assertThat(ancestors.path(0).path("ancestorRef").path("name").asText()).isEqualTo("it");
        assertThat(ancestors.path(0).path("conditions").path(0).path("type").asText()).isEqualTo("Accepted");
        assertThat(ancestors.path(0).path("conditions").path(0).path("status").asText()).isEqualTo("True");
    }

    @Test
    @Order(3)
    void twoLintelProcessesSharingOneRedisEnforceOneLimitTogether() throws Exception {
        for (int left = 5; left >= 0; left--) {
            ItGateway gateway = left % 2 == 0 ? first : second;
            HttpResponse<String> allowed = get(gateway, "/shared");
            assertThat(allowed.statusCode()).as("request with %d left", left).isEqualTo(200);
            assertThat(allowed.headers().firstValue("RateLimit")).get().asString()
                    .startsWith("\"shared-0\";r=" + left + ";t=");
        }

        for (ItGateway gateway : new ItGateway[] {first, second}) {
            HttpResponse<String> limited = get(gateway, "/shared");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    @Order(4)
    void withRedisStoppedFailModeDecidesUntilRedisIsBack() throws Exception {
        assertThat(get(first, "/fail-closed").statusCode()).isEqualTo(200);
        redis.stop();
        try {
            HttpResponse<String> open = get(first, "/fail-open");
            assertThat(open.statusCode()).isEqualTo(200);
            assertThat(open.headers().firstValue("RateLimit")).isEmpty();

            HttpResponse<String> closed = get(first, "/fail-closed");
            assertThat(closed.statusCode()).isEqualTo(503);
            assertThat(closed.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(closed.body()).isEqualTo("rate limit store unavailable\n");
            assertThat(get(second, "/fail-closed").statusCode()).isEqualTo(503);

            // /ready says so and stays ready (failMode decides, not the load balancer); /metrics counts it
            HttpResponse<String> ready = ItHttp.get(first.admin("/ready"));
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("rate-limit: Redis " + redis.address() + " unreachable from");
            String metrics = ItHttp.get(first.admin("/metrics")).body();
            assertThat(metrics).containsPattern("lintel_rate_limit_redis_fail_mode_total\\{fail_mode=\"Closed\"} [1-9]")
                    .containsPattern("lintel_rate_limit_redis_fail_mode_total\\{fail_mode=\"Open\"} [1-9]")
                    .containsPattern("lintel_rate_limit_redis_unreachable [1-9]");
        } finally {
            redis.start();
        }

        // reconnected after the backoff (at most rateLimit.redis.maxBackoffMillis)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get(first, "/fail-closed").statusCode()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get(second, "/fail-closed").statusCode()).isEqualTo(200));
        assertThat(ItHttp.get(first.admin("/ready")).body())
                .contains("rate-limit: Redis " + redis.address() + " reachable");
        assertThat(ItHttp.get(first.admin("/metrics")).body())
                .containsPattern("lintel_rate_limit_requests_total\\{result=\"limited\"} [1-9]")
                .contains("lintel_rate_limit_redis_unreachable 0");
    }
}
