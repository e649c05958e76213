package io.lintel.core.admin.inspect;

import static java.util.Objects.requireNonNull;

import io.lintel.core.route.RouteExplainer;
import io.lintel.core.route.SocketKey;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringEncoder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of {@code GET /explain}: the request to explain ({@code host}, {@code path}, {@code method},
 * {@code header=NAME:VALUE}..., {@code query=NAME=VALUE}...), the socket it arrives on ({@code listener=ADDR:PORT},
 * absent: every HTTP socket) and the most matches to list ({@code limit}).
 *
 * @param target the path with the {@code query} parameters appended, as a client would send it
 */
record ExplainQuery(String method, String host, String path, String target, List<Map.Entry<String, String>> headers,
        List<Map.Entry<String, String>> query, Optional<SocketKey> listener, int limit) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;
    private static final Set<String> PARAMETERS = Set.of("host", "path", "method", "header", "query", "listener", "limit");

    ExplainQuery {
        requireNonNull(method, "method");
        requireNonNull(host, "host");
        requireNonNull(path, "path");
        requireNonNull(target, "target");
        headers = List.copyOf(requireNonNull(headers, "headers"));
        query = List.copyOf(requireNonNull(query, "query"));
        requireNonNull(listener, "listener");
    }

    /**
     * Reads the parameters.
     *
     * @throws IllegalArgumentException naming the parameter that is unknown, missing or malformed
     */
    static ExplainQuery of(Map<String, List<String>> parameters) {
        Set<String> unknown = new TreeSet<>(parameters.keySet());
        unknown.removeAll(PARAMETERS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("GET /explain: unknown query parameter(s) " + unknown
                    + " (expected: host, path, method, header, query, listener, limit)");
        }
        String host = single(parameters, "host").orElseThrow(() -> new IllegalArgumentException(
                "GET /explain: parameter host is required (the request's Host, e.g. host=shop.example.com)"));
        String path = single(parameters, "path").orElse("/");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("GET /explain: path=" + path + " (expected: a path starting with /)");
        }
        if (path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
            throw new IllegalArgumentException("GET /explain: path=" + path
                    + " (expected: a path without ? or #; give query parameters as query=NAME=VALUE)");
        }
        String method = single(parameters, "method").orElse("GET");
        if (method.isEmpty() || !method.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            throw new IllegalArgumentException("GET /explain: method=" + method + " (expected: a method token, e.g. GET)");
        }
        List<Map.Entry<String, String>> headers = pairs(parameters, "header", ':', true);
        List<Map.Entry<String, String>> query = pairs(parameters, "query", '=', false);
        QueryStringEncoder target = new QueryStringEncoder(path);
        query.forEach(pair -> target.addParam(pair.getKey(), pair.getValue()));
        int limit = single(parameters, "limit").map(ExplainQuery::limit).orElse(DEFAULT_LIMIT);
        return new ExplainQuery(method, host, path, target.toString(), headers, query,
                single(parameters, "listener").map(SocketKeys::parse), limit);
    }

    /** The request as the route explainer takes it. */
    RouteExplainer.Request request() {
        HttpHeaders httpHeaders = new DefaultHttpHeaders();
        headers.forEach(header -> httpHeaders.add(header.getKey(), header.getValue()));
        httpHeaders.set("host", host);
        return new RouteExplainer.Request(method, host, target, httpHeaders);
    }

    private static Optional<String> single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new IllegalArgumentException("GET /explain: parameter " + name + " given " + values.size()
                    + " times (expected: once)");
        }
        return values.stream().findFirst();
    }

    private static List<Map.Entry<String, String>> pairs(Map<String, List<String>> parameters, String name,
            char separator, boolean strip) {
        return parameters.getOrDefault(name, List.of()).stream().map(value -> {
            int at = value.indexOf(separator);
            if (at <= 0) {
                throw new IllegalArgumentException("GET /explain: " + name + "=" + value + " (expected: NAME"
                        + separator + "VALUE)");
            }
            // header values lose surrounding whitespace as HTTP parsing drops it; query values are taken as given
            String rest = value.substring(at + 1);
            return Map.entry(value.substring(0, at).strip(), strip ? rest.strip() : rest);
        }).toList();
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("GET /explain: limit=" + value + " (expected: 1-" + MAX_LIMIT + ")");
    }
}
