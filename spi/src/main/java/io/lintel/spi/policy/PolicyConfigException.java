package io.lintel.spi.policy;

import static java.util.Objects.requireNonNull;

/**
 * A policy configuration that cannot be used: core reports it on the policy ({@code Accepted=False}, reason
 * {@code Invalid}) with the field path, and the policy applies to nothing.
 */
public final class PolicyConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String fieldPath;

    /**
     * @param fieldPath the offending field, e.g. {@code spec.http.interval}
     * @param message what is wrong and what was expected
     */
    public PolicyConfigException(String fieldPath, String message) {
        super(message);
        this.fieldPath = requireNonNull(fieldPath, "fieldPath");
    }

    public String fieldPath() {
        return fieldPath;
    }
}
