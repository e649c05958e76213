package io.lintel.plugin.filter.extauth;

import io.lintel.spi.filter.CalloutRequest;
import io.lintel.spi.filter.CalloutResponse;
import io.lintel.spi.filter.HttpHeadersView;
import io.lintel.spi.filter.HttpRequestHead;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP protocol of GEP-1494, both ways: the check sent for a client request (same method, {@code http.path}
 * before the client's path, {@code Host}, {@code Authorization}, the allowed headers and, with {@code forwardBody}, the
 * body, whose length core sends as {@code Content-Length}), and what an allowing answer adds to the forwarded request.
 */
final class HttpAuthCheck {

    /** Sent to the service whatever {@code allowedHeaders} says (besides Host, method, path and Content-Length). */
    private static final String AUTHORIZATION = "authorization";
    /**
     * Headers that describe an answer's own body, or its origin, never copied into the forwarded request: the body
     * sent on is the client's, and so is the authority.
     */
    private static final Set<String> ANSWER_ONLY = Set.of("host", ":authority", "content-length", "content-type",
            "content-encoding", "transfer-encoding");

    private HttpAuthCheck() {}

    static CalloutRequest request(ExternalAuthSpec spec, ExternalAuthSettings settings, HttpRequestHead client,
            byte[] body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> header : client.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals(AUTHORIZATION) || spec.allowedHeaders().contains(name)) {
                headers.add(Map.entry(name, header.getValue()));
            }
        }
        return new CalloutRequest(client.method(), spec.pathPrefix() + client.pathAndQuery(), client.authority(),
                headers, body, settings.timeout(), settings.maxAnswerBytes());
    }

    /** Copies the headers of an allowing {@code answer} that the spec lets through into the forwarded request. */
    static void addAllowedHeaders(ExternalAuthSpec spec, CalloutResponse answer, HttpHeadersView forwarded) {
        Set<String> replaced = new HashSet<>();
        for (Map.Entry<String, String> header : answer.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            boolean allowed = spec.allowedResponseHeaders().isEmpty()
                    ? !ANSWER_ONLY.contains(name) : spec.allowedResponseHeaders().contains(name);
            if (!allowed) {
                continue;
            }
            // the service's values replace the client's: a client must not smuggle in what the service vouches for
            if (replaced.add(name)) {
                forwarded.remove(name);
            }
            forwarded.add(name, header.getValue());
        }
    }

    /** Copies the headers of a denying {@code answer} onto the response relayed to the client (core frames the body). */
    static void copyDenialHeaders(CalloutResponse answer, HttpHeadersView relayed) {
        for (Map.Entry<String, String> header : answer.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!ANSWER_ONLY.contains(name) || name.equals("content-encoding")) {
                relayed.add(name, header.getValue());
            }
        }
    }
}
