package io.lintel.spi.policy;

import static java.util.Objects.requireNonNull;

/**
 * A kind of object a policy may target: {@code group} ({@code ""} for the core group) and {@code kind}.
 *
 * @param group the API group, {@code ""} for core kinds
 * @param kind the kind
 */
public record PolicyTargetKind(String group, String kind) {

    /** Gateway API HTTPRoutes: a route policy, applied to every rule or to the rule named by {@code sectionName}. */
    public static final PolicyTargetKind HTTP_ROUTE = new PolicyTargetKind("gateway.networking.k8s.io", "HTTPRoute");
    /** Gateway API GRPCRoutes: a route policy, as {@link #HTTP_ROUTE}. */
    public static final PolicyTargetKind GRPC_ROUTE = new PolicyTargetKind("gateway.networking.k8s.io", "GRPCRoute");
    /** Core Services: a service policy, applied to every port or to the port named by {@code sectionName}. */
    public static final PolicyTargetKind SERVICE = new PolicyTargetKind("", "Service");

    public PolicyTargetKind {
        requireNonNull(group, "group");
        requireNonNull(kind, "kind");
    }

    /** Whether targeting this kind makes a route policy (a filter of the targeted rules). */
    public boolean isRoute() {
        return equals(HTTP_ROUTE) || equals(GRPC_ROUTE);
    }

    /** {@code group/kind}, or {@code kind} for the core group. */
    @Override
    public String toString() {
        return group.isEmpty() ? kind : group + "/" + kind;
    }
}
