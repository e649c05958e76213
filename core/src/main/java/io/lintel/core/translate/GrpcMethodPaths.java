package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCMethodMatch;
import io.lintel.core.ir.IrPathMatch;

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

    static IrPathMatch of(GRPCMethodMatch method) {
        if (method == null || (method.getService() == null && method.getMethod() == null)) {
            return IrPathMatch.MATCH_ALL;
        }
        String service = method.getService();
        String name = method.getMethod();
        if ("RegularExpression".equals(method.getType())) {
            return regex(service == null ? ANY_PART : "(?:" + service + ")", name == null ? ANY_PART : "(?:" + name + ")");
        }
        if (service != null && name != null) {
            return new IrPathMatch(IrPathMatch.Type.EXACT, "/" + service + "/" + name);
        }
        if (service != null) {
            return new IrPathMatch(IrPathMatch.Type.PREFIX, "/" + service);
        }
        // an Exact method has only name characters (the CRD's rule), nothing to escape
        return regex(ANY_PART, name);
    }

    private static IrPathMatch regex(String service, String method) {
        return new IrPathMatch(IrPathMatch.Type.REGULAR_EXPRESSION, "/" + service + "/" + method);
    }

    private GrpcMethodPaths() {}
}
