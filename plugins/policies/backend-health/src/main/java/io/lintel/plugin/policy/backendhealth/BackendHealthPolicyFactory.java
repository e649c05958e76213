package io.lintel.plugin.policy.backendhealth;

import io.lintel.spi.policy.EndpointAccess;
import io.lintel.spi.policy.PolicyConfig;
import io.lintel.spi.policy.PolicyConfigException;
import io.lintel.spi.policy.PolicySpec;
import io.lintel.spi.policy.ServicePolicyFactory;
import io.lintel.spi.policy.ServicePolicyTarget;
import java.util.List;

/** Serves {@code lintel.io/BackendHealthPolicy}: checks each policy's spec, and runs the checks of its endpoints. */
public final class BackendHealthPolicyFactory implements ServicePolicyFactory {

    static final String GROUP = "lintel.io";
    static final String KIND = "BackendHealthPolicy";

    private final HealthChecks checks;

    /** @param maxResponseBytes the longest answer body a check takes ({@link EndpointChecker#MAX_RESPONSE_BYTES}) */
    BackendHealthPolicyFactory(int maxResponseBytes) {
        this.checks = new HealthChecks(maxResponseBytes);
    }

    @Override
    public String group() {
        return GROUP;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public PolicySpec translate(PolicyConfig config) throws PolicyConfigException {
        return BackendHealthPolicyReader.read(config);
    }

    @Override
    public void apply(List<ServicePolicyTarget> targets, EndpointAccess access) {
        checks.apply(targets, access);
    }
}
