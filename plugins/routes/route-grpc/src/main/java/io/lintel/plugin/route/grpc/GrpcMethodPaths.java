package io.lintel.plugin.route.grpc;

import io.lintel.spi.kind.HttpRouteMatch.PathMatch;
import io.lintel.spi.kind.HttpRouteMatch.PathMatchType;
import java.util.Map;

/**
 * A GRPCRoute method match as a match on the request path {@code /<service>/<method>} (the gRPC HTTP/2 mapping), as
 * Envoy Gateway translates it: an exact service and method is an exact path; a service alone, the path prefix
 * {@code /<service>} (whole segments, so {@code /<service>/} and anything below); a method alone, or any
 * {@code RegularExpression} match, a regular expression over the whole path with {@code [^/]+} for the part not
 * given. The usual path precedence (exact, then longest prefix, then longest expression) then orders them the way
 * the GRPCRoute spec asks: the most characters of a matching non-wildcard service, then of a method.
 */
final class GrpcMethodPaths {

    private static final String ANY_PART = "[^/]+";

    /** The path match of a valid {@code method} match (as parsed; null when the match has none). */
    static PathMatch of(Map<?, ?> method) {
        String service = method == null ? null : (String) method.get("service");
        String name = method == null ? null : (String) method.get("method");
        if (service == null && name == null) {
            return PathMatch.ANY;
        }
        if ("RegularExpression".equals(method.get("type"))) {
            return regex(service == null ? ANY_PART : "(?:" + service + ")", name == null ? ANY_PART : "(?:" + name + ")");
        }
        if (service != null && name != null) {
            return new PathMatch(PathMatchType.EXACT, "/" + service + "/" + name);
        }
        if (service != null) {
            return new PathMatch(PathMatchType.PREFIX, "/" + service);
        }
        // an Exact method has only name characters (the CRD's rule), nothing to escape
        return regex(ANY_PART, name);
    }

    private static PathMatch regex(String service, String method) {
        return new PathMatch(PathMatchType.REGULAR_EXPRESSION, "/" + service + "/" + method);
    }

    private GrpcMethodPaths() {}
}
