package io.lintel.plugin.filter.requestheader;

import static java.util.Objects.requireNonNull;

import io.lintel.plugin.filter.support.HeaderModification;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import java.util.concurrent.CompletionStage;

/** Changes the request's headers, then sends it on. Immutable and thread-safe. */
public final class RequestHeaderModifierFilter implements HttpFilter {

    private final HeaderModification headers;

    public RequestHeaderModifierFilter(HeaderModification headers) {
        this.headers = requireNonNull(headers, "headers");
    }

    @Override
    public CompletionStage<HttpResponseHead> filter(HttpRequestHead request, HttpNext next) {
        headers.applyTo(request.headers());
        return next.proceed(request);
    }
}
