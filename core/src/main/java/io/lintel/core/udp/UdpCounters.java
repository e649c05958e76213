package io.lintel.core.udp;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.proxy.UdpDropReason;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the UDP relay of one listening socket did and dropped, and why: datagrams are dropped rather than queued (UDP
 * may lose them anyway, and a queue would be memory a flood could take), so these counts are how an operator sees it
 * happen. Each count also goes to the process's metrics ({@code lintel_udp_*}); the per-socket figures are for tests
 * and diagnostics. Thread-safe (written on the socket's event loop, read from anywhere).
 */
public final class UdpCounters {

    private final ProxyMetrics metrics;
    private final LongAdder flowsOpened = new LongAdder();
    private final LongAdder flowsClosed = new LongAdder();
    private final LongAdder[] dropped = new LongAdder[UdpDropReason.values().length];

    public UdpCounters(ProxyMetrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics");
        for (int i = 0; i < dropped.length; i++) {
            dropped[i] = new LongAdder();
        }
    }

    /** Counts nowhere but here (tests). */
    public UdpCounters() {
        this(ProxyMetrics.NOOP);
    }

    void flowOpened() {
        flowsOpened.increment();
        metrics.udpFlowOpened();
    }

    void flowClosed() {
        flowsClosed.increment();
        metrics.udpFlowClosed();
    }

    /** A datagram of {@code bytes} was passed on, to the backend or to the client. */
    void relayed(boolean toBackend, int bytes) {
        metrics.udpRelayed(toBackend, bytes);
    }

    void dropped(UdpDropReason reason) {
        dropped[reason.ordinal()].increment();
        metrics.udpDatagramDropped(reason);
    }

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
        return droppedFor(UdpDropReason.FLOW_LIMIT);
    }

    /** Datagrams dropped (either way) because they were longer than {@link UdpSettings#maxDatagramBytes}. */
    public long oversized() {
        return droppedFor(UdpDropReason.OVERSIZED);
    }

    /** Datagrams dropped because the socket had no route, or its route no usable backend endpoint. */
    public long unrouted() {
        return droppedFor(UdpDropReason.NO_ROUTE);
    }

    /** Datagrams dropped because the socket they were to be sent on could not take more (not writable). */
    public long overloaded() {
        return droppedFor(UdpDropReason.OVERLOAD);
    }

    private long droppedFor(UdpDropReason reason) {
        return dropped[reason.ordinal()].sum();
    }
}
