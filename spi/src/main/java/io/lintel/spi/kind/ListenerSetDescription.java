package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a valid object of a {@link ListenerSetKind} declares.
 *
 * @param parent its {@code spec.parentRef}, CRD defaults applied (group {@code gateway.networking.k8s.io}, kind
 *     {@code Gateway}, namespace empty for the object's own); {@link ParentRef#sectionName()} and
 *     {@link ParentRef#port()} are empty: the listeners join the whole Gateway
 * @param listeners its {@code spec.listeners}, in spec order
 */
public record ListenerSetDescription(ParentRef parent, List<GatewayListener> listeners) {

    public ListenerSetDescription {
        requireNonNull(parent, "parent");
        listeners = List.copyOf(requireNonNull(listeners, "listeners"));
    }
}
