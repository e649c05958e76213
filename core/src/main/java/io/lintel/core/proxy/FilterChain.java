package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs filters as nested decorators: filter {@code i} gets an {@link HttpNext} that runs filter {@code i+1}, and the
 * last one's proceeds to {@code terminal} (the backend). A filter that throws fails its stage. Copies a filter asks
 * for with {@link #mirror} go to {@code mirroring}; whatever happens to them never reaches the chain.
 */
final class FilterChain implements HttpNext {

    /** Where the chain's request copies go: the exchange that runs it. */
    @FunctionalInterface
    interface Mirroring {

        Mirroring NONE = (backend, request) -> {};

        /** Sends a copy, fire-and-forget; never throws. */
        void mirror(FilterBackend backend, HttpRequestHead request);
    }

    private static final Logger LOG = LoggerFactory.getLogger(FilterChain.class);

    private final List<HttpFilter> filters;
    private final int index;
    private final Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal;
    private final Mirroring mirroring;
    // the exchange's event loop, for schedule(); null where the chain cannot schedule
    private final ScheduledExecutorService scheduler;

    private FilterChain(List<HttpFilter> filters, int index,
            Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal, Mirroring mirroring,
            ScheduledExecutorService scheduler) {
        this.filters = filters;
        this.index = index;
        this.terminal = terminal;
        this.mirroring = mirroring;
        this.scheduler = scheduler;
    }

    static CompletionStage<HttpResponseHead> run(List<HttpFilter> filters, HttpRequestHead request,
            Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal) {
        return run(filters, request, terminal, Mirroring.NONE, null);
    }

    /**
     * @param mirroring where {@link #mirror} copies go
     * @param scheduler the exchange's event loop, which {@link #schedule} runs tasks on; null when it cannot schedule
     */
    static CompletionStage<HttpResponseHead> run(List<HttpFilter> filters, HttpRequestHead request,
            Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal, Mirroring mirroring,
            ScheduledExecutorService scheduler) {
        return new FilterChain(requireNonNull(filters, "filters"), 0, requireNonNull(terminal, "terminal"),
                requireNonNull(mirroring, "mirroring"), scheduler).proceed(request);
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        requireNonNull(task, "task");
        requireNonNull(delay, "delay");
        if (scheduler == null) {
            HttpNext.super.schedule(task, delay);
            return;
        }
        scheduler.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    @Override
    public CompletionStage<HttpResponseHead> proceed(HttpRequestHead request) {
        try {
            if (index == filters.size()) {
                return terminal.apply(request);
            }
            CompletionStage<HttpResponseHead> stage =
                    filters.get(index).filter(request, new FilterChain(filters, index + 1, terminal, mirroring, scheduler));
            return stage != null
                    ? stage
                    : CompletableFuture.failedFuture(new IllegalStateException(
                            "filter " + filters.get(index).getClass().getName() + " returned no stage"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public HttpResponseHead respond(int status, String contentType, byte[] body) {
        return new DirectResponseHead(status, contentType, body);
    }

    @Override
    public void mirror(FilterBackend backend, HttpRequestHead request) {
        if (backend == null || request == null || !backend.resolved()) {
            return;
        }
        try {
            mirroring.mirror(backend, request);
        } catch (RuntimeException e) {
            // a copy must never disturb the exchange it copies
            LOG.debug("dropping a copy for {}", backend.name(), e);
        }
    }
}
