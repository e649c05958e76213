package io.lintel.plugin.filter.redirect;

import static java.util.Objects.requireNonNull;

import io.lintel.plugin.filter.support.PathModifier;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers every request with a redirect (empty body, {@code Location} header) instead of sending it on.
 *
 * <p>The {@code Location} is built as Gateway API v1.2 specifies: scheme = the configured one or the request's;
 * host = the configured hostname or the request's host without its port; port = the configured one, else the
 * well-known port of a configured scheme, else the port the request came in on (the port in its authority, or the
 * default port of its scheme); the port is left out when it is the default of the {@code Location}'s scheme; path =
 * the request's path changed by the {@link PathModifier}, query kept. The request's port stands for the listener
 * port, which the SPI does not expose; they differ only when a client reaches the gateway through a port mapping.
 *
 * <p>Immutable and thread-safe. The origin ({@code scheme://host[:port]}) is built once here when it does not
 * depend on the request.
 */
public final class RequestRedirectFilter implements HttpFilter {

    private static final byte[] NO_BODY = new byte[0];
    // Some content type is always passed, so core never has to decide what an absent one means.
    private static final String CONTENT_TYPE = "text/plain; charset=utf-8";

    private final int statusCode;
    private final String scheme;
    private final String hostname;
    private final int port;
    private final PathModifier path;
    /** The origin for a request that arrived over http/https, or null when it depends on the request's authority. */
    private final String httpRequestOrigin;
    private final String httpsRequestOrigin;

    public RequestRedirectFilter(RequestRedirectSpec spec) {
        requireNonNull(spec, "spec");
        this.statusCode = spec.statusCode();
        this.scheme = spec.scheme();
        this.hostname = spec.hostname();
        this.port = spec.port();
        this.path = spec.path();
        boolean fixedOrigin = !hostname.isEmpty() && (port != 0 || !scheme.isEmpty());
        this.httpRequestOrigin = fixedOrigin ? origin("http", "") : null;
        this.httpsRequestOrigin = fixedOrigin ? origin("https", "") : null;
    }

    @Override
    public CompletionStage<HttpResponseHead> filter(HttpRequestHead request, HttpNext next) {
        HttpResponseHead response = next.respond(statusCode, CONTENT_TYPE, NO_BODY);
        response.headers().set("Location", location(request));
        return CompletableFuture.completedFuture(response);
    }

    /** The redirect target for {@code request}. */
    String location(HttpRequestHead request) {
        boolean https = "https".equals(request.scheme());
        String origin = https ? httpsRequestOrigin : httpRequestOrigin;
        if (origin == null) {
            origin = origin(https ? "https" : "http", request.authority());
        }
        return origin + path.applyToPathAndQuery(request.pathAndQuery(), request.matchedPathPrefix());
    }

    private String origin(String requestScheme, String requestAuthority) {
        String targetScheme = scheme.isEmpty() ? requestScheme : scheme;
        String host = hostname.isEmpty() ? Authority.host(requestAuthority) : hostname;
        int targetPort;
        if (port != 0) {
            targetPort = port;
        } else if (!scheme.isEmpty()) {
            targetPort = defaultPort(scheme);
        } else {
            targetPort = Authority.port(requestAuthority, defaultPort(requestScheme));
        }
        return targetPort == defaultPort(targetScheme)
                ? targetScheme + "://" + host
                : targetScheme + "://" + host + ":" + targetPort;
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }
}
