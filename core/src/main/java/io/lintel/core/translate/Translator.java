package io.lintel.core.translate;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.lintel.core.ir.Ir;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.status.ResourceStatus;
import io.lintel.core.store.Snapshot;
import io.lintel.core.translate.decode.DecodeCache;
import io.lintel.core.translate.decode.DecodedResource;
import io.lintel.core.translate.decode.DocumentDecoder;
import io.lintel.core.translate.decode.HttpRouteObject;
import io.lintel.core.translate.decode.StreamRouteObject;
import io.lintel.core.translate.validate.ResourceValidator;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.config.ResourceKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gateway API semantics: a pure, deterministic function from a snapshot (and the loaded plugins) to the status of
 * every GatewayClass, Gateway, ListenerSet, HTTPRoute and route of a plugin's kind (GRPCRoute, TLSRoute, TCPRoute,
 * UDPRoute) of ours, the IR the data plane serves, and the configuration problems.
 *
 * <p>Documents that break the Gateway API schema or its CEL rules, carry unknown fields or wrongly typed values are
 * reported and left out; the valid resources beside them keep working. Thread-safe (one translation at a time). Between calls it
 * keeps what unchanged resources gave ({@link TranslationMemo}), never what changes the result: translating a snapshot
 * gives what a fresh translator would.
 */
public final class Translator {

    private final TranslatorSettings settings;
    private final PluginRegistry registry;
    private final DocumentDecoder decoder;
    private final ResourceValidator validator = new ResourceValidator();
    private final DecodeCache decoded = new DecodeCache();
    private final TranslationMemo memo = new TranslationMemo();
    /** The state of the last full translation, for changes to routes only; null when they need a full one. */
    private RouteChanges routeChanges;

    public Translator(TranslatorSettings settings, PluginRegistry registry) {
        this.settings = requireNonNull(settings, "settings");
        this.registry = requireNonNull(registry, "registry");
        this.decoder = new DocumentDecoder(registry.streamRouteKinds(), registry.httpRouteKinds(),
                registry.backendTlsPolicyKinds(), registry.listenerSetKinds());
    }

    /**
     * Translates a snapshot.
     *
     * @param now the time written as {@code lastTransitionTime} of every condition (the runtime keeps earlier
     *     times of unchanged conditions, see {@link io.lintel.core.status.ConditionTimestamps})
     */
    public synchronized TranslationResult translate(Snapshot snapshot, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        TranslationMemo.Change change = memo.begin(snapshot.documents());
        if (change.routesOnly() && routeChanges != null) {
            memo.startRoutesOnly(change);
            try {
                return routeChanges.apply(snapshot, change.routes(), time);
            } catch (RuntimeException | Error e) {
                // whatever it left half done, the next translation starts from scratch
                routeChanges = null;
                memo.reset();
                throw e;
            } finally {
                memo.endRoutesOnly();
            }
        }
        routeChanges = null;
        memo.startFull(change);
        try {
            return translateAll(snapshot, now, time);
        } catch (RuntimeException | Error e) {
            memo.reset();
            throw e;
        }
    }

