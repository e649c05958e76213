package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes {@code metav1.LabelSelector}: an object matches when it has every label of {@code matchLabels} and
 * meets every requirement of {@code matchExpressions}.
 *
 * @param matchLabels {@code matchLabels}
 * @param matchExpressions {@code matchExpressions}, in order
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    public LabelSelector {
        // in the document's order, which messages about the entries follow
        matchLabels = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(matchLabels, "matchLabels")));
        matchExpressions = List.copyOf(requireNonNull(matchExpressions, "matchExpressions"));
    }

    /**
     * A {@code matchExpressions[]} entry.
     *
     * @param key the label key
     * @param operator {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}, as written (another operator
     *     matches nothing)
     * @param values the values of {@code In} and {@code NotIn}
     */
    public record Requirement(String key, String operator, List<String> values) {

        public Requirement {
            requireNonNull(key, "key");
            requireNonNull(operator, "operator");
            values = List.copyOf(requireNonNull(values, "values"));
        }
    }
}
