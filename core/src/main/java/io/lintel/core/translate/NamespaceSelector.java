package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Kubernetes label selector semantics over Namespaces, with the label Kubernetes adds to every Namespace. */
final class NamespaceSelector {

    private final Map<String, Namespace> namespaces;

    NamespaceSelector(Map<String, Namespace> namespaces) {
        this.namespaces = namespaces;
    }

    /**
     * The labels of a namespace: its own, plus {@code kubernetes.io/metadata.name} as the API server sets it, also
     * for namespaces the configuration does not declare.
     */
    Map<String, String> labels(String namespace) {
        Map<String, String> labels = new HashMap<>();
        Namespace ns = namespaces.get(namespace);
        if (ns != null && ns.getMetadata().getLabels() != null) {
            labels.putAll(ns.getMetadata().getLabels());
        }
        labels.put("kubernetes.io/metadata.name", namespace);
        return labels;
    }

    boolean matches(LabelSelector selector, String namespace) {
        Map<String, String> labels = labels(namespace);
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                if (!matches(r, labels)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
        String value = labels.get(r.getKey());
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        return switch (r.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }
}
