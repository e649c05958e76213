package io.lintel.plugin.filter.timeouts;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Hands the rule's timeouts to the data plane, which enforces them on the exchange's event loop (it alone can cancel
 * a backend exchange and knows when a response starts). Being the outermost rule-field filter, it runs before
 * {@code retry}, so {@code backendRequest} becomes the per-try timeout of every attempt. Immutable and thread-safe.
 */
public final class TimeoutsFilter implements HttpFilter {

    private final TimeoutsSpec spec;

    public TimeoutsFilter(TimeoutsSpec spec) {
        this.spec = requireNonNull(spec, "spec");
    }

    @Override
    public CompletionStage<HttpResponseHead> filter(HttpRequestHead request, HttpNext next) {
        if (!spec.request().isZero()) {
            request.requestTimeout(spec.request());
        }
        if (!spec.backendRequest().isZero()) {
            request.backendRequestTimeout(spec.backendRequest());
        }
        if (spec.named() && spec.request().isZero() && spec.backendRequest().isZero()) {
            // "0s": no limit, which the data plane must hear, or its default request timeout would apply
            request.requestTimeout(Duration.ZERO);
        }
        return next.proceed(request);
    }
}
