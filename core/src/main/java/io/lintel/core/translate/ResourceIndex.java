package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import io.lintel.core.store.Snapshot;
import io.lintel.core.translate.decode.BackendTlsPolicyObject;
import io.lintel.core.translate.decode.DecodeCache;
import io.lintel.core.translate.decode.DecodedResource;
import io.lintel.core.translate.decode.DocumentDecoder;
import io.lintel.core.translate.decode.HttpRouteObject;
import io.lintel.core.translate.decode.ListenerSetObject;
import io.lintel.core.translate.decode.StreamRouteObject;
import io.lintel.core.translate.validate.ResourceValidator;
import io.lintel.schema.Violation;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The valid resources of a snapshot, typed and indexed the way the translator looks them up, plus the problems
 * of the documents that were rejected. Built once per translation.
 */
final class ResourceIndex {

    private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
    private static final Set<String> ROUTE_KINDS = Set.of("HTTPRoute", "GRPCRoute");

    final List<ConfigProblem> problems = new ArrayList<>();
    /** The problems of each document that was rejected, by key (what {@link #problems} lists after the sources'). */
    final TreeMap<ResourceKey, List<ConfigProblem>> problemsByKey = new TreeMap<>();
    final Map<String, DecodedResource<GatewayClass>> gatewayClasses = new HashMap<>();
    final List<DecodedResource<Gateway>> gateways = new ArrayList<>();
    final List<DecodedResource<HTTPRoute>> routes = new ArrayList<>();
    /** Routes of the HTTP-family kinds plugins read (GRPCRoute), in key order. */
    final List<DecodedResource<HttpRouteObject>> pluginHttpRoutes = new ArrayList<>();
    /** Routes of the kinds plugins read (TLSRoute, TCPRoute, UDPRoute), in key order. */
    final List<DecodedResource<StreamRouteObject>> streamRoutes = new ArrayList<>();
    final List<DecodedResource<ListenerSetObject>> listenerSets = new ArrayList<>();
    final Map<String, Namespace> namespaces = new HashMap<>();
    final Map<String, Service> services = new HashMap<>();
    final Map<String, List<EndpointSlice>> slicesByService = new HashMap<>();
    final Map<String, List<ReferenceGrant>> grantsByNamespace = new HashMap<>();
    final Map<String, Secret> secrets = new HashMap<>();
    final Map<String, ConfigMap> configMaps = new HashMap<>();
    /** BackendTLSPolicies, read by their plugin. */
    final List<DecodedResource<BackendTlsPolicyObject>> backendTlsPolicies = new ArrayList<>();
    /** The snapshot's documents (by {@link #keepForRouteChanges} only those a route may refer to). */
    private Map<ResourceKey, KubernetesDocument> documents;

    private ResourceIndex(Snapshot snapshot) {
        this.documents = snapshot.documents();
        problems.addAll(snapshot.sourceProblems());
    }

    /** The snapshot's document of {@code key}, or null. */
    KubernetesDocument document(ResourceKey key) {
        return documents.get(key);
    }

    /**
     * Lets go of the routes, which {@link RouteChanges} keeps up to date itself, while it goes on resolving Services,
     * grants and filter documents through this index: held on to, the routes of the last full translation (documents
     * and decoded objects) outlived every change to them — after a replacement of every route, a whole second
     * configuration in the heap.
     */
    void keepForRouteChanges() {
        routes.clear();
        pluginHttpRoutes.clear();
        Map<ResourceKey, KubernetesDocument> referable = new HashMap<>();
        documents.forEach((key, document) -> {
            if (!ROUTE_KINDS.contains(key.kind()) || !GATEWAY_GROUP.equals(key.group())) {
                referable.put(key, document);
            }
        });
        documents = referable;
    }

    static ResourceIndex of(Snapshot snapshot, DocumentDecoder decoder, ResourceValidator validator) {
        DecodeCache cache = new DecodeCache();
        return of(snapshot, decoder, validator, cache);
    }

