package io.lintel.it.stamp;

import io.lintel.spi.filter.FilterSpec;

/** @param prefix what the names of the headers the filter adds start with, e.g. {@code X-Stamp-} */
public record StampSpec(String prefix) implements FilterSpec {}