    private TranslationResult translateAll(Snapshot snapshot, Instant now, String time) {
        ResourceIndex index = ResourceIndex.of(snapshot, decoder, validator, decoded);
        ReferenceGrants grants = new ReferenceGrants(index.grantsByNamespace);
        List<ResourceStatus> statuses = new ArrayList<>();

        Set<String> ourClasses = new HashSet<>();
        index.gatewayClasses.forEach((name, gatewayClass) -> {
            if (settings.controllerName().equals(gatewayClass.object().getSpec().getControllerName())) {
                ourClasses.add(name);
                statuses.add(status(gatewayClass, gatewayClassStatus(gatewayClass, time)));
            }
        });

        ListenerCertificates certificates = new ListenerCertificates(index, grants, registry.tlsMaterialLoaders());
        GatewayEvaluator evaluator = new GatewayEvaluator(settings.defaultBindAddress(), settings.assignableAddress(),
                certificates,
                new FrontendClientValidation(index, grants, registry.gatewayTls()),
                RouteKinds.of(registry.streamRouteKinds(), registry.httpRouteKinds()));
        GatewayBackendClientCertificates clientCertificates = new GatewayBackendClientCertificates(certificates);
        BackendTlsPolicies tlsPolicies = BackendTlsPolicies.of(index, now);
        Map<String, GatewayState> ourGateways = new LinkedHashMap<>();
        Set<String> allGateways = new HashSet<>();
        for (DecodedResource<Gateway> gateway : index.gateways) {
            String key = ResourceIndex.namespaceOf(gateway.document()) + "/" + gateway.document().key().name();
            allGateways.add(key);
            if (ourClasses.contains(gateway.object().getSpec().getGatewayClassName())) {
                GatewayState state = evaluator.evaluate(gateway);
                clientCertificates.resolve(state);
                ourGateways.put(key, state);
            }
        }
        NamespaceSelector namespaceSelector = new NamespaceSelector(index.namespaces);
        ListenerSets listenerSets = ListenerSets.attach(index.listenerSets, ourGateways, allGateways, namespaceSelector,
                evaluator);
        SocketConflicts.mark(ourGateways.values());
        listenerSets.conclude();

        BackendResolver backendResolver = new BackendResolver(index, grants, registry.backendProtocols().keySet(),
                tlsPolicies, BackendResolver.defaultProtocols(registry.httpRouteKinds()));
        PluginPolicies policies = PluginPolicies.of(snapshot.documents().values(), index, registry);
        RouteRuleTranslator ruleTranslator = new RouteRuleTranslator(backendResolver,
                new FilterTranslator(registry, index::document, backendResolver, policies));
        RouteParents parents = new RouteParents(settings.controllerName(), ourGateways, allGateways,
                namespaceSelector, listenerSets);
        RouteAttacher attacher = new RouteAttacher(memo, backendResolver, ruleTranslator,
                new PluginHttpRouteRuleTranslator(backendResolver,
                        new FilterTranslator(registry, index::document, backendResolver, policies)),
                parents, ourGateways.values());
        for (DecodedResource<HTTPRoute> route : index.routes) {
            addStatus(attacher.add(route, time).status(), statuses);
        }
        for (DecodedResource<HttpRouteObject> route : index.pluginHttpRoutes) {
            addStatus(attacher.add(route, time).status(), statuses);
        }
        Map<ResourceKey, IrAssembler.RouteInfo> routes = attacher.routes;

        StreamRouteAttacher streamRouteAttacher = new StreamRouteAttacher(new StreamRouteTranslator(backendResolver),
                parents);
        for (DecodedResource<StreamRouteObject> route : index.streamRoutes) {
            addStatus(streamRouteAttacher.add(route, time), statuses);
        }
        Map<ResourceKey, IrAssembler.TlsRouteInfo> streamRoutes = streamRouteAttacher.routes;

        List<ListenerState> served = new ArrayList<>();
        for (GatewayState gateway : ourGateways.values()) {
            statuses.add(status(gateway.resource, gateway.status(time)));
            gateway.listeners.stream().filter(ListenerState::served).forEach(served::add);
        }
        listenerSets.addStatuses(statuses, time);
        Map<String, Set<String>> gatewaysByService = tlsPolicies.policies().isEmpty() ? Map.of()
                : BackendTlsPolicyStatus.gatewaysByService(served, routes);
        BackendTlsPolicyStatus policyStatus = new BackendTlsPolicyStatus(settings.controllerName());
        for (BackendTlsPolicies.PolicyState policy : tlsPolicies.policies()) {
            Map<String, Object> status = policyStatus.status(policy, gatewaysByService, time);
            if (status != null) {
                statuses.add(status(policy.resource, status));
            }
        }
        policies.addStatuses(statuses, served, routes, settings.controllerName(), time);
        index.problems.addAll(policies.problems());
        Ir ir = new IrAssembler().assemble(served, routes, streamRoutes, memo.virtualHosts())
                .withServicePolicies(policies.servicePolicies(backendResolver));
        memo.end();
        statuses.sort(Comparator.comparing(ResourceStatus::key));
        // RouteChanges rewrites Gateway statuses only; a ListenerSet's status counts routes too, and a plugin
        // policy's status names the Gateways its routes attach to, so with either every change is translated in full
        if (tlsPolicies.policies().isEmpty() && listenerSets.isEmpty() && policies.isEmpty()) {
            routeChanges = new RouteChanges(attacher, List.copyOf(ourGateways.values()), served, streamRoutes, statuses,
                    index.problemsByKey, decoded, decoder, validator, memo.virtualHosts());
            index.keepForRouteChanges();
        }
        return new TranslationResult(statuses, ir, index.problems);
    }

    private static void addStatus(ResourceStatus status, List<ResourceStatus> statuses) {
        if (status != null) {
            statuses.add(status);
        }
    }

    private Map<String, Object> gatewayClassStatus(DecodedResource<GatewayClass> gatewayClass, String time) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", new Conditions(gatewayClass.generation(), time)
                .add("Accepted", true, "Accepted", "GatewayClass is accepted by " + settings.controllerName())
                .list());
        status.put("supportedFeatures", registry.features().stream().map(GatewayFeature::name).sorted()
                .map(name -> Map.<String, Object>of("name", name)).toList());
        return status;
    }

    static ResourceStatus status(DecodedResource<?> resource, Map<String, Object> status) {
        return new ResourceStatus(resource.document().key(), resource.document().apiVersion(), resource.generation(), status);
    }

}
