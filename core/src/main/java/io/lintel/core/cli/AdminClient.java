package io.lintel.core.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a running gateway's admin API ({@code docs/admin-api.md}) for the operator commands: plain {@code GET}s over
 * HTTP/1.1, JSON documents parsed into maps and lists.
 */
final class AdminClient {

    /** The admin server did not answer: connection refused, or no answer within the timeout. */
    static final class UnreachableException extends Exception {
        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The admin server answered with another status than 200. */
    static final class RequestException extends Exception {
        final int status;

        RequestException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InetSocketAddress address;
    private final Duration timeout;
    private final HttpClient client;

    AdminClient(InetSocketAddress address, Duration timeout) {
        this.address = requireNonNull(address, "address");
        this.timeout = requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /** {@code host:port} of the admin server, as messages name it. */
    String address() {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** {@code GET path?query} parsed as JSON into maps, lists, strings, numbers and booleans. */
    Object getJson(String path, List<Map.Entry<String, String>> query) throws UnreachableException, RequestException {
        String body = get(path, query);
        try {
            return JSON.readValue(body, Object.class);
        } catch (JacksonException e) {
            throw new RequestException(200, "GET " + path + " on " + address() + ": the answer is not JSON: "
                    + e.getOriginalMessage());
        }
    }

    /** {@code GET path?query} as text. */
    String get(String path, List<Map.Entry<String, String>> query) throws UnreachableException, RequestException {
        URI uri = URI.create("http://" + address() + path + queryString(query));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UnreachableException("the admin server at " + address() + " did not answer GET " + path + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); is lintel run serving there? (--admin HOST:PORT)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted while waiting for " + address(), e);
        }
        if (response.statusCode() != 200) {
            throw new RequestException(response.statusCode(), "GET " + path + " on " + address() + ": "
                    + response.statusCode() + " " + response.body().strip());
        }
        return response.body();
    }

    private static String queryString(List<Map.Entry<String, String>> query) {
        if (query.isEmpty()) {
            return "";
        }
        return query.stream()
                .map(pair -> encode(pair.getKey()) + "=" + encode(pair.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
