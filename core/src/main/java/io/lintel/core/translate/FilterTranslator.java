package io.lintel.core.translate;

import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.schema.httproute.FilterFields;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a rule's (or backendRef's) filters and filter-like rule fields into validated {@link IrFilter}s through
 * the plugins' factories. A filter nobody handles, one its factory rejects, or an {@code ExtensionRef} that cannot
 * be resolved fails the whole list: the rule must then answer 500 rather than run without it (the Gateway API: such
 * a filter "MUST NOT be skipped").
 *
 * <p>Conditions follow the Gateway API's route conditions (GEP-1364): a filter {@code type} without a plugin, or a
 * configuration its plugin rejects, is {@code Accepted=False} ({@code UnsupportedValue}, or the plugin's reason); an
 * {@code ExtensionRef} to a group/kind no plugin owns is {@code ResolvedRefs=False} with {@code InvalidKind}, and one
 * to an object that does not exist {@code ResolvedRefs=False} with {@code BackendNotFound}. Backend references inside
 * a filter's configuration (a mirror's {@code backendRef}) are resolved like a rule's; an invalid one is reported
 * ({@code ResolvedRefs=False}) and handed to the factory as unresolved, without failing the rule.
 */
final class FilterTranslator {

    /** Rule fields handled as filters, in the order their filters wrap the rest. */
    static final List<String> RULE_FIELDS = List.of("timeouts", "retry");

    /**
     * The filters, or why they cannot be used.
     *
     * @param failure set when the list cannot be used (the rule answers 500)
     * @param failureIsReference whether {@code failure} is an unresolvable reference (ResolvedRefs=False) rather
     *     than an unusable configuration (Accepted=False)
     * @param unresolved invalid backend references inside filters, left out (ResolvedRefs=False)
     */
    record Outcome(List<IrFilter> filters, Optional<RouteRules.Problem> failure, boolean failureIsReference,
            List<RouteRules.Problem> unresolved) {

        static final Outcome NONE = new Outcome(List.of(), Optional.empty(), false, List.of());

        boolean failed() {
            return failure.isPresent();
        }

        /** This outcome followed by {@code next} (which is ignored when this one failed). */
        Outcome then(Outcome next) {
            if (failed()) {
                return this;
            }
            List<IrFilter> filters = new ArrayList<>(this.filters);
            filters.addAll(next.filters);
            List<RouteRules.Problem> unresolved = new ArrayList<>(this.unresolved);
            unresolved.addAll(next.unresolved);
            return new Outcome(filters, next.failure, next.failureIsReference, unresolved);
        }
    }

    private final PluginRegistry registry;
    private final Function<ResourceKey, KubernetesDocument> documents;
    private final BackendResolver backends;

    private final PluginPolicies policies;

    /** @param documents the snapshot's document of a key, or null (only documents a filter may refer to are asked for) */
    FilterTranslator(PluginRegistry registry, Function<ResourceKey, KubernetesDocument> documents, BackendResolver backends) {
        this(registry, documents, backends, PluginPolicies.NONE);
    }

    /** @param policies the policies attached to routes, whose filters come before each rule's own */
    FilterTranslator(PluginRegistry registry, Function<ResourceKey, KubernetesDocument> documents, BackendResolver backends,
            PluginPolicies policies) {
        this.registry = registry;
        this.documents = documents;
        this.backends = backends;
        this.policies = policies;
    }

    /**
     * The filters of the route policies attached to a rule (validated with their policy: an invalid policy applies to
     * nothing and is reported on the policy, not on the route).
     */
    Outcome policies(ResourceKey route, String ruleName) {
        List<IrFilter> filters = policies.routeFilters(route, ruleName);
        return filters.isEmpty() ? Outcome.NONE : new Outcome(filters, Optional.empty(), false, List.of());
    }

    /** The rule fields of {@code rule} (raw) that are set, as filters. */
    Outcome ruleFields(ResourceKey route, Map<?, ?> rule, String rulePath) {
        Outcome out = Outcome.NONE;
        for (String field : RULE_FIELDS) {
            if (rule.get(field) instanceof Map<?, ?> value) {
                out = out.then(translate(route, FilterKey.ruleField(field), rulePath + "." + field, value));
            }
        }
        return out;
    }

