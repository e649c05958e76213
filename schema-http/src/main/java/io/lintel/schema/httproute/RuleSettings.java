package io.lintel.schema.httproute;

import static io.lintel.schema.IntegerSchema.range;
import static io.lintel.schema.ListSchema.listOf;
import static io.lintel.schema.ObjectSchema.object;
import static io.lintel.schema.StringSchema.string;

import io.lintel.schema.Schema;
import io.lintel.schema.Violations;
import java.util.Map;

/**
 * The per-rule settings of an HTTPRoute (timeouts, retry) and of HTTP-like routes (sessionPersistence), as the v1.6
 * experimental CRDs define them, with their CEL rules and the CRD's messages.
 */
public final class RuleSettings {

    public static final Schema TIMEOUTS = object()
            .optional("request", Durations.DURATION)
            .optional("backendRequest", Durations.DURATION)
            .rule(RuleSettings::backendRequestWithinRequest);

    public static final Schema RETRY = object()
            // retry.codes: a set (x-kubernetes-list-type: set) of 400-599
            .optional("codes", listOf(range(400, 599)).uniqueBy("value", java.util.function.Function.identity()))
            // retry.attempts: minimum 1
            .optional("attempts", range(1, Long.MAX_VALUE))
            .optional("backoff", Durations.DURATION);

    public static final Schema SESSION_PERSISTENCE = object()
            .optional("sessionName", string().length(0, 128))
            .optional("absoluteTimeout", Durations.DURATION)
            .optional("idleTimeout", Durations.DURATION)
            .optional("type", string().oneOf("Cookie", "Header"))
            .optional("cookieConfig", object()
                    .optional("lifetimeType", string().oneOf("Permanent", "Session")))
            .rule(RuleSettings::permanentCookieNeedsAbsoluteTimeout)
            .rule(RuleSettings::cookieConfigOnlyWithCookie);

    /**
     * {@code !(has(self.request) && has(self.backendRequest) && duration(self.request) != duration('0s') &&
     * duration(self.backendRequest) > duration(self.request))}.
     */
    public static void backendRequestWithinRequest(Map<?, ?> timeouts, String at, Violations out) {
        if (timeouts.get("request") instanceof String request && timeouts.get("backendRequest") instanceof String backend) {
            long limit = Durations.millis(request);
            if (limit != 0 && Durations.millis(backend) > limit) {
                out.add(at, "backendRequest timeout cannot be longer than request timeout");
            }
        }
    }

    /** {@code !has(self.cookieConfig.lifetimeType) || self.cookieConfig.lifetimeType != 'Permanent' || has(self.absoluteTimeout)}. */
    public static void permanentCookieNeedsAbsoluteTimeout(Map<?, ?> persistence, String at, Violations out) {
        if (persistence.get("cookieConfig") instanceof Map<?, ?> cookie && "Permanent".equals(cookie.get("lifetimeType"))
                && persistence.get("absoluteTimeout") == null) {
            out.add(at, "AbsoluteTimeout must be specified when cookie lifetimeType is Permanent");
        }
    }

    /**
     * sessionPersistence: {@code !has(self.cookieConfig) || self.type == 'Cookie'} ("cookieConfig can only be set with
     * type Cookie"; the type defaults to Cookie).
     */
    public static void cookieConfigOnlyWithCookie(Map<?, ?> persistence, String at, Violations out) {
        if (persistence.get("cookieConfig") != null && !"Cookie".equals(java.util.Objects.requireNonNullElse(
                persistence.get("type"), "Cookie"))) {
            out.add(at, "cookieConfig can only be set with type Cookie");
        }
    }

    private RuleSettings() {}
}
