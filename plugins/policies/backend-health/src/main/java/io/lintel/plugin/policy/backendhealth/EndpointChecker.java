package io.lintel.plugin.policy.backendhealth;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.PluginSetting;
import io.lintel.spi.filter.CalloutRequest;
import io.lintel.spi.filter.CalloutResponse;
import io.lintel.spi.policy.EndpointAccess;
import io.lintel.spi.policy.PolicyEndpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one endpoint: one {@code GET path} per interval (never two at once: a check still waiting when the next is
 * due makes that one skip), and turns the results into a verdict reported to core: {@code unhealthyThreshold}
 * failures in a row take the endpoint out of traffic, {@code healthyThreshold} passes in a row bring it back. Until
 * the first verdict the endpoint is served as before (a reload must not drop traffic to endpoints not checked yet).
 *
 * <p>Checks are started by the plugin's scheduler thread and complete on a data-plane event loop, where
 * {@link #record} does a few field updates under this object's lock and never blocks.
 */
final class EndpointChecker {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointChecker.class);
    /** The longest answer body taken; health pages are short, and a longer one fails the check. */
    static final PluginSetting MAX_RESPONSE_BYTES = PluginSetting.number("backendHealth.maxResponseBytes", 0,
            Integer.MAX_VALUE, 64 * 1024,
            "longest body of an answer to a BackendHealthPolicy check; a longer one fails the check");

    private final PolicyEndpoint endpoint;
    private final BackendHealthSpec spec;
    private final String backend;
    private final EndpointAccess access;
    private final CalloutRequest request;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile ScheduledFuture<?> schedule;
    private boolean stopped;
    private int passes;
    private int failures;
    /** The verdict reported last; null before the first one. */
    private Boolean healthy;

    /**
     * @param healthy the verdict to start from (that of a checker this one replaces), or null
     * @param maxResponseBytes the longest answer body taken ({@link #MAX_RESPONSE_BYTES})
     */
    EndpointChecker(PolicyEndpoint endpoint, BackendHealthSpec spec, String backend, EndpointAccess access,
            Boolean healthy, int maxResponseBytes) {
        this.endpoint = requireNonNull(endpoint, "endpoint");
        this.spec = requireNonNull(spec, "spec");
        this.backend = requireNonNull(backend, "backend");
        this.access = requireNonNull(access, "access");
        this.healthy = healthy;
        this.request = new CalloutRequest("GET", spec.path(), endpoint.toString(),
                List.of(Map.entry("user-agent", "lintel-health-check")), new byte[0], spec.timeout(),
                maxResponseBytes);
    }

    /** Checks every interval from {@code initialDelayNanos} on (a random share of the interval: checks spread out). */
    void start(ScheduledExecutorService scheduler, long initialDelayNanos) {
        schedule = scheduler.scheduleAtFixedRate(this::check, initialDelayNanos, spec.interval().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** Sends one check unless one is still waiting. */
    void check() {
        if (!inFlight.compareAndSet(false, true)) {
            return;
        }
        try {
            access.call(endpoint, request).whenComplete((response, failure) -> {
                inFlight.set(false);
                record(failure == null && spec.expectedStatuses().contains(response.status()),
                        failure == null ? "status " + response.status() : failure.toString());
            });
        } catch (RuntimeException e) {
            inFlight.set(false);
            record(false, e.toString());
        }
    }

    /** Counts one check's result and reports a verdict that changed. */
    synchronized void record(boolean passed, String detail) {
        if (stopped) {
            return;
        }
        if (passed) {
            failures = 0;
            passes++;
            if (healthy == null || !healthy && passes >= spec.healthyThreshold()) {
                verdict(true, passes + " checks passed");
            }
        } else {
            passes = 0;
            failures++;
            if (!Boolean.FALSE.equals(healthy) && failures >= spec.unhealthyThreshold()) {
                verdict(false, failures + " checks failed in a row, the last: " + detail);
            }
        }
    }

    private void verdict(boolean nowHealthy, String why) {
        if (healthy != null) {
            LOG.info("endpoint {} of {} is {}: {}", endpoint, backend, nowHealthy ? "healthy again" : "unhealthy", why);
        }
        healthy = nowHealthy;
        access.report(endpoint, nowHealthy);
    }

    /** The verdict reported last, or null. */
    synchronized Boolean healthy() {
        return healthy;
    }

    BackendHealthSpec spec() {
        return spec;
    }

    /** Stops checking; results still on their way are ignored. */
    synchronized void stop() {
        stopped = true;
        ScheduledFuture<?> current = schedule;
        if (current != null) {
            current.cancel(false);
        }
    }
}
