package io.lintel.core.translate;

import io.lintel.core.ir.IrPathMatch;
import java.time.Instant;
import java.util.Comparator;

/**
 * Gateway API match precedence across all routes of a hostname: Exact path, then PathPrefix by length (longest
 * first), then RegularExpression (longest first, an implementation choice); then a method match; then more header
 * matches; then more query parameter matches; then the older route, the route first by namespace/name, the rule
 * first in the route, the match first in the rule.
 */
final class MatchPrecedence {

    /** One match of one route rule, with what ties are broken on. */
    record Candidate(Instant created, String namespace, String name, int rule, RouteRules.Match match,
            io.lintel.core.ir.IrRule ir) {}

    static final Comparator<Candidate> ORDER = Comparator
            .comparingInt((Candidate c) -> typeRank(c.match().path().type()))
            .thenComparing(Comparator.comparingInt((Candidate c) -> c.match().path().value().length()).reversed())
            .thenComparing(c -> c.match().method().isPresent() ? 0 : 1)
            .thenComparing(Comparator.comparingInt((Candidate c) -> c.match().headers().size()).reversed())
            .thenComparing(Comparator.comparingInt((Candidate c) -> c.match().queryParams().size()).reversed())
            .thenComparing(Candidate::created)
            .thenComparing(Candidate::namespace)
            .thenComparing(Candidate::name)
            .thenComparingInt(Candidate::rule)
            .thenComparingInt(c -> c.match().index());

    private static int typeRank(IrPathMatch.Type type) {
        return switch (type) {
            case EXACT -> 0;
            case PREFIX -> 1;
            case REGULAR_EXPRESSION -> 2;
        };
    }

    private MatchPrecedence() {}
}
