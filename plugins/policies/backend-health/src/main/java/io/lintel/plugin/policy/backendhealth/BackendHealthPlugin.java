package io.lintel.plugin.policy.backendhealth;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.PluginSetting;
import io.lintel.spi.policy.PolicyKind;
import io.lintel.spi.policy.PolicyTargetKind;
import io.lintel.spi.policy.ServicePolicyFactory;
import java.util.List;

/** Active backend health checks: the {@code lintel.io/v1alpha1} BackendHealthPolicy, which targets Services. */
public final class BackendHealthPlugin implements LintelPlugin {

    static final PolicyKind KIND = new PolicyKind(BackendHealthPolicyFactory.GROUP, BackendHealthPolicyFactory.KIND,
            List.of("v1alpha1"), List.of(PolicyTargetKind.SERVICE));

    @Override
    public String name() {
        return "backend-health";
    }

    @Override
    public List<PluginSetting> settings() {
        return List.of(EndpointChecker.MAX_RESPONSE_BYTES);
    }

    @Override
    public List<PolicyKind> policyKinds() {
        return List.of(KIND);
    }

    @Override
    public List<ServicePolicyFactory> servicePolicies(PluginContext context) {
        String maxResponseBytes = context.settings().getOrDefault(EndpointChecker.MAX_RESPONSE_BYTES.key(),
                EndpointChecker.MAX_RESPONSE_BYTES.defaultValue());
        return List.of(new BackendHealthPolicyFactory(Integer.parseInt(maxResponseBytes)));
    }
}
