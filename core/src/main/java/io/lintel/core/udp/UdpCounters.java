package io.lintel.core.udp;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the UDP relay of one listening socket dropped, and why: datagrams are dropped rather than queued (UDP may lose
 * them anyway, and a queue would be memory a flood could take), so these counts are how an operator sees it happen.
 * Thread-safe (written on the socket's event loop, read from anywhere).
 */
public final class UdpCounters {

    final LongAdder flowsOpened = new LongAdder();
    final LongAdder flowsClosed = new LongAdder();
    final LongAdder flowsRejected = new LongAdder();
    final LongAdder oversized = new LongAdder();
    final LongAdder unrouted = new LongAdder();
    final LongAdder overloaded = new LongAdder();

    /** Flows started since the socket was bound. */
    public long flowsOpened() {
        return flowsOpened.sum();
    }

    /** Flows open now: started and not yet closed (idle, failed, their route gone, or the socket closed). */
    public long flowsOpen() {
        return flowsOpened.sum() - flowsClosed.sum();
    }

    /** Datagrams dropped because they would have started a flow beyond {@link UdpSettings#maxFlowsPerListener}. */
    public long flowsRejected() {
        return flowsRejected.sum();
    }

    /** Datagrams dropped (either way) because they were longer than {@link UdpSettings#maxDatagramBytes}. */
    public long oversized() {
        return oversized.sum();
    }

    /** Datagrams dropped because the socket had no route, or its route no usable backend endpoint. */
    public long unrouted() {
        return unrouted.sum();
    }

    /** Datagrams dropped because the socket they were to be sent on could not take more (not writable). */
    public long overloaded() {
        return overloaded.sum();
    }
}
