package io.lintel.core.translate;

import io.lintel.core.ir.IrFilter;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.translate.validate.FilterFields;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a rule's (or backendRef's) filters and filter-like rule fields into validated {@link IrFilter}s through
 * the plugins' factories. A filter nobody handles, or one its factory rejects, fails the whole list: the rule
 * must then answer 500 rather than run without it.
 */
final class FilterTranslator {

    /** Rule fields handled as filters, in the order their filters wrap the rest. */
    static final List<String> RULE_FIELDS = List.of("timeouts", "retry", "sessionPersistence");

    /** The filters, or why they cannot be used ({@code reason} non-null). */
    record Outcome(List<IrFilter> filters, String reason, String message) {
        boolean failed() {
            return reason != null;
        }
    }

    private final PluginRegistry registry;
    private final Map<ResourceKey, KubernetesDocument> documents;

    FilterTranslator(PluginRegistry registry, Map<ResourceKey, KubernetesDocument> documents) {
        this.registry = registry;
        this.documents = documents;
    }

    /** The rule fields of {@code rule} (raw) that are set, as filters. */
    Outcome ruleFields(ResourceKey route, Map<?, ?> rule, String rulePath) {
        List<IrFilter> out = new ArrayList<>();
        for (String field : RULE_FIELDS) {
            if (rule.get(field) instanceof Map<?, ?> value) {
                Outcome one = translate(route, FilterKey.ruleField(field), rulePath + "." + field, value);
                if (one.failed()) {
                    return one;
                }
                out.addAll(one.filters());
            }
        }
        return new Outcome(out, null, null);
    }

    /** A raw {@code filters} list (null when absent) at {@code path}. */
    Outcome filters(ResourceKey route, Object filters, String path) {
        List<IrFilter> out = new ArrayList<>();
        if (!(filters instanceof List<?> list)) {
            return new Outcome(out, null, null);
        }
        for (int i = 0; i < list.size(); i++) {
            Map<?, ?> filter = (Map<?, ?>) list.get(i);
            String type = (String) filter.get("type");
            String field = FilterFields.BY_TYPE.get(type);
            String at = path + "[" + i + "]." + field;
            Outcome one;
            if (type.equals("ExtensionRef")) {
                Map<?, ?> ref = (Map<?, ?>) filter.get(field);
                one = extensionRef(route, ref, at);
            } else {
                one = translate(route, FilterKey.filterType(type), at, (Map<?, ?>) filter.get(field));
            }
            if (one.failed()) {
                return one;
            }
            out.addAll(one.filters());
        }
        return new Outcome(out, null, null);
    }

    private Outcome extensionRef(ResourceKey route, Map<?, ?> ref, String at) {
        String group = String.valueOf(ref.get("group"));
        String kind = String.valueOf(ref.get("kind"));
        String name = String.valueOf(ref.get("name"));
        ResourceKey target = new ResourceKey(group, kind, route.namespace(), name);
        KubernetesDocument document = documents.get(target);
        FilterKey key = FilterKey.extensionRef(group, kind);
        if (!registry.filterFactories().containsKey(key)) {
            return fail("UnsupportedValue", at + ": " + key + " is not supported (no plugin provides it)");
        }
        if (document == null) {
            return fail("UnsupportedValue", at + ": " + target + " not found");
        }
        return translate(route, key, at, document.content());
    }

    private Outcome translate(ResourceKey route, FilterKey key, String at, Map<?, ?> value) {
        HttpFilterFactory factory = registry.filterFactories().get(key);
        if (factory == null) {
            return fail("UnsupportedValue", at + ": " + key + " is not supported (no plugin provides it)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) value;
        try {
            FilterSpec spec = factory.translate(new FilterConfig(route, at, config));
            return new Outcome(List.of(new IrFilter(key, spec)), null, null);
        } catch (FilterConfigException e) {
            return fail(e.reason(), e.fieldPath() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // A plugin bug must not take the whole translation down; the rule answers 500 and says why.
            return fail("UnsupportedValue", at + ": " + key + " failed: " + e);
        }
    }

    private static Outcome fail(String reason, String message) {
        return new Outcome(List.of(), reason, message);
    }
}
