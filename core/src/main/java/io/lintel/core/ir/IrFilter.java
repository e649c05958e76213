package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;

/** A validated filter: the factory key that made it and the spec the factory's {@code create} turns into a filter. */
public record IrFilter(FilterKey key, FilterSpec spec) {

    public IrFilter {
        requireNonNull(key, "key");
        requireNonNull(spec, "spec");
    }
}
