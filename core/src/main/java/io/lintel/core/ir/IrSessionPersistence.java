package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A rule's {@code sessionPersistence} (GEP-1619): requests of one session go to the endpoint its first request went
 * to, while that endpoint is still one of the rule's and healthy.
 *
 * @param type where the session travels: a cookie (the default) or a header
 * @param sessionName the cookie's or header's name ({@link #DEFAULT_SESSION_NAME} when the rule names none)
 * @param absoluteTimeoutMillis how long a session lasts from its first request; empty: as long as its endpoint does
 * @param lifetimeType {@code PERMANENT}: the cookie carries {@code Max-Age}/{@code Expires} from the absolute timeout;
 *     {@code SESSION} (the default): a browser-session cookie
 */
public record IrSessionPersistence(Type type, String sessionName, Optional<Long> absoluteTimeoutMillis,
        LifetimeType lifetimeType) {

    /** The session name when the rule gives none (the Gateway API leaves it to the implementation). */
    public static final String DEFAULT_SESSION_NAME = "lintel-session";

    public enum Type { COOKIE, HEADER }

    public enum LifetimeType { SESSION, PERMANENT }

    public IrSessionPersistence {
        requireNonNull(type, "type");
        requireNonNull(sessionName, "sessionName");
        requireNonNull(absoluteTimeoutMillis, "absoluteTimeoutMillis");
        requireNonNull(lifetimeType, "lifetimeType");
    }
}
