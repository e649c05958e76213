package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.policy.PolicySpec;
import java.util.List;

/**
 * A service policy (a plugin's policy kind that targets Services) as it applies to one Service port: the winning
 * policy of its kind there, its validated spec, and the port's ready endpoints.
 *
 * @param group the policy kind's group
 * @param kind the policy kind
 * @param policy the policy's {@code <namespace>/<name>}
 * @param namespace the Service's namespace
 * @param service the Service's name
 * @param port the Service port's name, or its number when unnamed
 */
public record IrServicePolicy(String group, String kind, String policy, PolicySpec spec, String namespace,
        String service, String port, List<IrEndpoint> endpoints) {

    public IrServicePolicy {
        requireNonNull(group, "group");
        requireNonNull(kind, "kind");
        requireNonNull(policy, "policy");
        requireNonNull(spec, "spec");
        requireNonNull(namespace, "namespace");
        requireNonNull(service, "service");
        requireNonNull(port, "port");
        endpoints = List.copyOf(requireNonNull(endpoints, "endpoints"));
    }
}