    /** As {@link #of(Snapshot, DocumentDecoder, ResourceValidator)}, reusing what {@code cache} holds of unchanged documents. */
    static ResourceIndex of(Snapshot snapshot, DocumentDecoder decoder, ResourceValidator validator, DecodeCache cache) {
        ResourceIndex index = new ResourceIndex(snapshot);
        List<KubernetesDocument> read = new ArrayList<>();
        for (KubernetesDocument document : snapshot.documents().values()) {
            if (decoder.reads(document.key().group(), document.key().kind())) {
                read.add(document);
            }
        }
        cache.prefetch(read, d -> decode(d, decoder, validator));
        for (KubernetesDocument document : read) {
            ResourceKey key = document.key();
            DecodeCache.Outcome outcome = cache.get(document, d -> decode(d, decoder, validator));
            index.problems.addAll(outcome.problems());
            if (!outcome.problems().isEmpty()) {
                index.problemsByKey.put(key, outcome.problems());
            }
            outcome.decoded().ifPresent(index::add);
        }
        cache.retainOnly();
        return index;
    }

    /** Validates and decodes one document. */
    static DecodeCache.Outcome decode(KubernetesDocument document, DocumentDecoder decoder, ResourceValidator validator) {
        return DecodeCache.outcome(violations(validator, document), decoder, document);
    }

    private static List<ConfigProblem> violations(ResourceValidator validator, KubernetesDocument document) {
        ResourceKey key = document.key();
        List<Violation> violations = validator.validate(key.group(), key.kind(), document.content());
        return violations.stream().map(v -> new ConfigProblem(document.location(), Optional.of(key), v.fieldPath(),
                v.message())).toList();
    }

    @SuppressWarnings("unchecked")
    private void add(DecodedResource<HasMetadata> decoded) {
        HasMetadata object = decoded.object();
        String ns = namespaceOf(decoded.document());
        String name = decoded.document().key().name();
        if (object instanceof GatewayClass) {
            gatewayClasses.put(name, (DecodedResource<GatewayClass>) (DecodedResource<?>) decoded);
        } else if (object instanceof Gateway) {
            gateways.add((DecodedResource<Gateway>) (DecodedResource<?>) decoded);
        } else if (object instanceof HTTPRoute) {
            routes.add((DecodedResource<HTTPRoute>) (DecodedResource<?>) decoded);
        } else if (object instanceof HttpRouteObject) {
            pluginHttpRoutes.add((DecodedResource<HttpRouteObject>) (DecodedResource<?>) decoded);
        } else if (object instanceof StreamRouteObject) {
            streamRoutes.add((DecodedResource<StreamRouteObject>) (DecodedResource<?>) decoded);
        } else if (object instanceof ListenerSetObject) {
            listenerSets.add((DecodedResource<ListenerSetObject>) (DecodedResource<?>) decoded);
        } else if (object instanceof Namespace n) {
            namespaces.put(name, n);
        } else if (object instanceof Service s) {
            services.put(ns + "/" + name, s);
        } else if (object instanceof EndpointSlice slice) {
            String service = slice.getMetadata().getLabels().get("kubernetes.io/service-name");
            if (service != null) {
                slicesByService.computeIfAbsent(ns + "/" + service, k -> new ArrayList<>()).add(slice);
            }
        } else if (object instanceof ReferenceGrant grant) {
            grantsByNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(grant);
        } else if (object instanceof Secret secret) {
            secrets.put(ns + "/" + name, secret);
        } else if (object instanceof ConfigMap configMap) {
            configMaps.put(ns + "/" + name, configMap);
        } else if (object instanceof BackendTlsPolicyObject) {
            backendTlsPolicies.add((DecodedResource<BackendTlsPolicyObject>) (DecodedResource<?>) decoded);
        }
    }

    /** The document's namespace; a namespaced document without one is in {@code default}, as kubectl would put it. */
    static String namespaceOf(KubernetesDocument document) {
        String ns = document.key().namespace();
        return ns.isEmpty() ? "default" : ns;
    }
}
