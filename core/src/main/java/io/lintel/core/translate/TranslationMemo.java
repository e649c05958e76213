package io.lintel.core.translate;

import io.lintel.core.status.ResourceStatus;
import io.lintel.core.translate.decode.DecodedResource;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * What one translation can hand to the next, so that a change costs what it touches: each route's translated rules
 * (with the Services it read), its attachment to listeners and its status, and each virtual host's IR.
 *
 * <p>Validity rests on two facts. The store hands on the same {@link KubernetesDocument} instance while a resource is
 * unchanged (and the {@link io.lintel.core.translate.decode.DecodeCache} the same decoded object for it), so "the
 * route is unchanged" is an identity check. And what a route's translation reads besides its own document is known:
 * Services and EndpointSlices through {@link BackendResolver} (recorded per route as {@code namespace/name} of the
 * Service), and everything else — Gateways, GatewayClasses, Namespaces, ReferenceGrants, Secrets, ConfigMaps,
 * policies, plugin documents — which is rare to change and drops every memo at once. A property test checks that a
 * memoised translation equals a fresh one over random change sequences.
 *
 * <p>Not thread-safe: the {@link Translator} uses it under its own lock.
 */
final class TranslationMemo {

    /**
     * What changed since the previous translation.
     *
     * @param context whether a document changed whose kind invalidates every memo (see the class comment)
     * @param services the Services ({@code namespace/name}) whose Service or EndpointSlice documents changed
     * @param routes the HTTPRoutes and GRPCRoutes that changed, came or went
     */
    record Change(boolean context, Set<String> services, Set<ResourceKey> routes) {

        /** Only routes changed (or nothing but the sources' problems). */
        boolean routesOnly() {
            return !context && services.isEmpty();
        }
    }

    /** A route's rules and the Services ({@code namespace/name}) their translation read. */
    record Rules(RouteRules rules, Set<String> services) {}

    /** Which listener (by IR name) a route attached to, with which effective hostname. */
    record Attached(String listener, String hostname) {}

    /** A route's attachment: its rules, the listeners it attached to, and its status (null when none is ours). */
    record Attachment(RouteRules rules, List<Attached> attached, ResourceStatus status) {}

    private record RouteEntry(DecodedResource<?> route, Rules rules, IrAssembler.RouteInfo info, Attachment attachment) {}

    private static final Set<String> SERVICE_KINDS = Set.of("/Service", "discovery.k8s.io/EndpointSlice");
    /**
     * Kinds whose changes are routes only. GRPCRoute is the route-grpc plugin's kind: without the plugin a change of
     * one changes only its problem (not served), which the routes-only path reports as well.
     */
    private static final Set<String> ROUTE_KINDS = Set.of("gateway.networking.k8s.io/HTTPRoute",
            "gateway.networking.k8s.io/GRPCRoute");

    private SortedMap<ResourceKey, KubernetesDocument> previous;
    private Map<ResourceKey, RouteEntry> routes = new HashMap<>();
    private Map<ResourceKey, RouteEntry> nextRoutes = new HashMap<>();
    private final VirtualHostMemo virtualHosts = new VirtualHostMemo();
    /** Services whose Service or EndpointSlice documents changed since the previous translation. */
    private Set<String> changedServices = Set.of();

    /** Starts a translation of {@code documents}: finds what changed since the previous one. */
    Change begin(SortedMap<ResourceKey, KubernetesDocument> documents) {
        Set<String> services = new HashSet<>();
        Set<ResourceKey> changedRoutes = new HashSet<>();
        boolean context = previous == null || !diff(previous, documents, services, changedRoutes);
        previous = documents;
        return new Change(context, services, changedRoutes);
    }

    /** Starts a translation of every resource: drops what {@code change} invalidates; routes not seen again go. */
    void startFull(Change change) {
        if (change.context()) {
            routes.clear();
            virtualHosts.clear();
        }
        changedServices = change.services();
        nextRoutes = new HashMap<>(Math.max(16, routes.size() * 4 / 3));
    }

    /** Starts a translation of the changed routes only: the other routes' entries stay. */
    void startRoutesOnly(Change change) {
        changedServices = Set.of();
        change.routes().forEach(routes::remove);
        nextRoutes = routes;
    }

    /** Forgets everything: the next translation is a full one, from scratch. */
    void reset() {
        previous = null;
        routes = new HashMap<>();
        nextRoutes = routes;
        virtualHosts.clear();
    }

    /** Ends a full translation: only the routes of this snapshot are kept. */
    void end() {
        routes = nextRoutes;
        virtualHosts.endGeneration();
    }

    /** Ends a translation of changed routes. */
    void endRoutesOnly() {
        routes = nextRoutes;
    }

