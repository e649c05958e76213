package io.lintel.plugin.policy.ratelimit;

/**
 * Windows of one length aligned to the Unix epoch, so that every process (and Redis) agrees on which window a moment
 * falls in: window {@code n} is {@code [n × length, (n + 1) × length)} in epoch milliseconds.
 */
record FixedWindow(long lengthMillis) {

    FixedWindow {
        if (lengthMillis <= 0) {
            throw new IllegalArgumentException("lengthMillis must be positive, got " + lengthMillis);
        }
    }

    long index(long nowMillis) {
        return Math.floorDiv(nowMillis, lengthMillis);
    }

    /** Milliseconds from {@code nowMillis} to the end of its window (1 to the length). */
    long millisToEnd(long nowMillis) {
        return lengthMillis - Math.floorMod(nowMillis, lengthMillis);
    }

    /** Whole seconds from {@code nowMillis} to the end of its window, rounded up (at least 1). */
    long secondsToEnd(long nowMillis) {
        return Math.max(1, (millisToEnd(nowMillis) + 999) / 1000);
    }
}
