package io.lintel.plugin.filter.responseheader;

import static io.lintel.plugin.filter.support.testing.Configs.filterConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.testkit.FakeHeaders;
import io.lintel.testkit.FakeNext;
import io.lintel.testkit.FakeRequestHead;
import io.lintel.testkit.FakeResponseHead;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpResponseHead;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ResponseHeaderModifierFilterTest {

    private static final Map<String, Object> CONFIG = Map.of(
            "set", List.of(Map.of("name", "X-Header-Set", "value", "header-set")),
            "add", List.of(Map.of("name", "X-Header-Add", "value", "header-add"),
                    Map.of("name", "x-Mixedcase-ADD-1", "value", "mixedcase-add-1")),
            "remove", List.of("X-Header-Remove"));

    private static HttpFilter filter() throws Exception {
        ResponseHeaderModifierFilterFactory factory = new ResponseHeaderModifierFilterFactory();
        return factory.create(factory.translate(filterConfig("responseHeaderModifier", CONFIG)));
    }

    private static FakeRequestHead request() {
        return FakeRequestHead.get("http", "example.com", "/case-insensitivity");
    }

    @Test
    void leavesTheRequestAloneAndChangesTheResponseWhenItArrives() throws Exception {
        FakeRequestHead request = request();
        request.headers().add("X-Header-Remove", "request-side");
        CompletableFuture<HttpResponseHead> backend = new CompletableFuture<>();
        FakeNext next = new FakeNext().answering(backend);

        CompletionStage<HttpResponseHead> response = filter().filter(request, next);

        assertThat(next.proceeded()).containsExactly(request);
        assertThat(request.headers().getAll("X-Header-Remove")).containsExactly("request-side");
        assertThat(response.toCompletableFuture()).isNotDone();

        FakeResponseHead head = new FakeResponseHead(200, FakeHeaders.of(
                "x-header-set", "original-val-set",
                "x-header-add", "original-val-add",
                "x-header-remove", "original-val-remove",
                "Another-Header", "another-header-val"));
        backend.complete(head);

        assertThat(response.toCompletableFuture()).isCompletedWithValue(head);
        FakeHeaders headers = head.headers();
        assertThat(headers.getAll("X-Header-Set")).containsExactly("header-set");
        assertThat(headers.getAll("X-Header-Add")).containsExactly("original-val-add", "header-add");
        assertThat(headers.getAll("X-Mixedcase-Add-1")).containsExactly("mixedcase-add-1");
        assertThat(headers.getAll("Another-Header")).containsExactly("another-header-val");
        assertThat(headers.contains("X-Header-Remove")).isFalse();
    }

    @Test
    void aFailedExchangeStaysFailed() throws Exception {
        IllegalStateException failure = new IllegalStateException("no backend");
        CompletionStage<HttpResponseHead> response =
                filter().filter(request(), new FakeNext().answering(CompletableFuture.failedFuture(failure)));

        assertThat(response.toCompletableFuture()).failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .withCause(failure);
    }
}
