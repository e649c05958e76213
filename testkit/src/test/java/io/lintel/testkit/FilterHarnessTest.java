package io.lintel.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FilterHarnessTest {

    private static HttpRequestHead get() {
        return FakeRequestHead.get("http", "example.com", "/x");
    }

    @Test
    void recordsWhatReachedTheBackendAndWhatTheClientGot() {
        HttpFilter stamping = (request, next) -> {
            request.headers().set("x-stamp", "1");
            return next.proceed(request).thenApply(response -> {
                response.headers().set("x-seen", "yes");
                return response;
            });
        };
        try (FilterHarness harness = FilterHarness.of(stamping)
                .backend(request -> new FakeResponseHead(201, new FakeHeaders()))) {
            FilterHarness.Result result = harness.run(get());
            assertEquals("1", result.backendRequest().orElseThrow().headers().get("x-stamp"));
            assertEquals(201, result.response().status());
            assertEquals("yes", result.response().headers().get("x-seen"));
            assertFalse(result.answeredByFilter());
            assertTrue(result.stayedOnLoop());
        }
    }

    @Test
    void aFilterThatAnswersReachesNoBackend() {
        HttpFilter deny = (request, next) -> CompletableFuture.completedFuture(next.respond(403, "text/plain",
                "no".getBytes(StandardCharsets.UTF_8)));
        try (FilterHarness harness = FilterHarness.of(deny)) {
            FilterHarness.Result result = harness.run(get());
            assertTrue(result.backendRequest().isEmpty());
            assertEquals(0, result.backendCalls());
            assertEquals(403, result.response().status());
            assertTrue(result.answeredByFilter());
        }
    }

    @Test
    void aProceedFromAnotherThreadStillReachesTheBackendAndIsReported() {
        java.util.concurrent.ExecutorService elsewhere = java.util.concurrent.Executors.newSingleThreadExecutor();
        HttpFilter offLoop = (request, next) -> CompletableFuture
                .supplyAsync(() -> next.proceed(request), elsewhere)
                .thenCompose(stage -> stage);
        try (FilterHarness harness = FilterHarness.of(offLoop)) {
            FilterHarness.Result result = harness.run(get());
            assertEquals(1, result.backendCalls());
            assertEquals(200, result.response().status());
            assertFalse(result.stayedOnLoop(), "proceed was called from another thread");
        } finally {
            elsewhere.shutdownNow();
        }
    }

    @Test
    void aBodyReadingFilterSeesTheBodyAndStateLivesAcrossRuns() {
        AtomicInteger runs = new AtomicInteger();
        HttpFilter sizing = new HttpFilter() {
            @Override
            public CompletionStage<HttpResponseHead> filter(HttpRequestHead request, io.lintel.spi.filter.HttpNext next) {
                ByteBuffer body = next.context().requestBody().orElseThrow();
                request.headers().set("x-body-length", Integer.toString(body.remaining()));
                request.headers().set("x-run", Integer.toString(runs.incrementAndGet()));
                return next.proceed(request);
            }

            @Override
            public boolean needsRequestBody() {
                return true;
            }
        };
        try (FilterHarness harness = FilterHarness.of(sizing)) {
            harness.run(get(), new byte[10]);
            FilterHarness.Result second = harness.run(get(), new byte[42]);
            assertEquals("42", second.backendRequest().orElseThrow().headers().get("x-body-length"));
            assertEquals("2", second.backendRequest().orElseThrow().headers().get("x-run"));
        }
    }

    @Test
    void completionListenersHearTheEnd() {
        int[] status = {0};
        HttpFilter listening = (request, next) -> {
            next.context().onComplete(outcome -> status[0] = outcome.status());
            return next.proceed(request);
        };
        try (FilterHarness harness = FilterHarness.of(listening)
                .backend(request -> new FakeResponseHead(204, new FakeHeaders()))) {
            harness.run(get());
            assertEquals(204, status[0]);
        }
    }

    @Test
    void aFailedStageFailsTheRun() {
        HttpFilter failing = (request, next) -> CompletableFuture.failedFuture(new IllegalStateException("broken"));
        try (FilterHarness harness = FilterHarness.of(failing)) {
            assertThrows(AssertionError.class, () -> harness.run(get()));
        }
    }
}
