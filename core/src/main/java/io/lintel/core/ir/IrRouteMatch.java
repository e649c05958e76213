package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One {@code matches[]} entry of a route rule (or the default match of a rule without matches), with the rule it
 * leads to. A request matches when every condition holds.
 *
 * @param name {@code httproute/<ns>/<name>/rule/<i>/match/<j>}
 * @param path the path condition
 * @param headers header conditions, all must hold (names compared case-insensitively)
 * @param queryParams query parameter conditions, all must hold (names compared exactly)
 * @param method the method, when the match names one
 * @param rule what to do with a matching request
 */
public record IrRouteMatch(
        String name,
        IrPathMatch path,
        List<IrHeaderMatch> headers,
        List<IrQueryParamMatch> queryParams,
        Optional<String> method,
        IrRule rule) {

    public IrRouteMatch {
        requireNonNull(name, "name");
        requireNonNull(path, "path");
        headers = List.copyOf(requireNonNull(headers, "headers"));
        queryParams = List.copyOf(requireNonNull(queryParams, "queryParams"));
        requireNonNull(method, "method");
        requireNonNull(rule, "rule");
    }
}
