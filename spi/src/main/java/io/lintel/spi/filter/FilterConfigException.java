package io.lintel.spi.filter;

import static java.util.Objects.requireNonNull;

/**
 * A filter configuration that cannot be used. Core turns it into a route condition ({@code reason} names the
 * Gateway API reason, e.g. {@code UnsupportedValue}) and the rule answers 500 instead of running without the filter.
 */
public final class FilterConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String fieldPath;
    private final String reason;

    /**
     * @param fieldPath the offending field, e.g. {@code spec.rules[0].filters[1].requestHeaderModifier.set[0].name}
     * @param reason a Gateway API condition reason
     * @param message what is wrong and what was expected
     */
    public FilterConfigException(String fieldPath, String reason, String message) {
        super(message);
        this.fieldPath = requireNonNull(fieldPath, "fieldPath");
        this.reason = requireNonNull(reason, "reason");
    }

    public String fieldPath() {
        return fieldPath;
    }

    public String reason() {
        return reason;
    }
}
