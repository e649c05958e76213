package io.lintel.core.translate;

import io.lintel.core.ir.IrSessionPersistence;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates a rule's {@code sessionPersistence} (GEP-1619, Gateway API v1.6: {@code type}, {@code sessionName},
 * {@code absoluteTimeout}, {@code cookieConfig.lifetimeType}; {@code idleTimeout} was removed in v1.6) into its IR.
 * A value Lintel cannot honour is an {@code UnsupportedValue} problem naming the field path: the rule then answers 500
 * and the route is {@code Accepted=False}, as with an unusable filter.
 */
final class SessionPersistenceRules {

    /** The Gateway API {@code Duration} (GEP-2257): one to four parts of up to five digits and a unit. */
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,5}(h|ms|m|s)){1,4}");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]{1,5})(h|ms|m|s)");
    /** An HTTP token (RFC 9110 tchar), what both a cookie name and a header name must be. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final int MAX_SESSION_NAME = 128;

    /** The IR of {@code raw}, or why it cannot be used. */
    record Outcome(Optional<IrSessionPersistence> value, Optional<RouteRules.Problem> problem) {}

    private static final Outcome NONE = new Outcome(Optional.empty(), Optional.empty());

    private SessionPersistenceRules() {}

    /**
     * @param raw the rule's raw {@code sessionPersistence} (null when absent)
     * @param path its field path, e.g. {@code spec.rules[0].sessionPersistence}
     */
    static Outcome translate(Object raw, String path) {
        if (raw == null) {
            return NONE;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            return problem(path + ": expected an object");
        }
        if (map.containsKey("idleTimeout")) {
            return problem(path + ".idleTimeout: is not a field of the Gateway API v1.6 SessionPersistence (it was "
                    + "removed); expected absoluteTimeout");
        }
        IrSessionPersistence.Type type;
        Object rawType = map.get("type");
        if (rawType == null || "Cookie".equals(rawType)) {
            type = IrSessionPersistence.Type.COOKIE;
        } else if ("Header".equals(rawType)) {
            type = IrSessionPersistence.Type.HEADER;
        } else {
            return problem(path + ".type: \"" + rawType + "\" is not supported (expected: Cookie or Header)");
        }
        String sessionName = IrSessionPersistence.DEFAULT_SESSION_NAME;
        Object rawName = map.get("sessionName");
        if (rawName != null) {
            sessionName = String.valueOf(rawName);
            if (sessionName.length() > MAX_SESSION_NAME || !TOKEN.matcher(sessionName).matches()) {
                return problem(path + ".sessionName: \"" + sessionName + "\" is not usable as a "
                        + (type == IrSessionPersistence.Type.COOKIE ? "cookie" : "header")
                        + " name (expected: 1 to 128 characters, letters, digits and !#$%&'*+.^_`|~-)");
            }
        }
        Optional<Long> timeout = Optional.empty();
        Object rawTimeout = map.get("absoluteTimeout");
        if (rawTimeout != null) {
            long millis = durationMillis(String.valueOf(rawTimeout));
            if (millis <= 0) {
                return problem(path + ".absoluteTimeout: \"" + rawTimeout + "\" is not a positive Gateway API "
                        + "duration (expected: one to four parts of up to 5 digits and a unit h, m, s or ms, e.g. "
                        + "30m or 1h30m)");
            }
            timeout = Optional.of(millis);
        }
        IrSessionPersistence.LifetimeType lifetime = IrSessionPersistence.LifetimeType.SESSION;
        if (map.get("cookieConfig") instanceof Map<?, ?> cookieConfig && cookieConfig.get("lifetimeType") != null) {
            Object rawLifetime = cookieConfig.get("lifetimeType");
            if ("Permanent".equals(rawLifetime)) {
                lifetime = IrSessionPersistence.LifetimeType.PERMANENT;
            } else if (!"Session".equals(rawLifetime)) {
                return problem(path + ".cookieConfig.lifetimeType: \"" + rawLifetime
                        + "\" is not supported (expected: Permanent or Session)");
            }
            if (lifetime == IrSessionPersistence.LifetimeType.PERMANENT && timeout.isEmpty()) {
                return problem(path + ".cookieConfig.lifetimeType: Permanent needs absoluteTimeout (the cookie's "
                        + "lifetime)");
            }
        }
        return new Outcome(Optional.of(new IrSessionPersistence(type, sessionName, timeout, lifetime)),
                Optional.empty());
    }

    /** The milliseconds {@code text} denotes, or -1 when it is not of the Gateway API duration syntax. */
    static long durationMillis(String text) {
        if (!DURATION.matcher(text).matches()) {
            return -1;
        }
        long total = 0;
        Matcher part = DURATION_PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total += switch (part.group(2)) {
                case "h" -> amount * 3_600_000L;
                case "m" -> amount * 60_000L;
                case "s" -> amount * 1_000L;
                default -> amount;
            };
        }
        return total;
    }

    private static Outcome problem(String message) {
        return new Outcome(Optional.empty(), Optional.of(new RouteRules.Problem("UnsupportedValue", message)));
    }
}
