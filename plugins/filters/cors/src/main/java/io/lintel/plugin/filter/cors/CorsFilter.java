package io.lintel.plugin.filter.cors;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpHeadersView;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Applies a {@link CorsSpec} (GEP-1767). A request without {@code Origin} passes untouched. A preflight
 * ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is answered here, never sent on:
 * 200 with an empty body, carrying the {@code Access-Control-*} headers when the origin is allowed and none when it is
 * not (the browser then refuses the actual request). Any other request with an allowed {@code Origin} is sent on and
 * its response gets {@code Access-Control-Allow-Origin}, {@code -Allow-Credentials} and {@code -Expose-Headers}.
 *
 * <p>{@code *} is sent only where the fetch standard honours it, i.e. without credentials; with
 * {@code allowCredentials} the request's own origin, method and headers are echoed instead, and a response whose
 * headers depend on the request's origin says so with {@code Vary: Origin}. Immutable and thread-safe.
 */
public final class CorsFilter implements HttpFilter {

    static final String ORIGIN = "Origin";
    static final String REQUEST_METHOD = "Access-Control-Request-Method";
    static final String REQUEST_HEADERS = "Access-Control-Request-Headers";
    static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
    static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
    static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
    static final String MAX_AGE = "Access-Control-Max-Age";
    static final String VARY = "Vary";

    private static final byte[] NO_BODY = new byte[0];

    private final CorsSpec spec;
    // Computed once: they do not depend on the request.
    private final String allowMethods;
    private final String allowHeaders;
    private final String exposeHeaders;
    private final String maxAge;

    public CorsFilter(CorsSpec spec) {
        this.spec = requireNonNull(spec, "spec");
        this.allowMethods = String.join(", ", spec.allowMethods());
        this.allowHeaders = String.join(", ", spec.allowHeaders());
        // with credentials a "*" would name a header called "*", so it is left out rather than sent
        this.exposeHeaders = String.join(", ", spec.allowCredentials()
                ? spec.exposeHeaders().stream().filter(name -> !name.equals(CorsSpec.WILDCARD)).toList()
                : spec.exposeHeaders());
        this.maxAge = Integer.toString(spec.maxAgeSeconds());
    }

    @Override
    public CompletionStage<HttpResponseHead> filter(HttpRequestHead request, HttpNext next) {
        String origin = request.headers().get(ORIGIN);
        if (origin == null) {
            return next.proceed(request);
        }
        boolean allowed = spec.allows(origin);
        if (isPreflight(request)) {
            HttpResponseHead response = next.respond(200, null, NO_BODY);
            if (allowed) {
                addPreflightHeaders(request.headers(), origin, response.headers());
            }
            return CompletableFuture.completedFuture(response);
        }
        if (!allowed) {
            return next.proceed(request);
        }
        return next.proceed(request).thenApply(response -> {
            addResponseHeaders(origin, response.headers());
            return response;
        });
    }

    private static boolean isPreflight(HttpRequestHead request) {
        return request.method().equals("OPTIONS") && request.headers().contains(REQUEST_METHOD);
    }

    /** The headers of an allowed actual (non-preflight) request's response. */
    private void addResponseHeaders(String origin, HttpHeadersView response) {
        setAllowOrigin(origin, response);
        if (spec.allowCredentials()) {
            response.set(ALLOW_CREDENTIALS, "true");
        }
        if (!exposeHeaders.isEmpty()) {
            response.set(EXPOSE_HEADERS, exposeHeaders);
        }
    }

    private void addPreflightHeaders(HttpHeadersView request, String origin, HttpHeadersView response) {
        addResponseHeaders(origin, response);
        String methods = answer(spec.allowMethods(), allowMethods, request.get(REQUEST_METHOD));
        if (methods != null) {
            response.set(ALLOW_METHODS, methods);
        }
        String headers = answer(spec.allowHeaders(), allowHeaders, request.get(REQUEST_HEADERS));
        if (headers != null) {
            response.set(ALLOW_HEADERS, headers);
        }
        response.set(MAX_AGE, maxAge);
    }

    private void setAllowOrigin(String origin, HttpHeadersView response) {
        if (spec.anyOrigin() && !spec.allowCredentials()) {
            response.set(ALLOW_ORIGIN, CorsSpec.WILDCARD);
        } else {
            response.set(ALLOW_ORIGIN, origin);
            response.add(VARY, ORIGIN);
        }
    }

    /**
     * The value for {@code Access-Control-Allow-Methods} or {@code -Headers}: the configured list; for a configured
     * {@code *} with credentials, what the client asked for; null for nothing to send.
     */
    private String answer(List<String> configured, String joined, String requested) {
        if (configured.isEmpty()) {
            return null;
        }
        if (configured.get(0).equals(CorsSpec.WILDCARD) && spec.allowCredentials()) {
            return requested == null || requested.isBlank() ? null : requested;
        }
        return joined;
    }
}
