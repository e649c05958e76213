package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A route rule: filters, then one of the weighted backends.
 *
 * @param name {@code httproute/<ns>/<name>/rule/<i>}
 * @param ruleName the rule's {@code name} field, when set (GEP-995)
 * @param filters in the order the rule lists them
 * @param backends the weighted backends; a request picks one in proportion to the weights
 * @param directResponseStatus non-zero when the rule cannot forward at all (e.g. 500: every backend invalid, or an
 *     invalid filter): the data plane answers this status without contacting a backend
 * @param sessionPersistence the rule's {@code sessionPersistence} (GEP-1619), when set
 */
public record IrRule(
        String name,
        Optional<String> ruleName,
        List<IrFilter> filters,
        List<IrBackend> backends,
        int directResponseStatus,
        Optional<IrSessionPersistence> sessionPersistence) {

    /** A rule without session persistence. */
    public IrRule(String name, Optional<String> ruleName, List<IrFilter> filters, List<IrBackend> backends,
            int directResponseStatus) {
        this(name, ruleName, filters, backends, directResponseStatus, Optional.empty());
    }

    public IrRule {
        requireNonNull(name, "name");
        requireNonNull(ruleName, "ruleName");
        filters = List.copyOf(requireNonNull(filters, "filters"));
        backends = List.copyOf(requireNonNull(backends, "backends"));
        requireNonNull(sessionPersistence, "sessionPersistence");
    }
}
