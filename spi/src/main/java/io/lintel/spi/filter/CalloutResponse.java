package io.lintel.spi.filter;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole response to a {@link CalloutRequest}: status, headers in the order received (connection-level ones
 * removed), body, and trailers (e.g. gRPC's {@code grpc-status}; empty when the response had none).
 */
public record CalloutResponse(int status, List<Map.Entry<String, String>> headers, byte[] body,
        List<Map.Entry<String, String>> trailers) {

    public CalloutResponse {
        headers = List.copyOf(requireNonNull(headers, "headers"));
        requireNonNull(body, "body");
        trailers = List.copyOf(requireNonNull(trailers, "trailers"));
    }

    /** A response without trailers. */
    public CalloutResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        this(status, headers, body, List.of());
    }

    /** The first value of header {@code name} (compared ignoring case), if any. */
    public Optional<String> header(String name) {
        return first(headers, name);
    }

    /** The first value of trailer {@code name} (compared ignoring case), if any. */
    public Optional<String> trailer(String name) {
        return first(trailers, name);
    }

    private static Optional<String> first(List<Map.Entry<String, String>> fields, String name) {
        for (Map.Entry<String, String> header : fields) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return Optional.of(header.getValue());
            }
        }
        return Optional.empty();
    }
}
