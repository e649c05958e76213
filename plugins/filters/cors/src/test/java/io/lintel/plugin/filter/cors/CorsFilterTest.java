package io.lintel.plugin.filter.cors;

import static io.lintel.plugin.filter.support.testing.Configs.filterConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.plugin.filter.support.testing.FakeHeaders;
import io.lintel.plugin.filter.support.testing.FakeNext;
import io.lintel.plugin.filter.support.testing.FakeRequestHead;
import io.lintel.plugin.filter.support.testing.FakeResponseHead;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpResponseHead;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The filter driven with the fakes of the support test-jar, following the conformance case HTTPRouteCORS. */
class CorsFilterTest {

    /** The rule of route cors-multiple-origins-methods-headers. */
    private static final Map<String, Object> MULTIPLE = Map.of(
            "allowOrigins", List.of("https://www.foo.com", "https://*.bar.com"),
            "allowMethods", List.of("GET", "OPTIONS"),
            "allowHeaders", List.of("x-header-1", "x-header-2"),
            "exposeHeaders", List.of("x-header-3", "x-header-4"),
            "allowCredentials", true,
            "maxAge", 3600);

    private static HttpFilter filter(Map<String, Object> config) throws Exception {
        CorsFilterFactory factory = new CorsFilterFactory();
        return factory.create(factory.translate(filterConfig("cors", config)));
    }

    private static FakeRequestHead request(String method, String... headers) {
        return new FakeRequestHead(method, "http", "gw.example", "/cors", FakeHeaders.of(headers));
    }

    private static FakeHeaders answer(HttpResponseHead response) {
        return (FakeHeaders) response.headers();
    }

