package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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

    private FilterChain(List<HttpFilter> filters, int index,
            Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal, Mirroring mirroring) {
        this.filters = filters;
        this.index = index;
        this.terminal = terminal;
        this.mirroring = mirroring;
    }

    static CompletionStage<HttpResponseHead> run(List<HttpFilter> filters, HttpRequestHead request,
            Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal) {
        return run(filters, request, terminal, Mirroring.NONE);
    }

    static CompletionStage<HttpResponseHead> run(List<HttpFilter> filters, HttpRequestHead request,
            Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal, Mirroring mirroring) {
        return new FilterChain(requireNonNull(filters, "filters"), 0, requireNonNull(terminal, "terminal"),
                requireNonNull(mirroring, "mirroring")).proceed(request);
    }

    @Override
    public CompletionStage<HttpResponseHead> proceed(HttpRequestHead request) {
        try {
            if (index == filters.size()) {
                return terminal.apply(request);
            }
            CompletionStage<HttpResponseHead> stage =
                    filters.get(index).filter(request, new FilterChain(filters, index + 1, terminal, mirroring));
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
