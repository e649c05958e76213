package io.lintel.spi.filter;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole response to a {@link CalloutRequest}: status, headers in the order received (connection-level ones
 * removed), and body.
 */
public record CalloutResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    public CalloutResponse {
        headers = List.copyOf(requireNonNull(headers, "headers"));
        requireNonNull(body, "body");
    }

    /** The first value of header {@code name} (compared ignoring case), if any. */
    public Optional<String> header(String name) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return Optional.of(header.getValue());
            }
        }
        return Optional.empty();
    }
}
