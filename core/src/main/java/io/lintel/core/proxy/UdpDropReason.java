package io.lintel.core.proxy;

/**
 * Why the UDP relay dropped a datagram. A closed set, so that the metric labelled with it
 * ({@code lintel_udp_datagrams_dropped_total{reason}}) has a bounded number of series.
 */
public enum UdpDropReason {
    /** It would have started a flow beyond the listener's bound ({@code udp.maxFlowsPerListener}). */
    FLOW_LIMIT("flow_limit"),
    /** It was longer than {@code udp.maxDatagramBytes} (either way). */
    OVERSIZED("oversized"),
    /** The listener had no route, or the route no usable backend endpoint. */
    NO_ROUTE("no_route"),
    /** The socket it was to be sent on could not take more, or too many waited for a flow's backend to connect. */
    OVERLOAD("overload");

    private final String label;

    UdpDropReason(String label) {
        this.label = label;
    }

    /** The metric label value. */
    public String label() {
        return label;
    }
}
