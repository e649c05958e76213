package io.lintel.core.route;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What active checks (a service policy such as BackendHealthPolicy) say of endpoints: an endpoint reported unhealthy
 * is left out by every backend's endpoint selection ({@link EndpointHealth#isEjected}), next to passive health's
 * ejections and within the same share of a backend's endpoints, until it is reported healthy or forgotten.
 *
 * <p>Shared by every event loop and the checks' own threads; lock-free. Endpoints are keyed by address and port, like
 * passive health: whichever Service lists an endpoint, its health is the same.
 */
public final class ActiveEndpointHealth {

    private final ConcurrentHashMap<InetSocketAddress, Boolean> verdicts = new ConcurrentHashMap<>();
    /** Endpoints reported unhealthy now: zero (nearly always) lets {@link #isDown} skip the lookup. */
    private final AtomicInteger down = new AtomicInteger();

    public void report(InetSocketAddress endpoint, boolean healthy) {
        verdicts.compute(endpoint, (address, before) -> {
            if (before == null || before != healthy) {
                if (!healthy) {
                    down.incrementAndGet();
                } else if (before != null) {
                    down.decrementAndGet();
                }
            }
            return healthy;
        });
    }

    public void forget(InetSocketAddress endpoint) {
        verdicts.computeIfPresent(endpoint, (address, before) -> {
            if (!before) {
                down.decrementAndGet();
            }
            return null;
        });
    }

    /** Whether active checks have found {@code endpoint} unhealthy. */
    boolean isDown(BackendEndpoint endpoint) {
        return down.get() != 0 && Boolean.FALSE.equals(verdicts.get(endpoint.socketAddress()));
    }

    /** Whether active checks have found {@code endpoint} unhealthy; null when none checks it. */
    public Boolean healthy(InetSocketAddress endpoint) {
        return verdicts.get(endpoint);
    }

    /** Endpoints reported unhealthy now. */
    public int downCount() {
        return down.get();
    }

    /** Every checked endpoint ({@code address:port}) and whether it is healthy, sorted, for the admin server. */
    public Map<String, Boolean> snapshot() {
        Map<String, Boolean> out = new TreeMap<>();
        verdicts.forEach((address, healthy) -> out.put(address.getHostString() + ":" + address.getPort(), healthy));
        return out;
    }
}
