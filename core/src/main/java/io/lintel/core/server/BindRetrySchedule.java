package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When to try again to bind a listening socket that could not be bound: {@link #first} after the failed attempt,
 * doubling after each further failure, never more than {@link #max} apart. Doubling keeps a port held for a few
 * seconds (the previous process finishing its drain during a rollout) down for about that long, and a port held for
 * good from costing more than one attempt per {@code max}.
 *
 * @param first the delay after the first failed attempt
 * @param max the longest delay; the property {@value #MAX_SECONDS_PROPERTY} in whole seconds (default 30; a value
 *     below {@code first}, such as 0, retries every {@code first})
 */
public record BindRetrySchedule(Duration first, Duration max) {

    /** The system property setting {@link #max} in seconds ({@code LINTEL_OPTS=-Dlintel.bind.retryMaxSeconds=N}). */
    public static final String MAX_SECONDS_PROPERTY = "lintel.bind.retryMaxSeconds";

    static final Duration DEFAULT_FIRST = Duration.ofMillis(500);
    static final Duration DEFAULT_MAX = Duration.ofSeconds(30);

    public BindRetrySchedule {
        requireNonNull(first, "first");
        requireNonNull(max, "max");
        if (first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("first: " + first + " (expected: > 0)");
        }
        // a maximum below the first delay would make the delays shrink: retry every `first` instead
        max = max.compareTo(first) < 0 ? first : max;
    }

    /** 0.5 s doubling up to {@value #MAX_SECONDS_PROPERTY} (default 30 s). */
    public static BindRetrySchedule fromSystemProperties() {
        return new BindRetrySchedule(DEFAULT_FIRST, DataPlaneSettings.secondsProperty(MAX_SECONDS_PROPERTY, DEFAULT_MAX));
    }

    /** How long to wait after {@code failedAttempts} attempts (>= 1) have failed in a row before the next one. */
    public Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts: " + failedAttempts + " (expected: >= 1)");
        }
        // first * 2^(n-1), computed by doubling until max so that no multiplication overflows
        Duration delay = first;
        for (int i = 1; i < failedAttempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
