package io.lintel.testkit;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.CalloutRequest;
import io.lintel.spi.filter.CalloutResponse;
import io.lintel.spi.filter.ExchangeOutcome;
import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import io.lintel.spi.filter.RuleRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs one filter against an in-memory exchange, as core would: on an event loop of its own (one thread), with a
 * request context, the body read whole first when the filter asks for it, {@code proceed} from any thread hopping back
 * to the loop, and the exchange's end played to completion listeners. A backend function answers what reaches it,
 * and a callout function the filter's callouts (on the loop, as core completes them).
 * What reached the backend, what the client got and whether the filter called the chain from the loop are in the
 * {@link Result}.
 *
 * <pre>{@code
 * try (FilterHarness harness = FilterHarness.of(factory, spec, rule)) {
 *     FilterHarness.Result result = harness.run(FakeRequestHead.get("http", "example.com", "/hook"), body);
 *     assertThat(result.response().status()).isEqualTo(200);
 *     assertThat(result.backendRequest()).isPresent();
 * }
 * }</pre>
 *
 * <p>One filter per harness, one request at a time; a filter's state (per rule) lives on across runs, as it does in
 * core across requests of its rule.
 */
public final class FilterHarness implements AutoCloseable {

    /** The longest a run waits for the filter's stage. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);
    private static final String LOOP_THREAD = "testkit-event-loop";

    private final HttpFilter filter;
    private final RuleRef rule;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, LOOP_THREAD);
        thread.setDaemon(true);
        return thread;
    });
    private Function<HttpRequestHead, HttpResponseHead> backend =
            request -> new FakeResponseHead(200, new FakeHeaders());

    private Function<CalloutRequest, CalloutResponse> callouts = request -> {
        throw new IllegalStateException("no callout answer was set");
    };

    private FilterHarness(HttpFilter filter, RuleRef rule) {
        this.filter = requireNonNull(filter, "filter");
        this.rule = requireNonNull(rule, "rule");
    }

    /** A harness for {@code filter}, run for rule 0 of HTTPRoute {@code default/test}. */
    public static FilterHarness of(HttpFilter filter) {
        return new FilterHarness(filter, new RuleRef("HTTPRoute", "default", "test", 0, ""));
    }

    /** A harness for the filter {@code factory} creates for {@code spec} and {@code rule}, as core creates it. */
    public static FilterHarness of(HttpFilterFactory factory, FilterSpec spec, RuleRef rule) {
        return new FilterHarness(factory.create(spec, rule), rule);
    }

    /** How the backend answers what reaches it (by default 200 with no headers). */
    public FilterHarness backend(Function<HttpRequestHead, HttpResponseHead> answer) {
        this.backend = requireNonNull(answer, "answer");
        return this;
    }

    /**
     * How the filter's callouts are answered (by default they fail); a function that throws fails the callout with
     * what it threw, as a connection failure would.
     */
    public FilterHarness callouts(Function<CalloutRequest, CalloutResponse> answer) {
        this.callouts = requireNonNull(answer, "answer");
        return this;
    }

    /** What one run gave. */
    public record Result(
            /** The head that reached the backend (the last one, after retries), or empty if none did. */
            Optional<HttpRequestHead> backendRequest,
            /** How many times the rest of the chain was called. */
            int backendCalls,
            /** What the client got. */
            HttpResponseHead response,
            /** Whether the filter answered itself ({@link HttpNext#respond}). */
            boolean answeredByFilter,
            /**
             * Whether the filter called {@code proceed} and {@code respond} from the event loop only. Core accepts a
             * {@code proceed} from elsewhere (it hops back); false here shows the filter did leave the loop.
             */
            boolean stayedOnLoop) {}

    /** Runs a request without body. */
    public Result run(HttpRequestHead request) {
        return run(request, new byte[0]);
    }

    /**
     * Runs a request with {@code body}, which a filter that asks for bodies ({@link HttpFilter#needsRequestBody()})
     * reads from the context. Fails when the filter's stage fails or does not complete within 30 s.
     */
    public Result run(HttpRequestHead request, byte[] body) {
        FakeRequestContext context = new FakeRequestContext(rule).withEventLoop(loop);
        if (filter.needsRequestBody()) {
            context.withBody(body);
        }
        Chain chain = new Chain(context);
        CompletableFuture<HttpResponseHead> response = new CompletableFuture<>();
        long started = System.nanoTime();
        loop.execute(() -> {
            try {
                filter.filter(request, chain).whenComplete((head, failure) -> {
                    context.complete(new ExchangeOutcome(head == null ? 0 : head.status(), body.length, 0,
                            Duration.ofNanos(System.nanoTime() - started), failure != null));
                    if (failure != null) {
                        response.completeExceptionally(failure);
                    } else {
                        response.complete(head);
                    }
                });
            } catch (RuntimeException e) {
                response.completeExceptionally(e);
            }
        });
        HttpResponseHead head = await(response);
        return new Result(chain.proceeded.isEmpty() ? Optional.empty()
                : Optional.of(chain.proceeded.get(chain.proceeded.size() - 1)),
                chain.proceeded.size(), head, chain.responded, chain.onLoop);
    }

    private static HttpResponseHead await(CompletableFuture<HttpResponseHead> response) {
        try {
            return response.get(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the filter's stage failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the filter's stage did not complete within " + RUN_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static boolean onLoop() {
        return Thread.currentThread().getName().equals(LOOP_THREAD);
    }

    /** The rest of the chain: the backend function, reached on the loop as core reaches it. */
    private final class Chain implements HttpNext {
        private final HttpRequestContext context;
        final List<HttpRequestHead> proceeded = new ArrayList<>();
        boolean responded;
        boolean onLoop = true;

        Chain(HttpRequestContext context) {
            this.context = context;
        }

        @Override
        public CompletionStage<HttpResponseHead> proceed(HttpRequestHead request) {
            onLoop &= onLoop();
            CompletableFuture<HttpResponseHead> answer = new CompletableFuture<>();
            // like core: a proceed from another thread hops to the loop, and the answer completes there
            Runnable send = () -> {
                proceeded.add(request);
                answer.complete(backend.apply(request));
            };
            if (onLoop()) {
                send.run();
            } else {
                loop.execute(send);
            }
            return answer;
        }

        @Override
        public HttpResponseHead respond(int status, String contentType, byte[] body) {
            onLoop &= onLoop();
            responded = true;
            FakeHeaders headers = new FakeHeaders();
            if (contentType != null) {
                headers.set("content-type", contentType);
            }
            return new FakeResponseHead(status, headers);
        }

        @Override
        public HttpRequestContext context() {
            return context;
        }

        @Override
        public CompletionStage<CalloutResponse> callout(FilterBackend target, CalloutRequest request) {
            CompletableFuture<CalloutResponse> answer = new CompletableFuture<>();
            loop.execute(() -> {
                try {
                    answer.complete(callouts.apply(request));
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
            return answer;
        }

        @Override
        public void schedule(Runnable task, Duration delay) {
            loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
