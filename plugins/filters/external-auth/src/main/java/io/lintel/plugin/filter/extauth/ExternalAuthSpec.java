package io.lintel.plugin.filter.extauth;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.FilterSpec;
import java.util.List;

/**
 * One ExternalAuth filter's configuration (HTTP protocol).
 *
 * @param backend the authorization service
 * @param pathPrefix put before the client's path in the check ({@code http.path}; empty for none)
 * @param allowedHeaders client request headers sent to the service besides those always sent (lower case)
 * @param allowedResponseHeaders headers of an allowing answer copied into the forwarded request (lower case); empty:
 *     every header but those describing the answer itself
 * @param forwardBodyMaxSize the longest client body sent to the service ({@code forwardBody.maxSize}); 0: no body
 */
record ExternalAuthSpec(FilterBackend backend, String pathPrefix, List<String> allowedHeaders,
        List<String> allowedResponseHeaders, int forwardBodyMaxSize) implements FilterSpec {

    ExternalAuthSpec {
        requireNonNull(backend, "backend");
        requireNonNull(pathPrefix, "pathPrefix");
        allowedHeaders = List.copyOf(allowedHeaders);
        allowedResponseHeaders = List.copyOf(allowedResponseHeaders);
    }
}
