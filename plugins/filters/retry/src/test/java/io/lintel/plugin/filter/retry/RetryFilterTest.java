package io.lintel.plugin.filter.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.testkit.FakeHeaders;
import io.lintel.testkit.FakeRequestHead;
import io.lintel.testkit.FakeResponseHead;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import io.lintel.spi.filter.NoResponseException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class RetryFilterTest {

    /** Answers each proceed with the next scripted outcome: a status, or a NoResponseException of minus it. */
    private static final class ScriptedNext implements HttpNext {
        private final Deque<Integer> outcomes;
        int proceeded;
        final List<Duration> delays = new ArrayList<>();

        ScriptedNext(Integer... outcomes) {
            this.outcomes = new ArrayDeque<>(List.of(outcomes));
        }

        @Override
        public CompletionStage<HttpResponseHead> proceed(HttpRequestHead request) {
            proceeded++;
            int outcome = outcomes.isEmpty() ? 200 : outcomes.poll();
            return outcome > 0
                    ? CompletableFuture.completedFuture(new FakeResponseHead(outcome, new FakeHeaders()))
                    : CompletableFuture.failedFuture(new NoResponseException(-outcome, "scripted"));
        }

        @Override
        public HttpResponseHead respond(int status, String contentType, byte[] body) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void schedule(Runnable task, Duration delay) {
            delays.add(delay);
            task.run();
        }
    }

    private static RetryFilter filter(int attempts, Integer... codes) {
        return new RetryFilter(new RetrySpec(List.of(codes), attempts, Duration.ZERO));
    }

    private static HttpRequestHead get() {
        return FakeRequestHead.get("http", "example.com", "/");
    }

    private static int status(CompletionStage<HttpResponseHead> stage) {
        CompletableFuture<HttpResponseHead> future = stage.toCompletableFuture();
        assertThat(future).isDone();
        try {
            return future.join().status();
        } catch (RuntimeException e) {
            return -((NoResponseException) e.getCause()).status();
        }
    }

    @Test
    void retriesListedCodesUntilSuccess() {
        ScriptedNext next = new ScriptedNext(500, 500, 200);
        assertThat(status(filter(3, 500).filter(get(), next))).isEqualTo(200);
        assertThat(next.proceeded).isEqualTo(3);
    }

    @Test
    void attemptsCountRetriesAfterTheFirstTry() {
        ScriptedNext next = new ScriptedNext(500, 500, 500, 500, 200);
        assertThat(status(filter(3, 500).filter(get(), next))).isEqualTo(500);
        assertThat(next.proceeded).isEqualTo(4);
    }

    @Test
    void doesNotRetryOtherCodes() {
        ScriptedNext next = new ScriptedNext(503, 200);
        assertThat(status(filter(3, 500).filter(get(), next))).isEqualTo(503);
        assertThat(next.proceeded).isEqualTo(1);
    }

    @Test
    void retriesAttemptsWithoutResponseWhateverTheCodes() {
        // an attempt past timeouts.backendRequest (HTTPRouteRetryBackendTimeout)
        ScriptedNext timedOut = new ScriptedNext(-504, 200);
        assertThat(status(filter(1, 500).filter(get(), timedOut))).isEqualTo(200);

        // no connection, and a connection reset before the response (HTTPRouteRetryConnectionError)
        ScriptedNext notConnected = new ScriptedNext(-503, 200);
        assertThat(status(filter(1).filter(get(), notConnected))).isEqualTo(200);
        ScriptedNext reset = new ScriptedNext(-502, 200);
        assertThat(status(filter(1, 500).filter(get(), reset))).isEqualTo(200);

        // the last failure is the answer when attempts run out
        ScriptedNext resets = new ScriptedNext(-502, -502, 200);
        assertThat(status(filter(1, 500).filter(get(), resets))).isEqualTo(-502);
        assertThat(resets.proceeded).isEqualTo(2);
    }

    @Test
    void aResponseIsRetriedOnlyForListedCodes() {
        ScriptedNext gatewayTimeout = new ScriptedNext(504, 200);
        assertThat(status(filter(1, 500).filter(get(), gatewayTimeout))).isEqualTo(504);
        assertThat(gatewayTimeout.proceeded).isEqualTo(1);
    }

    @Test
    void doesNotRetryABodyTheDataPlaneCannotReplay() {
        ScriptedNext next = new ScriptedNext(500, 200);
        HttpRequestHead post = new FakeRequestHead("POST", "http", "example.com", "/",
                FakeHeaders.of("Content-Length", "5"));
        assertThat(status(filter(3, 500).filter(post, next))).isEqualTo(500);
        assertThat(next.proceeded).isEqualTo(1);
    }

    @Test
    void waitsTheBackoffOnTheExchangeLoop() {
        ScriptedNext next = new ScriptedNext(500, 500, 200);
        RetryFilter filter = new RetryFilter(new RetrySpec(List.of(500), 2, Duration.ofMillis(100)));
        assertThat(status(filter.filter(get(), next))).isEqualTo(200);
        assertThat(next.delays).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @Test
    void theBudgetBoundsRetriesDuringAnOutage() {
        long[] now = {0};
        RetryFilter filter = new RetryFilter(new RetrySpec(List.of(500), 3, Duration.ZERO),
                new RetryBudget(2, () -> now[0]));
        int tries = 0;
        for (int i = 0; i < 100; i++) {
            ScriptedNext next = new ScriptedNext(500, 500, 500, 500);
            assertThat(status(filter.filter(get(), next))).isEqualTo(500);
            tries += next.proceeded;
        }
        // 100 requests: the reserve of 2 retries plus a fifth of a retry per request, not 3 retries each
        assertThat(tries).isBetween(100 + 2 + 19, 100 + 2 + 20);

        // and a few retries a second whatever the traffic: a second later, a failing request retries again
        now[0] += 1_000_000_000L;
        ScriptedNext later = new ScriptedNext(500, 500, 200);
        assertThat(status(filter.filter(get(), later))).isEqualTo(200);
    }
}
