package io.lintel.plugin.filter.responseheader;

import static java.util.Objects.requireNonNull;

import io.lintel.plugin.filter.support.HeaderModification;
import io.lintel.spi.filter.FilterSpec;

/** A validated {@code responseHeaderModifier}: the headers to change on each response. */
public record ResponseHeaderModifierSpec(HeaderModification headers) implements FilterSpec {

    public ResponseHeaderModifierSpec {
        requireNonNull(headers, "headers");
    }
}
