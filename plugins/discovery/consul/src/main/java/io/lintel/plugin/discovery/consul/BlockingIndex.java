package io.lintel.plugin.discovery.consul;

/**
 * The index of one blocking query, kept by the rules of Consul's documentation ("Blocking Queries", implementation
 * details): the next query waits for a change after the last {@code X-Consul-Index} seen; when the index goes
 * backwards (a restored or rebuilt Consul) it is reset, restarting the loop with a query that returns at once; an
 * index of 0 or less is treated as 1, so a misbehaving server cannot turn the loop into a hot loop of non-blocking
 * reads. After a failed query
 * the next one does not block either, so that an outage is caught up at once. Not thread-safe: one watch thread owns it.
 */
final class BlockingIndex {

    private long index;
    private boolean resync;

    /** The {@code index} parameter of the next query: 0 (do not block) at first, after a reset and after a failure. */
    long forNextQuery() {
        return resync ? 0 : index;
    }

    /**
     * Takes the index a query answered with: an index lower than the last one resets the loop to 0, and an index of
     * 0 or less is clamped to 1, in that order, as Consul's documentation describes.
     *
     * @return whether the answer may differ from the last one applied (the index moved or went back, or it is a
     *     fresh read)
     */
    boolean advance(long returned) {
        boolean fresh = index == 0 || resync;
        resync = false;
        boolean backwards = returned < index;
        long next = backwards ? 0 : returned;
        if (next <= 0) {
            next = 1;
        }
        boolean moved = next != index;
        index = next;
        return fresh || backwards || moved;
    }

    /** A query failed: the next one reads without blocking. */
    void failed() {
        resync = true;
    }

    long current() {
        return index;
    }
}
