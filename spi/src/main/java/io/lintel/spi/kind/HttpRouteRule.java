package io.lintel.spi.kind;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code spec.rules[]} entry of an {@link HttpRoute}.
 *
 * <p>Filters are handed on as the document spells them (each a map of {@code type} and the type's field, e.g.
 * {@code {type: RequestHeaderModifier, requestHeaderModifier: {...}}}, or an {@code ExtensionRef}): core translates
 * them through the filter plugins exactly as an HTTPRoute's, so the kind's schema decides which types it allows.
 *
 * @param name the rule's {@code name} (GEP-995), if any
 * @param matches the rule's matches, in order, as the data plane runs them; empty means every request (what a rule
 *     without matches has)
 * @param filters the rule's {@code filters}, in order, as parsed
 * @param backendRefs the rule's backends, in order
 * @param settings the rule's other fields core serves, as parsed, by name: {@code sessionPersistence}, and the rule
 *     fields filter plugins serve ({@code timeouts}, {@code retry}); empty when it sets none
 */
public record HttpRouteRule(Optional<String> name, List<HttpRouteMatch> matches, List<Map<String, Object>> filters,
        List<HttpBackendRef> backendRefs, Map<String, Object> settings) {

    public HttpRouteRule {
        requireNonNull(name, "name");
        matches = List.copyOf(requireNonNull(matches, "matches"));
        filters = List.copyOf(requireNonNull(filters, "filters"));
        backendRefs = List.copyOf(requireNonNull(backendRefs, "backendRefs"));
        settings = Map.copyOf(requireNonNull(settings, "settings"));
    }
}
