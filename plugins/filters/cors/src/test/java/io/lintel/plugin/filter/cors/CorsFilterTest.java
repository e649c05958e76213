package io.lintel.plugin.filter.cors;

import static io.lintel.plugin.filter.support.testing.Configs.filterConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.testkit.FakeHeaders;
import io.lintel.testkit.FakeNext;
import io.lintel.testkit.FakeRequestHead;
import io.lintel.testkit.FakeResponseHead;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpResponseHead;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
        assertThat(byName(response)).isEqualTo(Map.of(
                "access-control-allow-origin", "https://xpto.www.bar.com",
                "access-control-allow-methods", "GET, OPTIONS",
                "access-control-allow-headers", "x-header-1, x-header-2",
                "access-control-expose-headers", "x-header-3, x-header-4",
                "access-control-max-age", "3600",
                "access-control-allow-credentials", "true",
                "vary", "Origin"));
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
        // the gateway's answer replaces the backend's; only a preflight answer carries methods and max age
        assertThat(byName(response)).isEqualTo(Map.of(
                "access-control-allow-origin", "https://www.foo.com",
                "access-control-allow-credentials", "true",
                "access-control-expose-headers", "x-header-3, x-header-4",
                "vary", "Accept-Encoding,Origin"));
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

        assertThat(preflight(unauthenticated, "Access-Control-Request-Headers", "x-header-1")).isEqualTo(Map.of(
                "access-control-allow-origin", "*",
                "access-control-allow-methods", "*",
                "access-control-allow-headers", "*",
                "access-control-expose-headers", "*",
                "access-control-max-age", "5"));
    }

    @Test
    void echoesWhatTheClientAskedForInsteadOfWildcardsWithCredentials() throws Exception {
        HttpFilter authenticated = filter(Map.of("allowOrigins", List.of("*"), "allowMethods", List.of("*"),
                "allowHeaders", List.of("*"), "exposeHeaders", List.of("*", "x-header-3"), "allowCredentials", true));

        Map<String, String> echoed = Map.of(
                "access-control-allow-origin", "https://other.foo.com",
                "access-control-allow-methods", "PUT",
                "access-control-expose-headers", "x-header-3",
                "access-control-allow-credentials", "true",
                "access-control-max-age", "5",
                "vary", "Origin");
        Map<String, String> withHeaders = new TreeMap<>(echoed);
        withHeaders.put("access-control-allow-headers", "x-header-1, x-header-2");
        assertThat(preflight(authenticated, "Access-Control-Request-Headers", "x-header-1, x-header-2"))
                .isEqualTo(withHeaders);
        assertThat(preflight(authenticated)).isEqualTo(echoed);
    }

    @Test
    void sendsNoMethodOrHeaderListsThatAreNotConfigured() throws Exception {
        assertThat(preflight(filter(Map.of("allowOrigins", List.of("https://other.foo.com"))))).isEqualTo(Map.of(
                "access-control-allow-origin", "https://other.foo.com",
                "access-control-max-age", "5",
                "vary", "Origin"));
    }

    /**
     * The headers of the answer to a preflight from {@code https://other.foo.com} for a {@code PUT}, with
     * {@code moreHeaders} added to the request, as lower-case names to values.
     */
    private static Map<String, String> preflight(HttpFilter filter, String... moreHeaders) {
        FakeRequestHead request = request("OPTIONS", "Origin", "https://other.foo.com",
                "Access-Control-Request-Method", "PUT");
        for (int i = 0; i < moreHeaders.length; i += 2) {
            request.headers().add(moreHeaders[i], moreHeaders[i + 1]);
        }
        FakeNext next = new FakeNext();
        HttpResponseHead response = filter.filter(request, next).toCompletableFuture().join();
        assertThat(next.proceeded()).isEmpty();
        return byName(response);
    }

    /** The response's headers as lower-case names to their values joined with ",". */
    private static Map<String, String> byName(HttpResponseHead response) {
        Map<String, String> headers = new TreeMap<>();
        answer(response).forEach(entry -> headers.merge(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue(),
                (a, b) -> a + "," + b));
        return headers;
    }
}
