package io.lintel.schema.httproute;

import io.lintel.schema.ListSchema;
import io.lintel.schema.Violations;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The CEL rules of the HTTPRoute filter configurations (v1.6 experimental CRD), each with the CRD's message. */
public final class FilterRules {

    /** HTTPRequestMirrorFilter: {@code !(has(self.percent) && has(self.fraction))}. */
    public static void percentOrFraction(Map<?, ?> mirror, String at, Violations out) {
        if (mirror.get("percent") != null && mirror.get("fraction") != null) {
            out.add(at, "Only one of percent or fraction may be specified in HTTPRequestMirrorFilter");
        }
    }

    /** Fraction: {@code self.numerator <= self.denominator} (denominator defaults to 100). */
    public static void numeratorAtMostDenominator(Map<?, ?> fraction, String at, Violations out) {
        long numerator = ((Number) fraction.get("numerator")).longValue();
        long denominator = ((Number) Objects.requireNonNullElse(fraction.get("denominator"), 100)).longValue();
        if (numerator > denominator) {
            out.add(at, "numerator must be less than or equal to denominator");
        }
    }

    /** HTTPPathModifier: the value field that goes with the type, and only that one. */
    public static void pathModifierMatchesType(Map<?, ?> path, String at, Violations out) {
        Object type = path.get("type");
        for (String field : List.of("ReplaceFullPath", "ReplacePrefixMatch")) {
            String value = Character.toLowerCase(field.charAt(0)) + field.substring(1);
            boolean set = path.get(value) != null;
            if (field.equals(type) && !set) {
                out.add(at, value + " must be specified when type is set to '" + field + "'");
            } else if (!field.equals(type) && set) {
                out.add(at, "type must be '" + field + "' when " + value + " is set");
            }
        }
    }

    /** HTTPExternalAuthFilter: {@code grpc} with protocol GRPC, {@code http} with protocol HTTP, both ways. */
    public static void externalAuthProtocolConfig(Map<?, ?> auth, String at, Violations out) {
        Object protocol = auth.get("protocol");
        for (String p : List.of("GRPC", "HTTP")) {
            String config = p.toLowerCase(java.util.Locale.ROOT);
            boolean set = auth.get(config) != null;
            if (p.equals(protocol) && !set) {
                out.add(at, config + " must be specified when protocol is set to '" + p + "'");
            } else if (!p.equals(protocol) && set) {
                out.add(at, "protocol must be '" + p + "' when " + config + " is set");
            }
        }
    }

    /** CORS lists: {@code !('*' in self && self.size() > 1)}, with the given message. */
    public static ListSchema.Rule wildcardAlone(String message) {
        return (items, at, out) -> {
            if (items.size() > 1 && items.contains("*")) {
                out.add(at, message);
            }
        };
    }

    private FilterRules() {}
}
