package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.spi.filter.HttpFilter;
import java.util.List;

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

    public CompiledRule(String name, List<HttpFilter> filters, WeightedBackendPicker backends,
            int directResponseStatus, ProxyMetrics.RuleMetrics metrics) {
        this.name = requireNonNull(name, "name");
        this.filters = List.copyOf(requireNonNull(filters, "filters"));
        this.backends = requireNonNull(backends, "backends");
        this.directResponseStatus = directResponseStatus;
        this.metrics = requireNonNull(metrics, "metrics");
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
