package io.lintel.plugin.filter.extauth;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.FilterSpec;
import java.util.List;

/**
 * One ExternalAuth filter's configuration.
 *
 * @param protocol how the service is asked
 * @param backend the authorization service
 * @param pathPrefix HTTP: put before the client's path in the check ({@code http.path}; empty for none)
 * @param allowedHeaders client request headers sent to the service ({@code http.allowedHeaders}, besides those always
 *     sent; {@code grpc.allowedHeaders}, empty: GEP-1494's default set), lower case
 * @param allowedResponseHeaders HTTP: headers of an allowing answer copied into the forwarded request (lower case);
 *     empty: every header but those describing the answer itself
 * @param forwardBodyMaxSize the longest client body sent to the service ({@code forwardBody.maxSize}); 0: no body
 */
record ExternalAuthSpec(Protocol protocol, FilterBackend backend, String pathPrefix, List<String> allowedHeaders,
        List<String> allowedResponseHeaders, int forwardBodyMaxSize) implements FilterSpec {

    /** GEP-1494's {@code protocol}. */
    enum Protocol { HTTP, GRPC }

    ExternalAuthSpec {
        requireNonNull(protocol, "protocol");
        requireNonNull(backend, "backend");
        requireNonNull(pathPrefix, "pathPrefix");
        allowedHeaders = List.copyOf(allowedHeaders);
        allowedResponseHeaders = List.copyOf(allowedResponseHeaders);
    }
}
