package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import io.lintel.core.ir.IrServicePolicy;
import io.lintel.core.plugin.PolicyPlugins;
import io.lintel.core.route.ActiveEndpointHealth;
import io.lintel.core.route.BackendEndpoint;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.policy.EndpointAccess;
import io.lintel.spi.policy.PolicyEndpoint;
import io.lintel.spi.policy.ServicePolicyFactory;
import io.lintel.spi.policy.ServicePolicyTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each service policy plugin what its policies apply to after every configuration the data plane applies, when
 * that changed, and an empty list when the data plane closes. A plugin that throws is logged; the configuration still
 * serves. Called by the data plane under its lock.
 */
final class ServicePolicyRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ServicePolicyRunner.class);

    private final Map<String, ServicePolicyFactory> factories;
    private final EndpointAccess access;
    private final ActiveEndpointHealth health;
    private Map<String, List<ServicePolicyTarget>> applied = Map.of();

    ServicePolicyRunner(PolicyPlugins plugins, EndpointAccess access, ActiveEndpointHealth health) {
        this.factories = requireNonNull(plugins, "plugins").serviceFactories();
        this.access = requireNonNull(access, "access");
        this.health = requireNonNull(health, "health");
    }

    synchronized void apply(List<IrServicePolicy> policies) {
        if (factories.isEmpty()) {
            return;
        }
        Map<String, List<ServicePolicyTarget>> targets = new TreeMap<>();
        factories.keySet().forEach(key -> targets.put(key, new ArrayList<>()));
        for (IrServicePolicy policy : policies) {
            List<ServicePolicyTarget> list = targets.get(policy.group() + "/" + policy.kind());
            if (list != null) {
                int slash = policy.policy().indexOf('/');
                list.add(new ServicePolicyTarget(new ResourceKey(policy.group(), policy.kind(),
                        policy.policy().substring(0, slash), policy.policy().substring(slash + 1)), policy.spec(),
                        policy.namespace(), policy.service(), policy.port(), policy.endpoints().stream()
                        .map(e -> new PolicyEndpoint(e.address(), e.port())).toList()));
            }
        }
        targets.forEach((key, list) -> {
            if (!list.equals(applied.getOrDefault(key, List.of()))) {
                try {
                    factories.get(key).apply(List.copyOf(list), access);
                } catch (RuntimeException | LinkageError e) {
                    LOG.warn("service policy plugin of {} failed to apply {} targets", key, list.size(), e);
                }
            }
        });
        applied = targets;
    }

    synchronized void close() {
        apply(List.of());
    }

    /** Per backend ({@code namespace/service:port}) a service policy checks: its endpoints found unhealthy now. */
    synchronized Map<String, Integer> unhealthyByBackend() {
        Map<String, Integer> out = new LinkedHashMap<>();
        applied.values().forEach(list -> list.forEach(target -> {
            int down = 0;
            for (PolicyEndpoint endpoint : target.endpoints()) {
                Boolean healthy = health.healthy(new BackendEndpoint(endpoint.address(), endpoint.port(), "")
                        .socketAddress());
                if (Boolean.FALSE.equals(healthy)) {
                    down++;
                }
            }
            out.merge(target.backendName(), down, Math::max);
        }));
        return out;
    }
}
