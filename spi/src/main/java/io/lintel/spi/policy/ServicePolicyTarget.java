package io.lintel.spi.policy;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.config.ResourceKey;
import java.util.List;

/**
 * One Service port an accepted service policy applies to (the winner for that port, GEP-713), with its endpoints.
 *
 * @param policy the policy's key
 * @param spec what {@link ServicePolicyFactory#translate} made of the policy
 * @param namespace the Service's namespace (always the policy's)
 * @param service the Service's name
 * @param port the Service port's name, or its number when unnamed
 * @param endpoints the port's ready endpoints
 */
public record ServicePolicyTarget(ResourceKey policy, PolicySpec spec, String namespace, String service, String port,
        List<PolicyEndpoint> endpoints) {

    public ServicePolicyTarget {
        requireNonNull(policy, "policy");
        requireNonNull(spec, "spec");
        requireNonNull(namespace, "namespace");
        requireNonNull(service, "service");
        requireNonNull(port, "port");
        endpoints = List.copyOf(requireNonNull(endpoints, "endpoints"));
    }

    /** {@code <namespace>/<service>:<port>}, as backends are named in logs and metrics. */
    public String backendName() {
        return namespace + "/" + service + ":" + port;
    }
}
