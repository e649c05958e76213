package io.lintel.plugin.filter.redirect;

import static io.lintel.plugin.filter.support.testing.Configs.filterConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.testkit.FakeNext;
import io.lintel.testkit.FakeRequestHead;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpResponseHead;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestRedirectFilterTest {

    private static HttpFilter filter(Map<String, Object> config) throws Exception {
        RequestRedirectFilterFactory factory = new RequestRedirectFilterFactory();
        return factory.create(factory.translate(filterConfig("requestRedirect", config)));
    }

    private static Map<String, Object> config(String scheme, String hostname, Integer port) {
        Map<String, Object> config = new HashMap<>();
        if (scheme != null) {
            config.put("scheme", scheme);
        }
        if (hostname != null) {
            config.put("hostname", hostname);
        }
        if (port != null) {
            config.put("port", port);
        }
        return config;
    }

    private static String location(HttpFilter filter, FakeRequestHead request) {
        FakeNext next = new FakeNext();
        CompletionStage<HttpResponseHead> response = filter.filter(request, next);
        assertThat(next.proceeded()).isEmpty();
        assertThat(next.responded()).singleElement().satisfies(r -> assertThat(r.body()).isEmpty());
        return response.toCompletableFuture().join().headers().get("Location");
    }

    /**
     * The conformance cases HTTPRouteRedirectPortAndScheme, HTTPRouteRedirectPort and HTTPRouteRedirectScheme: a
     * client on port 80 sends no port in Host, one on 8080 sends it, the HTTPS one sends Host example.org.
     */
    @ParameterizedTest(name = "{0}://{1}{2} with scheme={3} hostname={4} port={5} -> {6}")
    @CsvSource(nullValues = "nil", textBlock = """
            http,  127.0.0.10,      /scheme-nil-and-port-nil,    nil,   example.org, nil,  http://example.org/scheme-nil-and-port-nil
            http,  127.0.0.10,      /scheme-nil-and-port-80,     nil,   example.org, 80,   http://example.org/scheme-nil-and-port-80
            http,  127.0.0.10,      /scheme-nil-and-port-8080,   nil,   example.org, 8080, http://example.org:8080/scheme-nil-and-port-8080
            http,  127.0.0.10,      /scheme-https-and-port-nil,  https, example.org, nil,  https://example.org/scheme-https-and-port-nil
            http,  127.0.0.10,      /scheme-https-and-port-443,  https, example.org, 443,  https://example.org/scheme-https-and-port-443
            http,  127.0.0.10,      /scheme-https-and-port-8443, https, example.org, 8443, https://example.org:8443/scheme-https-and-port-8443
            http,  127.0.0.11:8080, /scheme-nil-and-port-nil,    nil,   example.org, nil,  http://example.org:8080/scheme-nil-and-port-nil
            http,  127.0.0.11:8080, /scheme-nil-and-port-80,     nil,   example.org, 80,   http://example.org/scheme-nil-and-port-80
            http,  127.0.0.11:8080, /scheme-https-and-port-nil,  https, example.org, nil,  https://example.org/scheme-https-and-port-nil
            https, example.org,     /scheme-nil-and-port-nil,    nil,   example.org, nil,  https://example.org/scheme-nil-and-port-nil
            https, example.org,     /scheme-nil-and-port-443,    nil,   example.org, 443,  https://example.org/scheme-nil-and-port-443
            https, example.org,     /scheme-nil-and-port-8443,   nil,   example.org, 8443, https://example.org:8443/scheme-nil-and-port-8443
            https, example.org,     /scheme-http-and-port-nil,   http,  example.org, nil,  http://example.org/scheme-http-and-port-nil
            https, example.org,     /scheme-http-and-port-80,    http,  example.org, 80,   http://example.org/scheme-http-and-port-80
            https, example.org,     /scheme-http-and-port-8080,  http,  example.org, 8080, http://example.org:8080/scheme-http-and-port-8080
            https, example.org:443, /x,                          nil,   nil,         nil,  https://example.org/x
            http,  127.0.0.10,      /port,                       nil,   nil,         8083, http://127.0.0.10:8083/port
            http,  127.0.0.10,      /port-and-host,              nil,   example.org, 8083, http://example.org:8083/port-and-host
            http,  127.0.0.10,      /scheme,                     https, nil,         nil,  https://127.0.0.10/scheme
            http,  127.0.0.10:8080, /scheme,                     https, nil,         nil,  https://127.0.0.10/scheme
            http,  127.0.0.10,      /hostname-redirect,          nil,   example.org, nil,  http://example.org/hostname-redirect
            http,  [::1]:8080,      /v6,                         nil,   nil,         nil,  http://[::1]:8080/v6
            http,  [::1]:8080,      /v6,                         https, nil,         nil,  https://[::1]/v6
            http,  [::1],           /v6,                         nil,   nil,         8083, http://[::1]:8083/v6
            http,  host:junk,       /bad-port,                   nil,   nil,         nil,  http://host/bad-port
            """)
    void buildsTheLocationAsTheConformanceSuiteExpects(String requestScheme, String authority, String path,
            String scheme, String hostname, Integer port, String expected) throws Exception {
        HttpFilter filter = filter(config(scheme, hostname, port));

        assertThat(location(filter, FakeRequestHead.get(requestScheme, authority, path))).isEqualTo(expected);
    }

    @Test
    void answersWithTheConfiguredStatusAndAnEmptyBody() throws Exception {
        FakeNext next = new FakeNext();
        HttpResponseHead response = filter(Map.of("hostname", "example.org", "statusCode", 301))
                .filter(FakeRequestHead.get("http", "127.0.0.10", "/host-and-status"), next)
                .toCompletableFuture().join();

        assertThat(response.status()).isEqualTo(301);
        assertThat(response.headers().getAll("Location")).containsExactly("http://example.org/host-and-status");
        assertThat(next.responded()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(301);
            assertThat(r.body()).isEmpty();
        });
        assertThat(filter(Map.of()).filter(FakeRequestHead.get("http", "a", "/"), new FakeNext())
                .toCompletableFuture().join().status()).isEqualTo(302);
    }

    /** The conformance cases HTTPRoute303Redirect, HTTPRoute307Redirect and HTTPRoute308Redirect. */
    @ParameterizedTest(name = "statusCode {0}")
    @ValueSource(ints = {303, 307, 308})
    void answersWithTheStatusCodesOfLaterReleases(int statusCode) throws Exception {
        HttpResponseHead response = filter(Map.of("statusCode", statusCode))
                .filter(FakeRequestHead.get("http", "127.0.0.10", "/temporary"), new FakeNext())
                .toCompletableFuture().join();

        assertThat(response.status()).isEqualTo(statusCode);
        assertThat(response.headers().getAll("Location")).containsExactly("http://127.0.0.10/temporary");
    }

    /** The conformance case HTTPRouteRedirectPath. */
    @ParameterizedTest(name = "{0} matched by {1} with {2} {3} -> {4}")
    @CsvSource(textBlock = """
            /original-prefix/lemon, /original-prefix, ReplacePrefixMatch, /replacement-prefix, http://127.0.0.10/replacement-prefix/lemon
            /full/path/original,    /full,            ReplaceFullPath,    /full-path-replacement, http://127.0.0.10/full-path-replacement
            /path-and-status,       /path-and-status, ReplacePrefixMatch, /replacement-prefix, http://127.0.0.10/replacement-prefix
            /a/b?x=1&y=2,           /a,               ReplacePrefixMatch, /c,                  http://127.0.0.10/c/b?x=1&y=2
            /a/b?x=1,               /a,               ReplaceFullPath,    /c,                  http://127.0.0.10/c?x=1
            """)
    void changesThePathAndKeepsTheQuery(String path, String matchedPrefix, String type, String value,
            String expected) throws Exception {
        String field = type.equals("ReplaceFullPath") ? "replaceFullPath" : "replacePrefixMatch";
        HttpFilter filter = filter(Map.of("path", Map.of("type", type, field, value)));

        assertThat(location(filter, FakeRequestHead.get("http", "127.0.0.10", path).matchedBy(matchedPrefix)))
                .isEqualTo(expected);
    }

    @Test
    void keepsPathAndQueryWithoutAPathModifier() throws Exception {
        assertThat(location(filter(Map.of("scheme", "https")), FakeRequestHead.get("http", "h", "/p?q=1")))
                .isEqualTo("https://h/p?q=1");
    }
}
