package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantFrom;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantTo;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Answers whether a ReferenceGrant in the target namespace allows a cross-namespace reference. */
final class ReferenceGrants {

    private final Map<String, List<ReferenceGrant>> byNamespace;

    ReferenceGrants(Map<String, List<ReferenceGrant>> byNamespace) {
        this.byNamespace = byNamespace;
    }

    /** True when the reference stays in its namespace, or some grant in {@code toNamespace} allows it. */
    boolean permits(String fromGroup, String fromKind, String fromNamespace,
            String toGroup, String toKind, String toNamespace, String toName) {
        if (fromNamespace.equals(toNamespace)) {
            return true;
        }
        for (ReferenceGrant grant : byNamespace.getOrDefault(toNamespace, List.of())) {
            boolean from = grant.getSpec().getFrom().stream().anyMatch(f -> matches(f, fromGroup, fromKind, fromNamespace));
            boolean to = grant.getSpec().getTo().stream().anyMatch(t -> matches(t, toGroup, toKind, toName));
            if (from && to) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(ReferenceGrantFrom f, String group, String kind, String namespace) {
        return Objects.equals(f.getGroup(), group) && Objects.equals(f.getKind(), kind)
                && Objects.equals(f.getNamespace(), namespace);
    }

    private static boolean matches(ReferenceGrantTo t, String group, String kind, String name) {
        return Objects.equals(Objects.requireNonNullElse(t.getGroup(), ""), group) && Objects.equals(t.getKind(), kind)
                && (t.getName() == null || t.getName().isEmpty() || t.getName().equals(name));
    }
}
