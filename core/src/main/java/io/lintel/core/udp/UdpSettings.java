package io.lintel.core.udp;

import io.lintel.core.server.CountProperty;
import java.time.Duration;

/**
 * The bounds of UDP relaying (UDPRoute listeners). A flow is the traffic of one client address:port on one listener
 * socket; it holds a connected socket to its backend endpoint, so flows are bounded per listener and expire when
 * idle, as Envoy's UDP proxy sessions do.
 *
 * @param flowIdleTimeout a flow with no datagram either way for this long is closed (its backend socket too); the
 *     next datagram of that client starts a new flow, which may pick another backend; default 60 s, or system
 *     property {@value #FLOW_IDLE_TIMEOUT_PROPERTY} in seconds
 * @param maxFlowsPerListener flows open at once on one listening socket; a datagram that would start one more is
 *     dropped (and counted); default 10 000, or system property {@value #MAX_FLOWS_PER_LISTENER_PROPERTY}
 * @param maxDatagramBytes the largest datagram relayed either way; a larger one is dropped (and counted), never
 *     truncated; default 9000 (a jumbo frame: DNS with EDNS0, QUIC, game and VoIP traffic fit), or system property
 *     {@value #MAX_DATAGRAM_BYTES_PROPERTY}
 */
public record UdpSettings(Duration flowIdleTimeout, int maxFlowsPerListener, int maxDatagramBytes) {

    public static final String FLOW_IDLE_TIMEOUT_PROPERTY = "lintel.udp.flowIdleTimeoutSeconds";
    public static final String MAX_FLOWS_PER_LISTENER_PROPERTY = "lintel.udp.maxFlowsPerListener";
    public static final String MAX_DATAGRAM_BYTES_PROPERTY = "lintel.udp.maxDatagramBytes";

    /** The largest payload of a UDP datagram over IPv4. */
    public static final int MAX_UDP_PAYLOAD = 65_507;

    /** The defaults, each overridden by its system property (e.g. in {@code LINTEL_OPTS}). */
    public static final UdpSettings DEFAULTS = new UdpSettings(
            Duration.ofSeconds(CountProperty.readPositive(FLOW_IDLE_TIMEOUT_PROPERTY, 60)),
            CountProperty.readPositive(MAX_FLOWS_PER_LISTENER_PROPERTY, 10_000),
            Math.min(MAX_UDP_PAYLOAD, CountProperty.readPositive(MAX_DATAGRAM_BYTES_PROPERTY, 9000)));

    public UdpSettings {
        if (flowIdleTimeout == null || flowIdleTimeout.isNegative() || flowIdleTimeout.isZero()) {
            throw new IllegalArgumentException("flowIdleTimeout: " + flowIdleTimeout + " (expected: > 0)");
        }
        if (maxFlowsPerListener <= 0) {
            throw new IllegalArgumentException("maxFlowsPerListener: " + maxFlowsPerListener + " (expected: > 0)");
        }
        if (maxDatagramBytes <= 0 || maxDatagramBytes > MAX_UDP_PAYLOAD) {
            throw new IllegalArgumentException("maxDatagramBytes: " + maxDatagramBytes + " (expected: 1-"
                    + MAX_UDP_PAYLOAD + ")");
        }
    }

    public UdpSettings withFlowIdleTimeout(Duration timeout) {
        return new UdpSettings(timeout, maxFlowsPerListener, maxDatagramBytes);
    }

    public UdpSettings withMaxFlowsPerListener(int max) {
        return new UdpSettings(flowIdleTimeout, max, maxDatagramBytes);
    }

    public UdpSettings withMaxDatagramBytes(int max) {
        return new UdpSettings(flowIdleTimeout, maxFlowsPerListener, max);
    }
}
