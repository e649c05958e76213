package io.lintel.core.translate;

import static java.util.Objects.requireNonNull;

import io.lintel.core.ir.IrHeaderMatch;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrQueryParamMatch;
import io.lintel.core.ir.IrRule;
import java.util.List;
import java.util.Optional;

/**
 * An HTTPRoute's rules as the data plane will run them, with what went wrong while resolving them.
 *
 * @param rules one entry per {@code spec.rules[i]}
 * @param unresolved why some backendRef is invalid (ResolvedRefs=False), or empty
 * @param filterFailure why some filter cannot be used (Accepted=False), or empty
 */
record RouteRules(List<Rule> rules, Optional<Problem> unresolved, Optional<Problem> filterFailure) {

    record Problem(String reason, String message) {}

    /** A rule: its IR and its matches (the default match when it has none). */
    record Rule(int index, IrRule ir, List<Match> matches) {}

    /** One {@code matches[j]} entry. */
    record Match(int index, IrPathMatch path, List<IrHeaderMatch> headers, List<IrQueryParamMatch> queryParams,
            Optional<String> method) {}

    RouteRules {
        rules = List.copyOf(requireNonNull(rules, "rules"));
        requireNonNull(unresolved, "unresolved");
        requireNonNull(filterFailure, "filterFailure");
    }
}
