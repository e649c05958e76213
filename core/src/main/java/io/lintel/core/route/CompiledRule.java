package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.RuleRef;
import java.util.List;
import java.util.Map;

/**
 * What to do with a request: run {@link #filters()}, then forward to a backend from {@link #pickBackend()}; or,
 * when {@link #directResponseStatus()} is non-zero, answer that status without contacting a backend.
 */
public final class CompiledRule {

    private final String name;
    private final List<HttpFilter> filters;
    private final WeightedBackendPicker backends;
    private final int directResponseStatus;
    private final ProxyMetrics.RuleMetrics metrics;
    private final String matchedPathPrefix;
    private final Map<String, CompiledBackend> filterBackends;
    private final String ruleName;
    /** The rule's identity as filters see it; made from the name when the compiler gave none (direct rules, tests). */
    private final RuleRef ref;
    /** Whether a filter of the rule (or of one of its backends) reads the request body, so it is read first. */
    private final boolean buffersRequestBody;
    /** The rule's session persistence, or null when it has none. */
    private final StickySessions sessions;

    public CompiledRule(String name, List<HttpFilter> filters, WeightedBackendPicker backends,
            int directResponseStatus, ProxyMetrics.RuleMetrics metrics) {
        this(name, filters, backends, directResponseStatus, metrics, Map.of());
    }

    /**
     * @param filterBackends the backends the rule's filters (and its backends' filters) send copies to, by name
     *     ({@code IrBackend.name()}, which is {@code FilterBackend.name()})
     */
    public CompiledRule(String name, List<HttpFilter> filters, WeightedBackendPicker backends,
            int directResponseStatus, ProxyMetrics.RuleMetrics metrics, Map<String, CompiledBackend> filterBackends) {
        this(name, List.copyOf(requireNonNull(filters, "filters")), backends, directResponseStatus, metrics, "",
                Map.copyOf(requireNonNull(filterBackends, "filterBackends")), "", null, false, null);
    }

    private CompiledRule(String name, List<HttpFilter> filters, WeightedBackendPicker backends,
            int directResponseStatus, ProxyMetrics.RuleMetrics metrics, String matchedPathPrefix,
            Map<String, CompiledBackend> filterBackends, String ruleName, RuleRef ref, boolean buffersRequestBody,
            StickySessions sessions) {
        this.name = requireNonNull(name, "name");
        this.filters = filters;
        this.backends = requireNonNull(backends, "backends");
        this.directResponseStatus = directResponseStatus;
        this.metrics = requireNonNull(metrics, "metrics");
        this.matchedPathPrefix = requireNonNull(matchedPathPrefix, "matchedPathPrefix");
        this.filterBackends = filterBackends;
        this.ruleName = requireNonNull(ruleName, "ruleName");
        this.ref = ref != null ? ref : RuleRefs.of(name, ruleName);
        this.buffersRequestBody = buffersRequestBody;
        this.sessions = sessions;
    }

    /** This rule carrying its GEP-995 {@code name} (for the access log); {@code ""} when the rule has none. */
    public CompiledRule named(String ruleName) {
        return new CompiledRule(name, filters, backends, directResponseStatus, metrics, matchedPathPrefix,
                filterBackends, ruleName, null, buffersRequestBody, sessions);
    }

    /** This rule with its identity, and whether its filters read the request body (see {@link #buffersRequestBody}). */
    CompiledRule identified(RuleRef ref, boolean buffersRequestBody) {
        return new CompiledRule(name, filters, backends, directResponseStatus, metrics, matchedPathPrefix,
                filterBackends, ruleName, requireNonNull(ref, "ref"), buffersRequestBody, sessions);
    }

    /** This rule with session persistence (GEP-1619). */
    public CompiledRule withSessions(StickySessions sessions) {
        return new CompiledRule(name, filters, backends, directResponseStatus, metrics, matchedPathPrefix,
                filterBackends, ruleName, ref, buffersRequestBody, requireNonNull(sessions, "sessions"));
    }

    /** The rule's session persistence, or null when it has none. */
    public StickySessions sessions() {
        return sessions;
    }

    /** The rule's identity, as filters see it. */
    public RuleRef ref() {
        return ref;
    }

    /**
     * Whether a filter of this rule (or of one of its backends) reads the request body: the data plane then reads
     * all of it, within its bound, before the filters run.
     */
    public boolean buffersRequestBody() {
        return buffersRequestBody;
    }

    /** The rule's GEP-995 {@code name}, or {@code ""}. */
    public String ruleName() {
        return ruleName;
    }

    /**
     * This rule as reached through a PathPrefix match of {@code prefix}: the same filters, backends and metrics,
     * with the prefix that prefix-replacing filters (redirect, rewrite) work from.
     */
    CompiledRule reachedThroughPrefix(String prefix) {
        if (prefix.equals(matchedPathPrefix)) {
            return this;
        }
        return new CompiledRule(name, filters, backends, directResponseStatus, metrics, prefix, filterBackends, ruleName,
                ref, buffersRequestBody, sessions);
    }

    /** The PathPrefix value of the match that selected this rule; "" for other match types. */
    public String matchedPathPrefix() {
        return matchedPathPrefix;
    }

    /** A rule that answers {@code status} to everything. */
    public static CompiledRule direct(String name, int status, ProxyMetrics.RuleMetrics metrics) {
        return new CompiledRule(name, List.of(), new WeightedBackendPicker(List.of()), status, metrics);
    }

    public String name() {
        return name;
    }

    public List<HttpFilter> filters() {
        return filters;
    }

    public boolean hasFilters() {
        return !filters.isEmpty();
    }

    /** The weighted pick, or null when no backend has a positive weight (the caller answers 500). */
    public CompiledBackend pickBackend() {
        return backends.pick();
    }

    /** The backend a filter of this rule named (e.g. a mirror's), or null when the rule has none of that name. */
    public CompiledBackend filterBackend(String name) {
        return filterBackends.get(name);
    }

    /** The backends a request may pick (those of positive weight), in the rule's order. */
    public List<CompiledBackend> backends() {
        return backends.backends();
    }

    public int directResponseStatus() {
        return directResponseStatus;
    }

    public ProxyMetrics.RuleMetrics metrics() {
        return metrics;
    }

    @Override
    public String toString() {
        return name;
    }
}
