package io.lintel.core.server;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The default bound on client connections, from the process's file-descriptor limit ({@code ulimit -n}).
 *
 * <p>Without a bound, idle connections alone take every descriptor: accepting then fails, the listen backlog fills
 * and new clients, the admin server and backend connects all time out. So a reserve is kept back (the admin server,
 * backend connections of idle clients, jars, logs, event-loop descriptors): a fifth of the limit, at least
 * {@value #MIN_RESERVE}. Half of the rest goes to client connections, as a proxied one usually has a backend
 * connection too.
 */
final class ConnectionBudget {

    static final int MIN_RESERVE = 256;

    /** Used where the limit cannot be read (not a Unix JVM): what a default {@code ulimit -n} of 65 536 gives. */
    static final int FALLBACK = forDescriptorLimit(65_536);

    private ConnectionBudget() {}

    /** The bound for this process's file-descriptor limit. */
    static int defaultMaxConnections() {
        long limit = maxFileDescriptors();
        return limit > 0 ? forDescriptorLimit(limit) : FALLBACK;
    }

    /** The bound for a process allowed {@code descriptors} open files; at least 1. */
    static int forDescriptorLimit(long descriptors) {
        long reserve = Math.max(MIN_RESERVE, descriptors / 5);
        long clients = (descriptors - reserve) / 2;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, clients));
    }

    /** The process's file-descriptor limit, or -1 when the JVM does not tell. */
    static long maxFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
