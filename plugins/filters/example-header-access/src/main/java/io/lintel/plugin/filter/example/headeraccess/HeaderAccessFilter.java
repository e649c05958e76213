package io.lintel.plugin.filter.example.headeraccess;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Lets a request on when its header has an allowed value, and answers it with the denied status otherwise.
 * Immutable and thread-safe: one instance serves every request of its rule, on every event loop.
 */
public final class HeaderAccessFilter implements HttpFilter {

    private static final String TEXT = "text/plain; charset=utf-8";

    private final HeaderAccessSpec spec;
    private final Set<String> allowedValues;
    private final byte[] deniedBody;

    public HeaderAccessFilter(HeaderAccessSpec spec) {
        this.spec = requireNonNull(spec, "spec");
        this.allowedValues = Set.copyOf(spec.allowedValues());
        // encoded once here: the request path allocates only what each request needs
        this.deniedBody = spec.deniedMessage().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public CompletionStage<HttpResponseHead> filter(HttpRequestHead request, HttpNext next) {
        for (String value : request.headers().getAll(spec.header())) {
            if (allowedValues.contains(value)) {
                if (spec.removeHeader()) {
                    request.headers().remove(spec.header());
                }
                return next.proceed(request);
            }
        }
        // a fresh copy: the response owns its body
        return CompletableFuture.completedFuture(next.respond(spec.deniedStatus(), TEXT, deniedBody.clone()));
    }
}