    /** A raw {@code filters} list (null when absent) at {@code path}. */
    Outcome filters(ResourceKey route, Object filters, String path) {
        Outcome out = Outcome.NONE;
        if (!(filters instanceof List<?> list)) {
            return out;
        }
        for (int i = 0; i < list.size() && !out.failed(); i++) {
            Map<?, ?> filter = (Map<?, ?>) list.get(i);
            String type = (String) filter.get("type");
            String field = FilterFields.BY_TYPE.get(type);
            String at = path + "[" + i + "]." + field;
            if (type.equals("ExtensionRef")) {
                out = out.then(extensionRef(route, (Map<?, ?>) filter.get(field), at));
            } else {
                out = out.then(translate(route, FilterKey.filterType(type), at, (Map<?, ?>) filter.get(field)));
            }
        }
        return out;
    }

    private Outcome extensionRef(ResourceKey route, Map<?, ?> ref, String at) {
        String group = ref.get("group") == null ? "" : String.valueOf(ref.get("group"));
        String kind = String.valueOf(ref.get("kind"));
        String name = String.valueOf(ref.get("name"));
        FilterKey key = FilterKey.extensionRef(group, kind);
        if (!registry.filterFactories().containsKey(key)) {
            return unresolvable("InvalidKind", at + ": " + key + " is not supported (no loaded plugin provides "
                    + "this group and kind)");
        }
        String namespace = namespaceOf(route);
        Optional<KubernetesDocument> document = find(group, kind, namespace, name);
        if (document.isEmpty()) {
            return unresolvable("BackendNotFound", at + ": " + kind + " " + namespace + "/" + name
                    + (group.isEmpty() ? "" : " (group " + group + ")") + " not found");
        }
        return translate(route, key, at, document.get().content());
    }

    /** The document of that group, kind and name in {@code namespace}; a document without namespace counts as {@code default}. */
    private Optional<KubernetesDocument> find(String group, String kind, String namespace, String name) {
        KubernetesDocument document = documents.apply(new ResourceKey(group, kind, namespace, name));
        if (document == null && namespace.equals("default")) {
            document = documents.apply(new ResourceKey(group, kind, "", name));
        }
        return Optional.ofNullable(document);
    }

    private Outcome translate(ResourceKey route, FilterKey key, String at, Map<?, ?> value) {
        HttpFilterFactory factory = registry.filterFactories().get(key);
        if (factory == null) {
            return fail("UnsupportedValue", at + ": " + key + " is not supported (no plugin provides it)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) value;
        try {
            Map<String, FilterBackend> refs = new LinkedHashMap<>();
            List<IrBackend> resolved = new ArrayList<>();
            List<RouteRules.Problem> unresolved = new ArrayList<>();
            for (String field : factory.backendRefFields()) {
                if (!(valueAt(config, field) instanceof Map<?, ?> ref)) {
                    continue;
                }
                String refPath = at + "." + field;
                BackendResolver.Resolution resolution = backends.resolve(route.kind(), namespaceOf(route), ref,
                        refPath);
                refs.put(field, new FilterBackend(refPath, resolution.backend().name(), resolution.valid()));
                if (resolution.valid()) {
                    resolved.add(resolution.backend());
                } else {
                    unresolved.add(new RouteRules.Problem(resolution.reason(), resolution.message()));
                }
            }
            FilterSpec spec = factory.translate(new FilterConfig(route, at, config, refs));
            return new Outcome(List.of(new IrFilter(key, spec, resolved)), Optional.empty(), false, unresolved);
        } catch (FilterConfigException e) {
            return fail(e.reason(), e.fieldPath() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // A plugin bug must not take the whole translation down; the rule answers 500 and says why.
            return fail("UnsupportedValue", at + ": " + key + " failed: " + e);
        }
    }

    /** The value at a dot-separated path below {@code config}, or null. */
    private static Object valueAt(Map<?, ?> config, String path) {
        Object current = config;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static String namespaceOf(ResourceKey route) {
        return route.namespace().isEmpty() ? "default" : route.namespace();
    }

    private static Outcome fail(String reason, String message) {
        return new Outcome(List.of(), Optional.of(new RouteRules.Problem(reason, message)), false, List.of());
    }

    private static Outcome unresolvable(String reason, String message) {
        return new Outcome(List.of(), Optional.of(new RouteRules.Problem(reason, message)), true, List.of());
    }
}
