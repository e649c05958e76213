package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

/** A query parameter condition: the first value of the parameter equals {@code value} or fully matches the regex. */
public record IrQueryParamMatch(IrValueMatchType type, String name, String value) {

    public IrQueryParamMatch {
        requireNonNull(type, "type");
        requireNonNull(name, "name");
        requireNonNull(value, "value");
    }
}
