package io.lintel.plugin.filter.responseheader;

import static java.util.Objects.requireNonNull;

import io.lintel.plugin.filter.support.HeaderModification;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Sends the request on and changes the headers of the response head when it arrives, on the thread that completes
 * it (the exchange's event loop). A failed exchange stays failed: core answers it, and there is no head to change.
 * Immutable and thread-safe.
 */
public final class ResponseHeaderModifierFilter implements HttpFilter {

    // Built once, so a request allocates no lambda for it.
    private final Function<HttpResponseHead, HttpResponseHead> modify;

    public ResponseHeaderModifierFilter(HeaderModification headers) {
        requireNonNull(headers, "headers");
        this.modify = response -> {
            headers.applyTo(response.headers());
            return response;
        };
    }

    @Override
    public CompletionStage<HttpResponseHead> filter(HttpRequestHead request, HttpNext next) {
        return next.proceed(request).thenApply(modify);
    }
}
