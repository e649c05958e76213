package io.lintel.core.translate;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.lintel.core.status.ResourceStatus;
import io.lintel.core.translate.decode.DecodedResource;
import io.lintel.core.translate.decode.StreamRouteObject;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.kind.ParentRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attaches the routes of the kinds plugins read (TLSRoute, TCPRoute, UDPRoute: a {@link StreamRouteObject} each) as
 * their plugins described them: backends resolved by {@link StreamRouteTranslator}, parents by {@link RouteParents}
 * (the same attachment rules, conditions and status as core's own routes), and records what the IR needs of each.
 * One per full translation.
 */
final class StreamRouteAttacher {

    private final StreamRouteTranslator backends;
    private final RouteParents parents;
    /** What the IR needs of each route, attached or not, by key. */
    final Map<ResourceKey, IrAssembler.TlsRouteInfo> routes = new HashMap<>();

    StreamRouteAttacher(StreamRouteTranslator backends, RouteParents parents) {
        this.backends = requireNonNull(backends, "backends");
        this.parents = requireNonNull(parents, "parents");
    }

    /**
     * Attaches a route and records it.
     *
     * @return its status, or null when none of its parentRefs is ours
     */
    ResourceStatus add(DecodedResource<StreamRouteObject> route, String time) {
        StreamRouteTranslator.StreamRouteBackends resolved = backends.translate(route);
        List<ParentReference> parentRefs = parentReferences(route.object().route().parentRefs());
        List<Map<String, Object>> parentStatus = parents.attach(route, route.object().route().hostnames(), parentRefs,
                resolved.asRouteRules(), time);
        routes.put(route.document().key(), new IrAssembler.TlsRouteInfo(CreationTimestamps.of(route.object()),
                ResourceIndex.namespaceOf(route.document()), route.document().key().name(), resolved.backends()));
        return parentStatus.isEmpty() ? null : Translator.status(route, Map.of("parents", parentStatus));
    }

    /** A plugin kind's parentRefs in the fabric8 form {@link RouteParents} reads. */
    static List<ParentReference> parentReferences(List<ParentRef> refs) {
        return refs.stream().map(StreamRouteAttacher::parentReference).toList();
    }

    private static ParentReference parentReference(ParentRef ref) {
        ParentReference reference = new ParentReference();
        reference.setGroup(ref.group());
        reference.setKind(ref.kind());
        reference.setNamespace(ref.namespace().orElse(null));
        reference.setName(ref.name());
        reference.setSectionName(ref.sectionName().orElse(null));
        reference.setPort(ref.port().orElse(null));
        return reference;
    }
}
