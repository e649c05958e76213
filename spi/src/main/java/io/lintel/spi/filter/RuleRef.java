package io.lintel.spi.filter;

import static java.util.Objects.requireNonNull;

/**
 * Which route rule a filter belongs to: the identity core creates filters per ({@link HttpFilterFactory#create(
 * FilterSpec, RuleRef)}) and hands to each request ({@link HttpRequestContext#rule()}). Two rules with equal
 * configuration are still two rules, so per-rule state (a retry budget, a counter) is never shared between them.
 *
 * @param kind the route kind, e.g. {@code HTTPRoute} or {@code GRPCRoute}
 * @param namespace the route's namespace
 * @param name the route's name
 * @param index the rule's position in {@code spec.rules}
 * @param ruleName the rule's GEP-995 {@code name}, or {@code ""} when it has none
 */
public record RuleRef(String kind, String namespace, String name, int index, String ruleName) {

    public RuleRef {
        requireNonNull(kind, "kind");
        requireNonNull(namespace, "namespace");
        requireNonNull(name, "name");
        requireNonNull(ruleName, "ruleName");
        if (index < 0) {
            throw new IllegalArgumentException("index: " + index + " (expected: >= 0)");
        }
    }

    /** {@code <kind>/<namespace>/<name>/rule/<index>}, with {@code (<ruleName>)} when the rule is named. */
    @Override
    public String toString() {
        String id = kind + "/" + namespace + "/" + name + "/rule/" + index;
        return ruleName.isEmpty() ? id : id + " (" + ruleName + ")";
    }
}
