package io.lintel.plugin.filter.urlrewrite;

import static io.lintel.plugin.filter.support.testing.Configs.filterConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.testkit.FakeNext;
import io.lintel.testkit.FakeRequestHead;
import io.lintel.spi.filter.HttpFilter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlRewriteFilterTest {

    private static HttpFilter filter(Map<String, Object> config) throws Exception {
        UrlRewriteFilterFactory factory = new UrlRewriteFilterFactory();
        return factory.create(factory.translate(filterConfig("urlRewrite", config)));
    }

    @Test
    void rewritesTheHostAndProceeds() throws Exception {
        FakeRequestHead request = FakeRequestHead.get("http", "rewrite.example", "/one").matchedBy("/one");
        FakeNext next = new FakeNext();

        filter(Map.of("hostname", "one.example.org")).filter(request, next);

        assertThat(next.proceeded()).containsExactly(request);
        assertThat(request.backendAuthority()).isEqualTo("one.example.org");
        assertThat(request.authority()).isEqualTo("rewrite.example");
        assertThat(request.pathAndQuery()).isEqualTo("/one");
    }

    @Test
    void replacesAPortInTheAuthorityToo() throws Exception {
        FakeRequestHead request = FakeRequestHead.get("http", "rewrite.example:8080", "/");

        filter(Map.of("hostname", "example.org")).filter(request, new FakeNext());

        assertThat(request.backendAuthority()).isEqualTo("example.org");
    }

    /** The conformance case HTTPRouteRewritePath, plus the query. */
    @ParameterizedTest(name = "{0} matched by {1} with {2} {3} -> {4}")
    @CsvSource(textBlock = """
            /prefix/one/two, /prefix/one, ReplacePrefixMatch, /one, /one/two
            /strip-prefix/three, /strip-prefix, ReplacePrefixMatch, /, /three
            /strip-prefix, /strip-prefix, ReplacePrefixMatch, /, /
            /full/one/two, /full/one, ReplaceFullPath, /one, /one
            /full/rewrite-path-and-modify-headers/test, /full/rewrite-path-and-modify-headers, ReplaceFullPath, /test, /test
            /prefix/rewrite-path-and-modify-headers/one, /prefix/rewrite-path-and-modify-headers, ReplacePrefixMatch, /prefix, /prefix/one
            /strip-prefix/three?a=1&b=2, /strip-prefix, ReplacePrefixMatch, /, /three?a=1&b=2
            /full/one?x, /full/one, ReplaceFullPath, /one, /one?x
            """)
    void rewritesThePath(String path, String matchedPrefix, String type, String value, String expected)
            throws Exception {
        String field = type.equals("ReplaceFullPath") ? "replaceFullPath" : "replacePrefixMatch";
        FakeRequestHead request = FakeRequestHead.get("http", "example.com", path).matchedBy(matchedPrefix);

        filter(Map.of("path", Map.of("type", type, field, value))).filter(request, new FakeNext());

        assertThat(request.pathAndQuery()).isEqualTo(expected);
        assertThat(request.backendAuthority()).isEqualTo("example.com");
    }

    @Test
    void anEmptyRewriteChangesNothing() throws Exception {
        FakeRequestHead request = FakeRequestHead.get("http", "example.com", "/a?b");

        filter(Map.of()).filter(request, new FakeNext());

        assertThat(request.pathAndQuery()).isEqualTo("/a?b");
        assertThat(request.backendAuthority()).isEqualTo("example.com");
    }
}
