package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

/** A header condition: the header's value equals {@code value}, or fully matches the Java regular expression. */
public record IrHeaderMatch(IrValueMatchType type, String name, String value) {

    public IrHeaderMatch {
        requireNonNull(type, "type");
        requireNonNull(name, "name");
        requireNonNull(value, "value");
    }
}