    VirtualHostMemo virtualHosts() {
        return virtualHosts;
    }

    /** The route's rules: the previous ones if neither the route nor a Service they read changed, else fresh ones. */
    Rules rules(DecodedResource<?> route, BackendResolver resolver, Supplier<RouteRules> translate) {
        RouteEntry entry = routes.get(route.document().key());
        if (entry != null && entry.route() == route && !readsChanged(entry.rules().services())) {
            nextRoutes.put(route.document().key(), entry);
            return entry.rules();
        }
        Set<String> read = new HashSet<>();
        RouteRules rules = resolver.recording(read, translate);
        Rules fresh = new Rules(rules, Set.copyOf(read));
        nextRoutes.put(route.document().key(), new RouteEntry(route, fresh, null, null));
        return fresh;
    }

    /** What the assembler needs of the route: the same instance as long as its rules are. */
    IrAssembler.RouteInfo info(DecodedResource<?> route, Rules rules, Supplier<IrAssembler.RouteInfo> create) {
        RouteEntry entry = nextRoutes.get(route.document().key());
        if (entry.info() != null && entry.info().rules() == rules.rules()) {
            return entry.info();
        }
        IrAssembler.RouteInfo info = create.get();
        nextRoutes.put(route.document().key(), new RouteEntry(route, rules, info, entry.attachment()));
        return info;
    }

    /** The route's previous attachment if it was made with the same rules, else null. */
    Attachment attachment(DecodedResource<?> route, RouteRules rules) {
        RouteEntry entry = nextRoutes.get(route.document().key());
        Attachment attachment = entry == null ? null : entry.attachment();
        return attachment != null && attachment.rules() == rules ? attachment : null;
    }

    void attached(DecodedResource<?> route, Attachment attachment) {
        RouteEntry entry = nextRoutes.get(route.document().key());
        nextRoutes.put(route.document().key(), new RouteEntry(route, entry.rules(), entry.info(), attachment));
    }

    private boolean readsChanged(Set<String> services) {
        if (changedServices.isEmpty() || services.isEmpty()) {
            return false;
        }
        for (String service : services) {
            if (changedServices.contains(service)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Walks both sorted maps once. Collects the Services whose Service or EndpointSlice documents changed into
     * {@code services}; returns false when a document of another kind (not an HTTPRoute or GRPCRoute either)
     * changed, which invalidates everything.
     */
    private static boolean diff(SortedMap<ResourceKey, KubernetesDocument> before,
            SortedMap<ResourceKey, KubernetesDocument> after, Set<String> services, Set<ResourceKey> routes) {
        // Values, not entries: each document holds its key, and the snapshot's unmodifiable map would wrap every
        // entry (two 10 000-entry walks per change at 10 000 routes).
        Iterator<KubernetesDocument> a = before.values().iterator();
        Iterator<KubernetesDocument> b = after.values().iterator();
        KubernetesDocument x = a.hasNext() ? a.next() : null;
        KubernetesDocument y = b.hasNext() ? b.next() : null;
        while (x != null || y != null) {
            int c = x == null ? 1 : y == null ? -1 : x == y ? 0 : x.key().compareTo(y.key());
            if (c == 0) {
                // both sides are noted: an EndpointSlice may have moved from one Service to another
                if (x != y && !(changed(x, services, routes) & changed(y, services, routes))) {
                    return false;
                }
                x = a.hasNext() ? a.next() : null;
                y = b.hasNext() ? b.next() : null;
            } else if (c < 0) {
                if (!changed(x, services, routes)) {
                    return false;
                }
                x = a.hasNext() ? a.next() : null;
            } else {
                if (!changed(y, services, routes)) {
                    return false;
                }
                y = b.hasNext() ? b.next() : null;
            }
        }
        return true;
    }

    /** Notes a changed document; false when its kind is one that invalidates everything. */
    private static boolean changed(KubernetesDocument document, Set<String> services, Set<ResourceKey> routes) {
        ResourceKey key = document.key();
        String kind = key.group() + "/" + key.kind();
        if (ROUTE_KINDS.contains(kind)) {
            routes.add(key);
            return true;
        }
        if (!SERVICE_KINDS.contains(kind)) {
            return false;
        }
        String ns = ResourceIndex.namespaceOf(document);
        if (key.kind().equals("Service")) {
            services.add(ns + "/" + key.name());
        } else if (serviceOfSlice(document) instanceof String service) {
            services.add(ns + "/" + service);
        }
        return true;
    }

    private static Object serviceOfSlice(KubernetesDocument slice) {
        return slice.content().get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("labels") instanceof Map<?, ?> labels
                ? labels.get("kubernetes.io/service-name") : null;
    }
}
