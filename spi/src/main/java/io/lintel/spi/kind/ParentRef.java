package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A route's {@code spec.parentRefs[]} entry (a Gateway API {@code ParentReference}) with the CRD's defaults applied:
 * core attaches the route to the listeners it selects and writes one {@code status.parents} entry for it.
 *
 * @param group the parent's group ({@code gateway.networking.k8s.io} when the document leaves it out)
 * @param kind the parent's kind ({@code Gateway} when left out; {@code ListenerSet} is the other parent core serves)
 * @param namespace the parent's namespace; empty means the route's own
 * @param name the parent's name
 * @param sectionName the listener name it selects, if any
 * @param port the listener port it selects, if any
 */
public record ParentRef(String group, String kind, Optional<String> namespace, String name,
        Optional<String> sectionName, Optional<Integer> port) {

    public static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

    public ParentRef {
        requireNonNull(group, "group");
        requireNonNull(kind, "kind");
        requireNonNull(namespace, "namespace");
        requireNonNull(name, "name");
        requireNonNull(sectionName, "sectionName");
        requireNonNull(port, "port");
    }

    /** A Gateway of the route's namespace, every listener. */
    public static ParentRef gateway(String name) {
        return new ParentRef(GATEWAY_GROUP, "Gateway", Optional.empty(), name, Optional.empty(), Optional.empty());
    }
}
