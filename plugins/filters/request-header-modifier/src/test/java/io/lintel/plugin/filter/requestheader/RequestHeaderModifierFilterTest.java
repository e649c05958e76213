package io.lintel.plugin.filter.requestheader;

import static io.lintel.plugin.filter.support.testing.Configs.filterConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.testkit.FakeHeaders;
import io.lintel.testkit.FakeNext;
import io.lintel.testkit.FakeRequestHead;
import io.lintel.testkit.FakeResponseHead;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpResponseHead;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class RequestHeaderModifierFilterTest {

    private static HttpFilter filter(Map<String, Object> config) throws Exception {
        RequestHeaderModifierFilterFactory factory = new RequestHeaderModifierFilterFactory();
        return factory.create(factory.translate(filterConfig("requestHeaderModifier", config)));
    }

    private static FakeRequestHead request(String... headers) {
        return new FakeRequestHead("GET", "http", "example.com", "/multiple", FakeHeaders.of(headers));
    }

    @Test
    void modifiesTheRequestHeadersThenProceedsOnce() throws Exception {
        HttpFilter filter = filter(Map.of(
                "set", List.of(Map.of("name", "X-Header-Set-1", "value", "header-set-1"),
                        Map.of("name", "X-Header-Set-2", "value", "header-set-2")),
                "add", List.of(Map.of("name", "X-Header-Add-1", "value", "header-add-1"),
                        Map.of("name", "X-Header-Add-2", "value", "header-add-2")),
                "remove", List.of("X-Header-Remove-1", "X-Header-Remove-2")));
        FakeRequestHead request = request(
                "X-Header-Set-2", "set-val-2",
                "X-Header-Add-2", "add-val-2",
                "X-Header-Remove-2", "remove-val-2",
                "Another-Header", "another-header-val");
        FakeResponseHead backendResponse = new FakeResponseHead(200, new FakeHeaders());
        FakeNext next = new FakeNext().answering(CompletableFuture.completedFuture(backendResponse));

        CompletionStage<HttpResponseHead> response = filter.filter(request, next);

        assertThat(response.toCompletableFuture()).isCompletedWithValue(backendResponse);
        assertThat(next.proceeded()).containsExactly(request);
        assertThat(next.responded()).isEmpty();
        FakeHeaders headers = request.headers();
        assertThat(headers.getAll("X-Header-Set-1")).containsExactly("header-set-1");
        assertThat(headers.getAll("X-Header-Set-2")).containsExactly("header-set-2");
        assertThat(headers.getAll("X-Header-Add-1")).containsExactly("header-add-1");
        assertThat(headers.getAll("X-Header-Add-2")).containsExactly("add-val-2", "header-add-2");
        assertThat(headers.getAll("Another-Header")).containsExactly("another-header-val");
        assertThat(headers.contains("X-Header-Remove-1")).isFalse();
        assertThat(headers.contains("X-Header-Remove-2")).isFalse();
    }

    @Test
    void matchesNamesCaseInsensitively() throws Exception {
        HttpFilter filter = filter(Map.of(
                "set", List.of(Map.of("name", "X-Header-Set", "value", "header-set")),
                "add", List.of(Map.of("name", "X-Header-Add", "value", "header-add")),
                "remove", List.of("X-Header-Remove")));
        FakeRequestHead request = request(
                "x-header-set", "original-val-set",
                "x-header-add", "original-val-add",
                "x-header-remove", "original-val-remove");

        filter.filter(request, new FakeNext());

        assertThat(request.headers().getAll("X-Header-Set")).containsExactly("header-set");
        assertThat(request.headers().getAll("X-Header-Add")).containsExactly("original-val-add", "header-add");
        assertThat(request.headers().contains("x-header-remove")).isFalse();
    }

    @Test
    void passesABackendFailureOnUnchanged() throws Exception {
        HttpFilter filter = filter(Map.of("remove", List.of("X-A")));
        CompletableFuture<HttpResponseHead> failed = CompletableFuture.failedFuture(new IllegalStateException("down"));

        CompletionStage<HttpResponseHead> response = filter.filter(request(), new FakeNext().answering(failed));

        assertThat(response.toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void oneInstanceServesManyRequestsIndependently() throws Exception {
        HttpFilter filter = filter(Map.of("add", List.of(Map.of("name", "X-Add", "value", "v"))));
        FakeRequestHead first = request();
        FakeRequestHead second = request("X-Add", "old");

        filter.filter(first, new FakeNext());
        filter.filter(second, new FakeNext());

        assertThat(first.headers().getAll("X-Add")).containsExactly("v");
        assertThat(second.headers().getAll("X-Add")).containsExactly("old", "v");
    }
}
