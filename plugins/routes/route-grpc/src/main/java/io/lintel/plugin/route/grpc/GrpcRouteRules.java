package io.lintel.plugin.route.grpc;

import io.lintel.schema.Violations;
import io.lintel.schema.httproute.UserRegex;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** The GRPCRoute CRD's CEL rules on a method match, plus regular expressions that must compile. */
final class GrpcRouteRules {

    static final String SERVICE_CHARS = "^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$";
    static final String METHOD_CHARS = "^[A-Za-z_][A-Za-z_0-9]*$";
    private static final Pattern SERVICE = Pattern.compile(SERVICE_CHARS);
    private static final Pattern METHOD = Pattern.compile(METHOD_CHARS);

    static void serviceOrMethod(Map<?, ?> match, String at, Violations out) {
        if (match.get("service") == null && match.get("method") == null) {
            out.add(at, "One or both of 'service' or 'method' must be specified");
        }
    }

    static void exactValuesValid(Map<?, ?> match, String at, Violations out) {
        if (!"Exact".equals(Objects.requireNonNullElse(match.get("type"), "Exact"))) {
            return;
        }
        if (match.get("service") instanceof String service && !SERVICE.matcher(service).matches()) {
            out.add(Violations.field(at, "service"), "\"" + service + "\": service must only contain valid characters "
                    + "(matching " + SERVICE_CHARS + ")");
        }
        if (match.get("method") instanceof String method && !METHOD.matcher(method).matches()) {
            out.add(Violations.field(at, "method"), "\"" + method + "\": method must only contain valid characters "
                    + "(matching " + METHOD_CHARS + ")");
        }
    }

    static void regexCompiles(Map<?, ?> match, String at, Violations out) {
        if (!"RegularExpression".equals(match.get("type"))) {
            return;
        }
        for (String field : new String[] {"service", "method"}) {
            if (match.get(field) instanceof String regex) {
                UserRegex.check(regex, Violations.field(at, field), out);
            }
        }
    }

    private GrpcRouteRules() {}
}
