package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

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

/**
 * Runs filters as nested decorators: filter {@code i} gets an {@link HttpNext} that runs filter {@code i+1}, and the
 * last one's proceeds to {@code terminal} (the backend). A filter that throws fails its stage.
 */
final class FilterChain implements HttpNext {

    private final List<HttpFilter> filters;
    private final int index;
    private final Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal;
    // the exchange's event loop, for schedule(); null where the chain cannot schedule
    private final ScheduledExecutorService scheduler;

    private FilterChain(List<HttpFilter> filters, int index,
            Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal, ScheduledExecutorService scheduler) {
        this.filters = filters;
        this.index = index;
        this.terminal = terminal;
        this.scheduler = scheduler;
    }

    static CompletionStage<HttpResponseHead> run(List<HttpFilter> filters, HttpRequestHead request,
            Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal) {
        return run(filters, request, terminal, null);
    }

    /** @param scheduler the exchange's event loop, which {@link #schedule} runs tasks on */
    static CompletionStage<HttpResponseHead> run(List<HttpFilter> filters, HttpRequestHead request,
            Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal, ScheduledExecutorService scheduler) {
        return new FilterChain(requireNonNull(filters, "filters"), 0, requireNonNull(terminal, "terminal"), scheduler)
                .proceed(request);
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
                    filters.get(index).filter(request, new FilterChain(filters, index + 1, terminal, scheduler));
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
}
