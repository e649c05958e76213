package io.lintel.core.admin;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrServicePolicy;
import io.lintel.spi.config.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoints each service policy checks, with their live verdicts, for {@code /status}: per policy, one entry per
 * endpoint of each Service port it applies to ({@code backend}, {@code endpoint}, {@code healthy}: true, false, or
 * null while no check has decided).
 */
final class EndpointHealthView {

    static final EndpointHealthView NONE = new EndpointHealthView(Map.of());

    private final Map<ResourceKey, List<Map<String, Object>>> byPolicy;

    private EndpointHealthView(Map<ResourceKey, List<Map<String, Object>>> byPolicy) {
        this.byPolicy = byPolicy;
    }

    static EndpointHealthView of(Ir ir, Map<String, Boolean> verdicts) {
        if (ir.servicePolicies().isEmpty()) {
            return NONE;
        }
        Map<ResourceKey, List<Map<String, Object>>> byPolicy = new HashMap<>();
        for (IrServicePolicy policy : ir.servicePolicies()) {
            int slash = policy.policy().indexOf('/');
            ResourceKey key = new ResourceKey(policy.group(), policy.kind(), policy.policy().substring(0, slash),
                    policy.policy().substring(slash + 1));
            List<Map<String, Object>> entries = byPolicy.computeIfAbsent(key, k -> new ArrayList<>());
            for (IrEndpoint endpoint : policy.endpoints()) {
                String address = endpoint.address() + ":" + endpoint.port();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("backend", policy.namespace() + "/" + policy.service() + ":" + policy.port());
                entry.put("endpoint", address);
                entry.put("healthy", verdicts.get(address));
                entries.add(entry);
            }
        }
        return new EndpointHealthView(byPolicy);
    }

    /** The endpoints {@code policy} checks, when it is a service policy of the configuration. */
    Optional<List<Map<String, Object>>> endpoints(ResourceKey policy) {
        return Optional.ofNullable(byPolicy.get(policy));
    }
}