    @Test
    void answersAnAllowedPreflightItselfWithEveryConfiguredHeader() throws Exception {
        FakeNext next = new FakeNext();
        HttpResponseHead response = filter(MULTIPLE).filter(request("OPTIONS", "Origin", "https://xpto.www.bar.com",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "x-header-1, x-header-2"),
                next).toCompletableFuture().join();

        assertThat(next.proceeded()).isEmpty();
        assertThat(next.responded()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEmpty();
        });
        FakeHeaders headers = answer(response);
        assertThat(headers.get("access-control-allow-origin")).isEqualTo("https://xpto.www.bar.com");
        assertThat(headers.get("access-control-allow-methods")).isEqualTo("GET, OPTIONS");
        assertThat(headers.get("access-control-allow-headers")).isEqualTo("x-header-1, x-header-2");
        assertThat(headers.get("access-control-expose-headers")).isEqualTo("x-header-3, x-header-4");
        assertThat(headers.get("access-control-max-age")).isEqualTo("3600");
        assertThat(headers.get("access-control-allow-credentials")).isEqualTo("true");
        assertThat(headers.getAll("vary")).containsExactly("Origin");
    }

    @Test
    void answersAPreflightFromAnOriginNotAllowedWithoutCorsHeaders() throws Exception {
        FakeNext next = new FakeNext();
        HttpResponseHead response = filter(MULTIPLE).filter(request("OPTIONS", "Origin", "https://foobar.com",
                "Access-Control-Request-Method", "GET"), next).toCompletableFuture().join();

        assertThat(next.proceeded()).isEmpty();
        assertThat(response.status()).isEqualTo(200);
        assertThat(answer(response).entries()).isEmpty();
    }

    @Test
    void sendsOnAnOptionsRequestThatIsNoPreflight() throws Exception {
        FakeNext next = new FakeNext();
        filter(MULTIPLE).filter(request("OPTIONS", "Origin", "https://www.foo.com"), next);
        filter(MULTIPLE).filter(request("OPTIONS", "Access-Control-Request-Method", "GET"), next);

        assertThat(next.proceeded()).hasSize(2);
        assertThat(next.responded()).isEmpty();
    }

    @Test
    void addsTheResponseHeadersToAnAllowedActualRequest() throws Exception {
        FakeResponseHead backend = new FakeResponseHead(200, FakeHeaders.of("Vary", "Accept-Encoding",
                "Access-Control-Allow-Origin", "https://stale.example"));
        FakeNext next = new FakeNext().answering(CompletableFuture.completedFuture(backend));
        HttpResponseHead response = filter(MULTIPLE).filter(request("GET", "Origin", "https://www.foo.com",
                "Access-Control-Request-Method", "GET"), next).toCompletableFuture().join();

        assertThat(next.proceeded()).hasSize(1);
        FakeHeaders headers = answer(response);
        assertThat(headers.getAll("access-control-allow-origin")).containsExactly("https://www.foo.com");
        assertThat(headers.get("access-control-allow-credentials")).isEqualTo("true");
        assertThat(headers.get("access-control-expose-headers")).isEqualTo("x-header-3, x-header-4");
        assertThat(headers.getAll("vary")).containsExactly("Accept-Encoding", "Origin");
        // only a preflight answer carries these
        assertThat(headers.contains("access-control-allow-methods")).isFalse();
        assertThat(headers.contains("access-control-max-age")).isFalse();
    }

    @Test
    void leavesResponsesToOtherOriginsAndSameOriginRequestsAlone() throws Exception {
        FakeNext next = new FakeNext();
        HttpResponseHead foreign = filter(MULTIPLE).filter(request("GET", "Origin", "https://foobar.com"), next)
                .toCompletableFuture().join();
        HttpResponseHead sameOrigin = filter(MULTIPLE).filter(request("GET"), next).toCompletableFuture().join();

        assertThat(next.proceeded()).hasSize(2);
        assertThat(answer(foreign).entries()).isEmpty();
        assertThat(answer(sameOrigin).entries()).isEmpty();
    }

    @Test
    void sendsWildcardsOnlyWithoutCredentials() throws Exception {
        HttpFilter unauthenticated = filter(Map.of("allowOrigins", List.of("*"), "allowMethods", List.of("*"),
                "allowHeaders", List.of("*"), "exposeHeaders", List.of("*"), "allowCredentials", false));
        HttpResponseHead response = unauthenticated.filter(request("OPTIONS", "Origin", "https://other.foo.com",
                "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-header-1"),
                new FakeNext()).toCompletableFuture().join();

        FakeHeaders headers = answer(response);
        assertThat(headers.get("access-control-allow-origin")).isEqualTo("*");
        assertThat(headers.get("access-control-allow-methods")).isEqualTo("*");
        assertThat(headers.get("access-control-allow-headers")).isEqualTo("*");
        assertThat(headers.get("access-control-expose-headers")).isEqualTo("*");
        assertThat(headers.get("access-control-max-age")).isEqualTo("5");
        assertThat(headers.contains("access-control-allow-credentials")).isFalse();
        assertThat(headers.contains("vary")).isFalse();
    }

    @Test
    void echoesWhatTheClientAskedForInsteadOfWildcardsWithCredentials() throws Exception {
        HttpFilter authenticated = filter(Map.of("allowOrigins", List.of("*"), "allowMethods", List.of("*"),
                "allowHeaders", List.of("*"), "exposeHeaders", List.of("*", "x-header-3"), "allowCredentials", true));
        HttpResponseHead response = authenticated.filter(request("OPTIONS", "Origin", "https://other.foo.com",
                "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-header-1, x-header-2"),
                new FakeNext()).toCompletableFuture().join();

        FakeHeaders headers = answer(response);
        assertThat(headers.get("access-control-allow-origin")).isEqualTo("https://other.foo.com");
        assertThat(headers.get("access-control-allow-methods")).isEqualTo("PUT");
        assertThat(headers.get("access-control-allow-headers")).isEqualTo("x-header-1, x-header-2");
        assertThat(headers.get("access-control-expose-headers")).isEqualTo("x-header-3");
        assertThat(headers.get("access-control-allow-credentials")).isEqualTo("true");
        assertThat(headers.getAll("vary")).containsExactly("Origin");

        HttpResponseHead withoutRequestHeaders = authenticated.filter(request("OPTIONS", "Origin",
                "https://other.foo.com", "Access-Control-Request-Method", "PUT"), new FakeNext())
                .toCompletableFuture().join();
        assertThat(answer(withoutRequestHeaders).contains("access-control-allow-headers")).isFalse();
    }

    @Test
    void sendsNoMethodOrHeaderListsThatAreNotConfigured() throws Exception {
        HttpResponseHead response = filter(Map.of("allowOrigins", List.of("https://www.foo.com")))
                .filter(request("OPTIONS", "Origin", "https://www.foo.com", "Access-Control-Request-Method", "POST"),
                        new FakeNext()).toCompletableFuture().join();

        FakeHeaders headers = answer(response);
        assertThat(headers.get("access-control-allow-origin")).isEqualTo("https://www.foo.com");
        assertThat(headers.contains("access-control-allow-methods")).isFalse();
        assertThat(headers.contains("access-control-allow-headers")).isFalse();
        assertThat(headers.contains("access-control-expose-headers")).isFalse();
        assertThat(headers.contains("access-control-allow-credentials")).isFalse();
    }
}
