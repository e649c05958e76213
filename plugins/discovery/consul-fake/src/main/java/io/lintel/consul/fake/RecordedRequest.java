package io.lintel.consul.fake;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * A request the fake received, for tests to check what a client sent.
 *
 * @param method the HTTP method
 * @param path the decoded path, e.g. {@code /v1/kv/lintel/}
 * @param query the query parameters (a flag such as {@code recurse} maps to {@code ""})
 * @param token the ACL token sent ({@code X-Consul-Token}, {@code Authorization: Bearer} or {@code ?token=})
 */
public record RecordedRequest(String method, String path, Map<String, String> query, Optional<String> token) {

    public RecordedRequest {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        query = Map.copyOf(requireNonNull(query, "query"));
        requireNonNull(token, "token");
    }

    /** The {@code index} parameter, or 0 when absent (a non-blocking read). */
    public long index() {
        String value = query.get("index");
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    }
}
