package io.lintel.plugin.policy.ratelimit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The count of one key in its current fixed window, lock-free: one {@link AtomicLong} holds the window's number (high
 * 32 bits) and the requests admitted in it (low 32 bits), so moving to a new window and counting are one
 * compare-and-set. A request is admitted only by a successful set that keeps the count at most the limit, so the
 * count is exact however many event loops race on it.
 */
final class WindowCounter {

    private static final long COUNT_MASK = 0xFFFF_FFFFL;

    private final AtomicLong state = new AtomicLong();

    /**
     * Counts one request in window {@code window} if fewer than {@code limit} were admitted in it.
     *
     * @return the requests left in the window after this one (0 or more), or -1 when the request is refused
     */
    int acquire(long window, int limit) {
        int current = (int) window;
        while (true) {
            long seen = state.get();
            int count = (int) (seen >>> 32) == current ? (int) (seen & COUNT_MASK) : 0;
            if (count >= limit) {
                return -1;
            }
            long next = ((long) current << 32) | ((count + 1) & COUNT_MASK);
            if (state.compareAndSet(seen, next)) {
                return limit - count - 1;
            }
        }
    }

    /** The requests left in window {@code window}, without counting one. */
    int remaining(long window, int limit) {
        long seen = state.get();
        int count = (int) (seen >>> 32) == (int) window ? (int) (seen & COUNT_MASK) : 0;
        return Math.max(0, limit - count);
    }
}
