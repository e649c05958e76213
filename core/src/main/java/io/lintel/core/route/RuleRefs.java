package io.lintel.core.route;

import io.lintel.spi.filter.RuleRef;

/**
 * Makes a rule's {@link RuleRef} from its IR name, {@code <idKind>/<namespace>/<name>/rule/<index>} (the translator's
 * naming, which the golden files pin), so that the IR needs no extra field for it.
 */
final class RuleRefs {

    private static final String RULE_SEGMENT = "/rule/";

    private RuleRefs() {}

    /** The identity of the rule named {@code irName}; a name of another shape (tests, core's own rules) is kept whole. */
    static RuleRef of(String irName, String ruleName) {
        int rule = irName.lastIndexOf(RULE_SEGMENT);
        int kindEnd = irName.indexOf('/');
        int namespaceEnd = kindEnd < 0 ? -1 : irName.indexOf('/', kindEnd + 1);
        if (rule < 0 || namespaceEnd < 0 || namespaceEnd >= rule) {
            return new RuleRef("", "", irName, 0, ruleName);
        }
        int index;
        try {
            index = Integer.parseInt(irName.substring(rule + RULE_SEGMENT.length()));
        } catch (NumberFormatException e) {
            return new RuleRef("", "", irName, 0, ruleName);
        }
        return new RuleRef(kind(irName.substring(0, kindEnd)), irName.substring(kindEnd + 1, namespaceEnd),
                irName.substring(namespaceEnd + 1, rule), Math.max(0, index), ruleName);
    }

    private static String kind(String idKind) {
        return switch (idKind) {
            case "httproute" -> "HTTPRoute";
            case "grpcroute" -> "GRPCRoute";
            default -> idKind;
        };
    }
}
