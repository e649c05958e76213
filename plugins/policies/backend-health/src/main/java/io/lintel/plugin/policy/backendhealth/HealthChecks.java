package io.lintel.plugin.policy.backendhealth;

import io.lintel.spi.policy.EndpointAccess;
import io.lintel.spi.policy.PolicyEndpoint;
import io.lintel.spi.policy.ServicePolicyTarget;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The checkers of every endpoint the BackendHealthPolicies apply to, kept up to date with each configuration: an
 * endpoint keeps its checker (and its rows of passes and failures) while its check is the same, gets a new one that
 * starts from the last verdict when its policy's check changed, and is forgotten by core when no policy applies to it
 * any more. One endpoint listed by several targeted Service ports is checked once, with the first target's check.
 *
 * <p>Checks are started by one daemon thread of the plugin's own, there only while something is checked; they run on
 * the data plane's event loops.
 */
final class HealthChecks {

    private record Wanted(BackendHealthSpec spec, String backend) {}

    private final Map<PolicyEndpoint, EndpointChecker> checkers = new HashMap<>();
    private final int maxResponseBytes;
    private ScheduledExecutorService scheduler;

    /** @param maxResponseBytes the longest answer body a check takes ({@link EndpointChecker#MAX_RESPONSE_BYTES}) */
    HealthChecks(int maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    synchronized void apply(List<ServicePolicyTarget> targets, EndpointAccess access) {
        Map<PolicyEndpoint, Wanted> wanted = new LinkedHashMap<>();
        for (ServicePolicyTarget target : targets) {
            BackendHealthSpec spec = (BackendHealthSpec) target.spec();
            target.endpoints().forEach(e -> wanted.putIfAbsent(e, new Wanted(spec, target.backendName())));
        }
        Map<PolicyEndpoint, Boolean> carried = new HashMap<>();
        checkers.entrySet().removeIf(entry -> {
            Wanted want = wanted.get(entry.getKey());
            if (want != null && want.spec().equals(entry.getValue().spec())) {
                return false;
            }
            entry.getValue().stop();
            if (want == null) {
                access.forget(entry.getKey());
            } else {
                carried.put(entry.getKey(), entry.getValue().healthy());
            }
            return true;
        });
        if (wanted.isEmpty()) {
            if (scheduler != null) {
                scheduler.shutdownNow();
                scheduler = null;
            }
            return;
        }
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "lintel-health-checks");
                thread.setDaemon(true);
                return thread;
            });
        }
        wanted.forEach((endpoint, want) -> {
            if (!checkers.containsKey(endpoint)) {
                EndpointChecker checker = new EndpointChecker(endpoint, want.spec(), want.backend(), access,
                        carried.get(endpoint), maxResponseBytes);
                checker.start(scheduler, ThreadLocalRandom.current().nextLong(want.spec().interval().toNanos()));
                checkers.put(endpoint, checker);
            }
        });
    }

    /** How many endpoints are checked now. */
    synchronized int size() {
        return checkers.size();
    }
}
