package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's session persistence (GEP-1619) end to end: one Service with two endpoints, 127.0.0.1 and 127.0.0.2 on
 * the same port, each answering its own name. A cookie session and a header session stick to one endpoint; taking
 * that endpoint out of the EndpointSlice moves the session to the other, with a new token.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionPersistenceIT {

    @TempDir
    static Path work;

    private static NamedBackend one;
    private static NamedBackend two;
    private static ItGateway gateway;

    private static final String ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: shop
              namespace: default
            spec:
              parentRefs:
                - name: it
              rules:
                - matches:
                    - path: {type: PathPrefix, value: /cart}
                  backendRefs:
                    - {name: shop, port: 80}
                  sessionPersistence:
                    sessionName: shop-session
                    absoluteTimeout: 1h
                    cookieConfig:
                      lifetimeType: Permanent
                - matches:
                    - path: {type: PathPrefix, value: /api}
                  backendRefs:
                    - {name: shop, port: 80}
                  sessionPersistence:
                    type: Header
                    sessionName: X-Shop-Session
                - matches:
                    - path: {type: PathPrefix, value: /}
                  backendRefs:
                    - {name: shop, port: 80}
            """;

    @BeforeAll
    static void start() throws IOException {
        one = new NamedBackend("one", "127.0.0.1", 0);
        two = new NamedBackend("two", "127.0.0.2", one.port());
        gateway = ItGateway.in(work)
                .file("20-service.yaml", Manifests.serviceWithEndpoints("shop", one.port(), "127.0.0.1", "127.0.0.2"))
                .file("30-route.yaml", ROUTE)
                .start("SessionPersistenceIT");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
    }

    private static HttpResponse<String> get(String path, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path));
        if (header != null) {
            request.header(header, value);
        }
        HttpResponse<String> response = ItHttp.send(request);
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    /** The {@code shop-session} token of a {@code Set-Cookie}, or null. */
    private static String cookieToken(HttpResponse<String> response) {
        return response.headers().firstValue("Set-Cookie")
                .filter(c -> c.startsWith("shop-session="))
                .map(c -> c.substring("shop-session=".length(), c.indexOf(';')))
                .orElse(null);
    }

    @Test
    @Order(1)
    void withoutASessionRequestsReachBothEndpoints() throws Exception {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 60 && names.size() < 2; i++) {
            names.add(get("/", null, null).body().trim());
        }
        assertThat(names).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    @Order(2)
    void aCookieSessionSticks() throws Exception {
        HttpResponse<String> first = get("/cart/items", null, null);
        String setCookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("shop-session=").contains("Max-Age=3600").contains("Path=/cart")
                .containsIgnoringCase("HttpOnly");
        String token = cookieToken(first);
        String name = first.body().trim();
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> next = get("/cart/items", "Cookie", "theme=dark; shop-session=" + token);
            assertThat(next.body().trim()).as("request %d", i).isEqualTo(name);
            assertThat(next.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Test
    @Order(3)
    void aHeaderSessionSticks() throws Exception {
        HttpResponse<String> first = get("/api/orders", null, null);
        String token = first.headers().firstValue("X-Shop-Session").orElseThrow();
        String name = first.body().trim();
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> next = get("/api/orders", "X-Shop-Session", token);
            assertThat(next.body().trim()).as("request %d", i).isEqualTo(name);
        }
    }

    @Test
    @Order(4)
    void aSessionMovesWhenItsEndpointLeavesTheEndpointSlice() throws Exception {
        HttpResponse<String> first = get("/cart", null, null);
        String token = cookieToken(first);
        String name = first.body().trim();
        String remaining = name.equals("one") ? "127.0.0.2" : "127.0.0.1";
        gateway.file("20-service.yaml", Manifests.serviceWithEndpoints("shop", one.port(), remaining));

        // the session moves once the changed EndpointSlice is served
        HttpResponse<String> moved = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/cart", "Cookie", "shop-session=" + token), response -> !response.body().trim()
                        .equals(name));
        String newToken = cookieToken(moved);
        assertThat(newToken).as("a new session on the remaining endpoint").isNotNull().isNotEqualTo(token);
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> next = get("/cart", "Cookie", "shop-session=" + newToken);
            assertThat(next.body().trim()).isEqualTo(moved.body().trim());
            assertThat(next.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }
}
