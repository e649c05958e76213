package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import java.util.List;

/**
 * A validated filter: the factory key that made it and the spec the factory's {@code create} turns into a filter.
 *
 * @param backends the valid backend references of the filter's configuration (e.g. a mirror's {@code backendRef}),
 *     resolved to endpoints; the data plane sends what the filter passes to {@code HttpNext.mirror} there, finding
 *     them by {@link IrBackend#name()}
 */
public record IrFilter(FilterKey key, FilterSpec spec, List<IrBackend> backends) {

    public IrFilter {
        requireNonNull(key, "key");
        requireNonNull(spec, "spec");
        backends = List.copyOf(requireNonNull(backends, "backends"));
    }

    /** A filter that refers to no backend. */
    public IrFilter(FilterKey key, FilterSpec spec) {
        this(key, spec, List.of());
    }
}
