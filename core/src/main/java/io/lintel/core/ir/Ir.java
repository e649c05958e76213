package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The intermediate representation: everything the data plane needs, as plain immutable records, produced by the
 * translator from a snapshot. Sockets are sorted by address and port; lists keep the order that decides matching.
 * Service policies (active health checks, say) are listed by policy kind, Service and port.
 */
public record Ir(List<IrSocket> sockets, List<IrServicePolicy> servicePolicies) {

    public static final Ir EMPTY = new Ir(List.of());

    public Ir {
        sockets = List.copyOf(requireNonNull(sockets, "sockets"));
        servicePolicies = List.copyOf(requireNonNull(servicePolicies, "servicePolicies"));
    }

    /** An IR without service policies. */
    public Ir(List<IrSocket> sockets) {
        this(sockets, List.of());
    }

    /** This IR with {@code policies} as its service policies. */
    public Ir withServicePolicies(List<IrServicePolicy> policies) {
        return new Ir(sockets, policies);
    }
}
