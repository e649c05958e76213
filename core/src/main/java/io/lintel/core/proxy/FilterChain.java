package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.CalloutRequest;
import io.lintel.spi.filter.CalloutResponse;
import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import io.lintel.spi.filter.NoResponseException;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs filters as nested decorators: filter {@code i} gets an {@link HttpNext} that runs filter {@code i+1}, and the
 * last one's proceeds to {@code terminal} (the backend). A filter that throws (or returns no stage) fails its stage
 * with a status-500 failure and is logged ({@link FilterFailureLog}, naming the rule). {@link #proceed} called off
 * the exchange's event loop hops onto it, so the rest of the chain and the data plane always run there. Copies a
 * filter asks for with {@link #mirror} go to {@code sideRequests}; whatever happens to them never reaches the chain. So do its
 * {@link #callout}s, whose responses the filter awaits.
 */
final class FilterChain implements HttpNext {

    /** Where the chain's requests to other backends go (copies and callouts): the exchange that runs it. */
    interface SideRequests {

        /** Drops every copy and fails every callout: a chain without an exchange. */
        SideRequests NONE = new SideRequests() {
            @Override
            public void mirror(FilterBackend backend, HttpRequestHead request) {}

            @Override
            public CompletionStage<CalloutResponse> callout(FilterBackend backend, CalloutRequest request) {
                return CompletableFuture.failedFuture(new IllegalStateException("no exchange to send a callout from"));
            }
        };

        /** Sends a copy, fire-and-forget; never throws. */
        void mirror(FilterBackend backend, HttpRequestHead request);

        /** Sends a callout and completes with its response on the exchange's event loop; never throws. */
        CompletionStage<CalloutResponse> callout(FilterBackend backend, CalloutRequest request);
    }

    private static final Logger LOG = LoggerFactory.getLogger(FilterChain.class);

    private final List<HttpFilter> filters;
    private final int index;
    private final Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal;
    private final SideRequests sideRequests;
    // the exchange's event loop, for schedule() and proceed() from elsewhere; null where the chain has none
    private final EventExecutor loop;
    // the rule whose chain this is, for the log
    private final String rule;
    // the exchange's context, the same for every filter; null where the chain has none
    private final HttpRequestContext context;

    private FilterChain(List<HttpFilter> filters, int index,
            Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal, SideRequests sideRequests,
            EventExecutor loop, String rule, HttpRequestContext context) {
        this.filters = filters;
        this.index = index;
        this.terminal = terminal;
        this.sideRequests = sideRequests;
        this.loop = loop;
        this.rule = rule;
        this.context = context;
    }

    static CompletionStage<HttpResponseHead> run(List<HttpFilter> filters, HttpRequestHead request,
            Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal) {
        return run(filters, request, terminal, SideRequests.NONE, null, "-", null);
    }

    /**
     * @param sideRequests where {@link #mirror} copies and {@link #callout} requests go
     * @param loop the exchange's event loop, which {@link #schedule} runs tasks on and {@link #proceed} hops to; null
     *     when the chain has none (it then cannot schedule, and proceeds on the caller's thread)
     * @param rule the rule whose filters these are, named when one fails
     * @param context what {@link #context()} gives the filters; null when the chain has none
     */
    static CompletionStage<HttpResponseHead> run(List<HttpFilter> filters, HttpRequestHead request,
            Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal, SideRequests sideRequests,
            EventExecutor loop, String rule, HttpRequestContext context) {
        return new FilterChain(requireNonNull(filters, "filters"), 0, requireNonNull(terminal, "terminal"),
                requireNonNull(sideRequests, "sideRequests"), loop, requireNonNull(rule, "rule"), context)
                .proceedHere(request);
    }

    @Override
    public HttpRequestContext context() {
        return context != null ? context : HttpNext.super.context();
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        requireNonNull(task, "task");
        requireNonNull(delay, "delay");
        if (loop == null) {
            HttpNext.super.schedule(task, delay);
            return;
        }
        loop.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    @Override
    public CompletionStage<HttpResponseHead> proceed(HttpRequestHead request) {
        EventExecutor executor = loop;
        if (executor == null || executor.inEventLoop()) {
            return proceedHere(request);
        }
        // called from another thread (e.g. after an asynchronous check on a blocking executor): the exchange's
        // state is its event loop's alone, so the rest of the chain runs there
        CompletableFuture<HttpResponseHead> hopped = new CompletableFuture<>();
        try {
            executor.execute(() -> proceedHere(request).whenComplete((response, failure) -> {
                if (failure != null) {
                    hopped.completeExceptionally(failure);
                } else {
                    hopped.complete(response);
                }
            }));
        } catch (RejectedExecutionException e) {
            hopped.completeExceptionally(new ProxyException(502, rule + ": the event loop has shut down"));
        }
        return hopped;
    }

    private CompletionStage<HttpResponseHead> proceedHere(HttpRequestHead request) {
        if (index == filters.size()) {
            try {
                return terminal.apply(request);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        HttpFilter filter = filters.get(index);
        CompletionStage<HttpResponseHead> stage;
        try {
            stage = filter.filter(request, new FilterChain(filters, index + 1, terminal, sideRequests, loop, rule,
                    context));
        } catch (RuntimeException e) {
            if (e instanceof NoResponseException) {
                // a filter may end its stage with the status it wants, thrown or not
                return CompletableFuture.failedFuture(e);
            }
            FilterFailureLog.failed(rule, filter, "threw " + e, e);
            return CompletableFuture.failedFuture(new ProxyException(500, rule + ": filter "
                    + filter.getClass().getName() + " threw " + e));
        }
        if (stage == null) {
            FilterFailureLog.failed(rule, filter, "returned no stage", null);
            return CompletableFuture.failedFuture(new ProxyException(500, rule + ": filter "
                    + filter.getClass().getName() + " returned no stage"));
        }
        return stage;
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
            sideRequests.mirror(backend, request);
        } catch (RuntimeException e) {
            // a copy must never disturb the exchange it copies
            LOG.debug("dropping a copy for {}", backend.name(), e);
        }
    }

    @Override
    public CompletionStage<CalloutResponse> callout(FilterBackend backend, CalloutRequest request) {
        if (backend == null || request == null) {
            return CompletableFuture.failedFuture(new NullPointerException("backend and request are required"));
        }
        if (!backend.resolved()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    backend.fieldPath() + ": " + backend.name() + " is not a valid backend"));
        }
        return sideRequests.callout(backend, request);
    }
}
