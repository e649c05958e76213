package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import io.lintel.core.ir.IrSessionPersistence;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A rule's session persistence (GEP-1619) as the data plane runs it. A request that carries a valid session token
 * (in the cookie or header {@code sessionName}) whose endpoint is still one of the rule's backends' endpoints and not
 * ejected by passive health goes to that endpoint ({@link #resume}); any other request picks a backend and endpoint
 * as usual, and its response carries a new token for them ({@link #start}, {@link #addTo}). Tokens are
 * {@link SessionTokens}: they carry their expiry (the absolute timeout), so no state is kept per session.
 * Immutable and thread-safe.
 */
public final class StickySessions {

    /** The endpoint a session sticks to, and its backend. */
    public record Session(CompiledBackend backend, BackendEndpoint endpoint) {}

    private final IrSessionPersistence config;
    private final List<CompiledBackend> backends;
    private final byte[] scope;
    private final SessionTokens tokens;
    private final LongSupplier wallClockMillis;

    /**
     * @param ruleName the rule's name: a token is valid only for the rule that issued it
     * @param backends the rule's backends, in the order of its {@code backendRefs} (tokens name them by index)
     */
    public StickySessions(IrSessionPersistence config, String ruleName, List<CompiledBackend> backends,
            SessionTokens tokens, LongSupplier wallClockMillis) {
        this.config = requireNonNull(config, "config");
        this.backends = List.copyOf(requireNonNull(backends, "backends"));
        this.scope = ruleName.getBytes(StandardCharsets.UTF_8);
        this.tokens = requireNonNull(tokens, "tokens");
        this.wallClockMillis = requireNonNull(wallClockMillis, "wallClockMillis");
    }

    public IrSessionPersistence config() {
        return config;
    }

    /**
     * The session the request carries, when its token is valid and unexpired and its endpoint is still a healthy
     * endpoint of a backend with a positive weight; else null (the request starts a new session).
     */
    public Session resume(HttpHeaders requestHeaders) {
        String token = config.type() == IrSessionPersistence.Type.HEADER
                ? requestHeaders.get(config.sessionName())
                : cookie(requestHeaders, config.sessionName());
        if (token == null || token.isEmpty()) {
            return null;
        }
        SessionTokens.Decoded decoded = tokens.decode(scope, token, wallClockMillis.getAsLong());
        if (decoded == null || decoded.backendIndex() >= backends.size()) {
            return null;
        }
        CompiledBackend backend = backends.get(decoded.backendIndex());
        if (backend.weight() <= 0 || backend.errorStatus() != 0) {
            return null;
        }
        BackendEndpoint endpoint = backend.liveEndpoint(decoded.address(), decoded.port());
        return endpoint == null ? null : new Session(backend, endpoint);
    }

    /** A token for a new session on {@code endpoint} of {@code backend}, or null when the backend is not this rule's. */
    public String start(CompiledBackend backend, BackendEndpoint endpoint) {
        int index = backends.indexOf(backend);
        if (index < 0) {
            return null;
        }
        long expiresAt = config.absoluteTimeoutMillis().map(t -> wallClockMillis.getAsLong() + t).orElse(0L);
        return tokens.encode(scope, index, endpoint.address(), endpoint.port(), expiresAt);
    }

    /**
     * Adds a new session's {@code token} to a response: the header {@code sessionName}, or a {@code Set-Cookie} with
     * {@code Path} {@code pathPrefix} (the matched PathPrefix; {@code /} otherwise), {@code HttpOnly}, {@code Secure}
     * on HTTPS, and {@code Max-Age}/{@code Expires} only for lifetime type Permanent.
     */
    public void addTo(HttpHeaders responseHeaders, String token, String pathPrefix, boolean secure) {
        if (config.type() == IrSessionPersistence.Type.HEADER) {
            responseHeaders.set(config.sessionName(), token);
            return;
        }
        DefaultCookie cookie = new DefaultCookie(config.sessionName(), token);
        cookie.setPath(cookiePath(pathPrefix));
        cookie.setHttpOnly(true);
        cookie.setSecure(secure);
        if (config.lifetimeType() == IrSessionPersistence.LifetimeType.PERMANENT
                && config.absoluteTimeoutMillis().isPresent()) {
            cookie.setMaxAge(Math.max(1, (config.absoluteTimeoutMillis().get() + 999) / 1000));
        }
        responseHeaders.add(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(cookie));
    }

    /** The prefix when it is a plain path a cookie attribute can carry, else {@code /}. */
    static String cookiePath(String pathPrefix) {
        if (pathPrefix == null || pathPrefix.isEmpty() || pathPrefix.charAt(0) != '/') {
            return "/";
        }
        for (int i = 0; i < pathPrefix.length(); i++) {
            char c = pathPrefix.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == ';' || c == ',') {
                return "/";
            }
        }
        return pathPrefix;
    }

    /** The value of cookie {@code name} in the request's {@code Cookie} headers, or null. */
    static String cookie(HttpHeaders headers, String name) {
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            int at = 0;
            int length = header.length();
            while (at < length) {
                int end = header.indexOf(';', at);
                if (end < 0) {
                    end = length;
                }
                int start = at;
                while (start < end && header.charAt(start) == ' ') {
                    start++;
                }
                int equals = header.indexOf('=', start);
                if (equals > 0 && equals < end && equals - start == name.length()
                        && header.regionMatches(start, name, 0, name.length())) {
                    String value = header.substring(equals + 1, end).trim();
                    if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                        value = value.substring(1, value.length() - 1);
                    }
                    return value;
                }
                at = end + 1;
            }
        }
        return null;
    }
}
