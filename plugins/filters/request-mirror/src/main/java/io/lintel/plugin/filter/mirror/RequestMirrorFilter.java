package io.lintel.plugin.filter.mirror;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;

/**
 * Sends a copy of the request, as earlier filters left it, to the mirror backend (for the configured share of
 * requests, picked at random), then sends the request itself on. The copy is fire-and-forget: core streams the request
 * body to it as the body arrives, drops it when the mirror falls too far behind, and never lets it delay, fail or
 * change this exchange. Immutable and thread-safe.
 */
public final class RequestMirrorFilter implements HttpFilter {

    private final RequestMirrorSpec spec;
    private final IntUnaryOperator random;

    public RequestMirrorFilter(RequestMirrorSpec spec) {
        this(spec, bound -> ThreadLocalRandom.current().nextInt(bound));
    }

    /** @param random a uniform number in {@code [0, bound)} for each {@code bound} (tests fix it) */
    RequestMirrorFilter(RequestMirrorSpec spec, IntUnaryOperator random) {
        this.spec = requireNonNull(spec, "spec");
        this.random = requireNonNull(random, "random");
    }

    @Override
    public CompletionStage<HttpResponseHead> filter(HttpRequestHead request, HttpNext next) {
        if (spec.backend().resolved() && sampled()) {
            next.mirror(spec.backend(), request);
        }
        return next.proceed(request);
    }

    private boolean sampled() {
        return spec.always() || spec.numerator() > 0 && random.applyAsInt(spec.denominator()) < spec.numerator();
    }
}
