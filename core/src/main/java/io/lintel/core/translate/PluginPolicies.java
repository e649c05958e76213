package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.ir.IrServicePolicy;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.plugin.PolicyPlugins;
import io.lintel.core.status.ResourceStatus;
import io.lintel.core.translate.decode.DecodedResource;
import io.lintel.core.translate.decode.HttpRouteObject;
import io.lintel.core.translate.policy.PolicyAttachments;
import io.lintel.core.translate.policy.PolicyObject;
import io.lintel.core.translate.policy.PolicyObjects;
import io.lintel.core.translate.policy.PolicyStatuses;
import io.lintel.core.translate.policy.TargetRef;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.policy.PolicyConfig;
import io.lintel.spi.policy.PolicyConfigException;
import io.lintel.spi.policy.PolicySpec;
import io.lintel.spi.policy.PolicyTargetKind;
import io.lintel.spi.policy.ServicePolicyFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The translator's side of policy attachment (the logic is in {@link io.lintel.core.translate.policy}): reads the
 * objects of plugin-declared policy kinds, has their plugins check them, attaches them to routes and Services of
 * the index, and hands on what they give: filters for the rules of targeted routes (run before the rules' own), service
 * policies for the IR, and the policies' statuses.
 */
final class PluginPolicies {

    static final PluginPolicies NONE = new PluginPolicies(null, List.of(), PolicyAttachments.attach(List.of(),
            (t, ns) -> Optional.empty(), (p, r, i) -> Optional.empty()));

    private final ResourceIndex index;
    private final List<ConfigProblem> problems;
    private final PolicyAttachments attachments;

    private PluginPolicies(ResourceIndex index, List<ConfigProblem> problems, PolicyAttachments attachments) {
        this.index = index;
        this.problems = problems;
        this.attachments = attachments;
    }

    static PluginPolicies of(Iterable<KubernetesDocument> documents, ResourceIndex index, PluginRegistry registry) {
        PolicyPlugins plugins = registry.policies();
        if (plugins.kinds().isEmpty()) {
            return NONE;
        }
        PolicyObjects.Read read = PolicyObjects.read(documents, plugins.kinds(), CreationTimestamps::of);
        Sections sections = new Sections(index);
        PolicyAttachments attachments = PolicyAttachments.attach(read.policies(), sections::of,
                (policy, routeTargets, invalid) -> {
                    try {
                        return Optional.of(routeTargets ? routeSpec(registry, policy) : serviceSpec(plugins, policy));
                    } catch (FilterConfigException e) {
                        invalid.report(e.fieldPath(), e.getMessage());
                    } catch (PolicyConfigException e) {
                        invalid.report(e.fieldPath(), e.getMessage());
                    } catch (RuntimeException e) {
                        // a plugin bug must not take the translation down: the policy is reported invalid
                        invalid.report("spec", policy.kind() + " plugin failed: " + e);
                    }
                    return Optional.empty();
                });
        return new PluginPolicies(index, read.problems(), attachments);
    }

    private static FilterSpec routeSpec(PluginRegistry registry, PolicyObject policy) throws FilterConfigException {
        HttpFilterFactory factory = registry.filterFactories().get(filterKey(policy));
        return factory.translate(new FilterConfig(policy.key(), "spec", policy.document().content()));
    }

    private static PolicySpec serviceSpec(PolicyPlugins plugins, PolicyObject policy) throws PolicyConfigException {
        ServicePolicyFactory factory = plugins.serviceFactories().get(PolicyPlugins.key(policy.kind().group(),
                policy.kind().kind()));
        return factory.translate(new PolicyConfig(policy.key(), "spec", policy.document().content()));
    }

    private static FilterKey filterKey(PolicyObject policy) {
        return FilterKey.extensionRef(policy.kind().group(), policy.kind().kind());
    }

    /** Whether any policy object exists (valid or not): then every change is translated in full. */
    boolean isEmpty() {
        return attachments.isEmpty() && problems.isEmpty();
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    /** The filters the policies give rule {@code ruleName} of a route (before the rule's own filters). */
    List<IrFilter> routeFilters(ResourceKey route, String ruleName) {
        if (attachments.isEmpty()) {
            return List.of();
        }
        PolicyTargetKind kind = new PolicyTargetKind(route.group(), route.kind());
        String ns = route.namespace().isEmpty() ? "default" : route.namespace();
        if (!attachments.targeted(kind, ns, route.name())) {
            return List.of();
        }
        List<IrFilter> filters = new ArrayList<>();
        for (PolicyAttachments.Applied applied : attachments.forSection(kind, ns, route.name(),
                Objects.requireNonNullElse(ruleName, ""))) {
            filters.add(new IrFilter(filterKey(applied.policy()), (FilterSpec) applied.spec()));
        }
        return filters;
    }

    /** The service policies of the IR: per targeted Service port, the policy of each kind that applies there. */
    List<IrServicePolicy> servicePolicies(BackendResolver resolver) {
        List<IrServicePolicy> out = new ArrayList<>();
        attachments.forEachTarget((kind, ns, name, sections) -> {
            if (!kind.equals(PolicyTargetKind.SERVICE)) {
                return;
            }
            for (ServicePort port : index.services.get(ns + "/" + name).getSpec().getPorts()) {
                String portName = Objects.requireNonNullElse(port.getName(), "");
                for (PolicyAttachments.Applied applied : attachments.forSection(kind, ns, name, Sections.id(port))) {
                    out.add(new IrServicePolicy(applied.policy().kind().group(), applied.policy().kind().kind(),
                            applied.policy().namespace() + "/" + applied.policy().name(), (PolicySpec) applied.spec(),
                            ns, name, Sections.id(port), resolver.endpoints(ns + "/" + name, portName)));
                }
            }
        });
        return out;
    }

    /** Adds the status of every policy, with the Gateways of ours its targets reach as ancestors. */
    void addStatuses(List<ResourceStatus> statuses, List<ListenerState> served,
            Map<ResourceKey, IrAssembler.RouteInfo> routes, String controllerName, String time) {
        if (attachments.isEmpty()) {
            return;
        }
        Map<ResourceKey, Set<String>> gatewaysByRoute = new HashMap<>();
        for (ListenerState listener : served) {
            String gateway = listener.gateway.namespace + "/" + listener.gateway.name;
            listener.routes.keySet().forEach(key -> gatewaysByRoute.computeIfAbsent(key, k -> new TreeSet<>())
                    .add(gateway));
        }
        Map<String, Set<String>> gatewaysByService = BackendTlsPolicyStatus.gatewaysByService(served, routes);
        PolicyStatuses.Ancestors ancestors = (target, ns) -> {
            if (!target.targetKind().isRoute()) {
                return gatewaysByService.getOrDefault(ns + "/" + target.name(), Set.of());
            }
            Set<String> found = gatewaysByRoute.get(new ResourceKey(target.targetKind().group(),
                    target.targetKind().kind(), ns, target.name()));
            if (found == null && ns.equals("default")) {
                found = gatewaysByRoute.get(new ResourceKey(target.targetKind().group(), target.targetKind().kind(),
                        "", target.name()));
            }
            return found == null ? Set.of() : found;
        };
        PolicyStatuses policyStatuses = new PolicyStatuses(controllerName);
        for (PolicyAttachments.Result result : attachments.results()) {
            PolicyObject policy = result.policy();
            statuses.add(new ResourceStatus(policy.key(), policy.document().apiVersion(), policy.generation(),
                    policyStatuses.status(result, ancestors, time)));
        }
    }

    /** The sections of the index's routes (rule names) and Services (port names, or numbers when unnamed). */
    private static final class Sections {

        private final ResourceIndex index;
        private Map<String, List<String>> routeRules;

        Sections(ResourceIndex index) {
            this.index = index;
        }

        static String id(ServicePort port) {
            String name = port.getName();
            return name == null || name.isEmpty() ? String.valueOf(port.getPort()) : name;
        }

        Optional<List<String>> of(TargetRef target, String namespace) {
            String id = namespace + "/" + target.name();
            if (target.targetKind().equals(PolicyTargetKind.SERVICE)) {
                Service service = index.services.get(id);
                return service == null ? Optional.empty()
                        : Optional.of(service.getSpec().getPorts().stream().map(Sections::id).toList());
            }
            if (routeRules == null) {
                routeRules = new HashMap<>();
                for (DecodedResource<HTTPRoute> route : index.routes) {
                    routeRules.put("HTTPRoute/" + id(route), route.object().getSpec().getRules().stream()
                            .map(HTTPRouteRule::getName).map(n -> Objects.requireNonNullElse(n, "")).toList());
                }
                for (DecodedResource<HttpRouteObject> route : index.pluginHttpRoutes) {
                    routeRules.put(route.object().getKind() + "/" + id(route), route.object().route().rules().stream()
                            .map(rule -> rule.name().orElse("")).toList());
                }
            }
            return Optional.ofNullable(routeRules.get(target.targetKind().kind() + "/" + id));
        }

        private static String id(DecodedResource<?> route) {
            return ResourceIndex.namespaceOf(route.document()) + "/" + route.document().key().name();
        }
    }
}
