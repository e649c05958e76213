package io.lintel.plugin.filter.requestheader;

import static java.util.Objects.requireNonNull;

import io.lintel.plugin.filter.support.HeaderModification;
import io.lintel.spi.filter.FilterSpec;

/** A validated {@code requestHeaderModifier}: the headers to change on each request. */
public record RequestHeaderModifierSpec(HeaderModification headers) implements FilterSpec {

    public RequestHeaderModifierSpec {
        requireNonNull(headers, "headers");
    }
}
