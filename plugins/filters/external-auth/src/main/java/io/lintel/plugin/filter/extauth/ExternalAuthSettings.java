package io.lintel.plugin.filter.extauth;

import java.time.Duration;

/**
 * The limits of every ExternalAuth filter, which the Gateway API leaves to the implementation: how long a check may
 * take before the request is refused, and the longest answer taken from the authorization service.
 *
 * @param timeout from the check's start to the authorization service's whole answer; then 403 (fail closed)
 * @param maxAnswerBytes the longest answer body (a denial is relayed to the client with it); longer: 403
 */
record ExternalAuthSettings(Duration timeout, int maxAnswerBytes) {

    /** Overrides the default of {@link #timeout}, in milliseconds (settings file or {@code -D}). */
    static final String TIMEOUT_PROPERTY = "lintel.externalAuth.timeoutMillis";
    static final long DEFAULT_TIMEOUT_MILLIS = 2_000;
    /** Overrides the default of {@link #maxAnswerBytes}. */
    static final String MAX_ANSWER_BYTES_PROPERTY = "lintel.externalAuth.maxAnswerBytes";
    static final int DEFAULT_MAX_ANSWER_BYTES = 64 * 1024;

    ExternalAuthSettings {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(TIMEOUT_PROPERTY + " must be positive, got " + timeout.toMillis());
        }
        if (maxAnswerBytes < 0) {
            throw new IllegalArgumentException(MAX_ANSWER_BYTES_PROPERTY + " must not be negative, got " + maxAnswerBytes);
        }
    }

    static ExternalAuthSettings fromSystemProperties() {
        return new ExternalAuthSettings(Duration.ofMillis(Long.getLong(TIMEOUT_PROPERTY, DEFAULT_TIMEOUT_MILLIS)),
                Integer.getInteger(MAX_ANSWER_BYTES_PROPERTY, DEFAULT_MAX_ANSWER_BYTES));
    }
}
