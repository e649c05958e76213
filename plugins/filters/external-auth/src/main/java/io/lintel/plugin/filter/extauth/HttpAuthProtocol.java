package io.lintel.plugin.filter.extauth;

import static java.util.Objects.requireNonNull;

import io.lintel.plugin.filter.extauth.AuthVerdict.HeaderChange;
import io.lintel.plugin.filter.extauth.AuthVerdict.Mode;
import io.lintel.spi.filter.CalloutRequest;
import io.lintel.spi.filter.CalloutResponse;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.HttpRequestHead;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * GEP-1494's HTTP protocol: the check has the client's method, {@code http.path} before the client's path,
 * {@code Host}, {@code Authorization}, the allowed headers and, with {@code forwardBody}, the body (core sends its
 * length as {@code Content-Length}). An answer of 200 allows: its headers that the spec lets through replace the
 * client's of those names. Any other answer is the denial relayed to the client.
 */
final class HttpAuthProtocol implements AuthProtocol {

    /** Sent to the service whatever {@code allowedHeaders} says (besides Host, method, path and Content-Length). */
    private static final String AUTHORIZATION = "authorization";
    /**
     * Headers that describe an answer's own body, or its origin, never copied into the forwarded request: the body
     * sent on is the client's, and so is the authority.
     */
    private static final Set<String> ANSWER_ONLY = Set.of("host", ":authority", "content-length", "content-type",
            "content-encoding", "transfer-encoding");

    private final ExternalAuthSettings settings;

    HttpAuthProtocol(ExternalAuthSettings settings) {
        this.settings = requireNonNull(settings, "settings");
    }

    @Override
    public CalloutRequest request(ExternalAuthSpec spec, HttpRequestHead client, HttpRequestContext context,
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

    @Override
    public AuthVerdict verdict(ExternalAuthSpec spec, CalloutResponse answer) {
        if (answer.status() != 200) {
            List<Map.Entry<String, String>> relayed = new ArrayList<>();
            for (Map.Entry<String, String> header : answer.headers()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (!ANSWER_ONLY.contains(name) || name.equals("content-encoding")) {
                    relayed.add(Map.entry(name, header.getValue()));
                }
            }
            return new AuthVerdict.Deny(answer.status(), answer.header("content-type").orElse(null), relayed,
                    answer.body());
        }
        List<HeaderChange> changes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> header : answer.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            boolean allowed = spec.allowedResponseHeaders().isEmpty()
                    ? !ANSWER_ONLY.contains(name) : spec.allowedResponseHeaders().contains(name);
            if (allowed) {
                // the service's values replace the client's: a client must not smuggle in what the service vouches for
                changes.add(new HeaderChange(name, header.getValue(), seen.add(name) ? Mode.OVERWRITE : Mode.APPEND));
            }
        }
        return new AuthVerdict.Allow(changes, List.of(), List.of());
    }
}
