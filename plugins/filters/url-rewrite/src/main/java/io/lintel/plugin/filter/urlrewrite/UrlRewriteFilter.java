package io.lintel.plugin.filter.urlrewrite;

import static java.util.Objects.requireNonNull;

import io.lintel.plugin.filter.support.PathModifier;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import java.util.concurrent.CompletionStage;

/**
 * Rewrites the authority (to the configured hostname, without port) and the path (query kept) of the request sent
 * to the backend, then sends it on. {@code ReplacePrefixMatch} replaces {@link HttpRequestHead#matchedPathPrefix()}.
 * Immutable and thread-safe.
 */
public final class UrlRewriteFilter implements HttpFilter {

    private final String hostname;
    private final PathModifier path;
    private final boolean rewritesPath;

    public UrlRewriteFilter(UrlRewriteSpec spec) {
        requireNonNull(spec, "spec");
        this.hostname = spec.hostname();
        this.path = spec.path();
        this.rewritesPath = path.type() != PathModifier.Type.NONE;
    }

    @Override
    public CompletionStage<HttpResponseHead> filter(HttpRequestHead request, HttpNext next) {
        if (!hostname.isEmpty()) {
            request.authority(hostname);
        }
        if (rewritesPath) {
            request.pathAndQuery(path.applyToPathAndQuery(request.pathAndQuery(), request.matchedPathPrefix()));
        }
        return next.proceed(request);
    }
}
