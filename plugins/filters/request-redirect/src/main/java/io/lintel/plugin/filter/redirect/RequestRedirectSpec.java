package io.lintel.plugin.filter.redirect;

import static java.util.Objects.requireNonNull;

import io.lintel.plugin.filter.support.PathModifier;
import io.lintel.spi.filter.FilterSpec;

/**
 * A validated {@code requestRedirect}: how the {@code Location} of the redirect differs from the request's URL.
 *
 * @param scheme {@code http} or {@code https}; {@code ""} keeps the request's scheme
 * @param hostname the host to redirect to; {@code ""} keeps the request's host (without its port)
 * @param port the port to redirect to; 0 derives it (the scheme's well-known port when {@code scheme} is set, the
 *     port the request came in on otherwise)
 * @param path how to change the path; the query is kept
 * @param statusCode 301, 302 (the default), 303, 307 or 308
 */
public record RequestRedirectSpec(String scheme, String hostname, int port, PathModifier path, int statusCode)
        implements FilterSpec {

    public RequestRedirectSpec {
        requireNonNull(scheme, "scheme");
        requireNonNull(hostname, "hostname");
        requireNonNull(path, "path");
    }
}
