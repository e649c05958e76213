package io.lintel.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.policy.EndpointAccess;
import io.lintel.spi.policy.PolicyConfig;
import io.lintel.spi.policy.PolicyKind;
import io.lintel.spi.policy.PolicySpec;
import io.lintel.spi.policy.PolicyTargetKind;
import io.lintel.spi.policy.ServicePolicyFactory;
import io.lintel.spi.policy.ServicePolicyTarget;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What start-up accepts of the policy kinds plugins declare. */
class PolicyClaimsTest {

    private static final PolicyKind ROUTE_KIND = new PolicyKind("lintel.io", "RateLimitPolicy", List.of("v1alpha1"),
            List.of(PolicyTargetKind.HTTP_ROUTE, PolicyTargetKind.GRPC_ROUTE));
    private static final PolicyKind SERVICE_KIND = new PolicyKind("lintel.io", "BackendHealthPolicy",
            List.of("v1alpha1"), List.of(PolicyTargetKind.SERVICE));
    private static final FilterKey RATE_LIMIT = FilterKey.extensionRef("lintel.io", "RateLimitPolicy");

    private final PolicyClaims claims = new PolicyClaims();

    @Test
    void aRoutePolicyWithItsFilterFactoryAndAServicePolicyWithItsFactoryAreRegistered() {
        claims.claimKind(ROUTE_KIND, "rate-limit");
        claims.claimKind(SERVICE_KIND, "backend-health");
        claims.claimFactory(new Factory("BackendHealthPolicy"), "backend-health");

        PolicyPlugins plugins = claims.build(Set.of(RATE_LIMIT));

        assertThat(plugins.kinds()).containsOnlyKeys("lintel.io/RateLimitPolicy", "lintel.io/BackendHealthPolicy");
        assertThat(plugins.serviceFactories()).containsOnlyKeys("lintel.io/BackendHealthPolicy");
        assertThat(plugins.sortedKinds()).containsExactly(SERVICE_KIND, ROUTE_KIND);
    }

    @Test
    void twoPluginsDeclaringOneKindStopStartUp() {
        claims.claimKind(ROUTE_KIND, "rate-limit");

        assertThatThrownBy(() -> claims.claimKind(ROUTE_KIND, "other-rate-limit"))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("lintel.io/RateLimitPolicy is declared by two plugins: rate-limit and other-rate-limit");
    }

    @Test
    void aRoutePolicyWithoutItsFilterFactoryStopsStartUp() {
        claims.claimKind(ROUTE_KIND, "rate-limit");

        assertThatThrownBy(() -> claims.build(Set.of()))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("targets routes but no plugin provides its filter factory")
                .hasMessageContaining("ExtensionRef lintel.io/RateLimitPolicy");
    }

    @Test
    void aServicePolicyWithoutItsFactoryOrAFactoryWithoutItsKindStopsStartUp() {
        claims.claimKind(SERVICE_KIND, "backend-health");
        assertThatThrownBy(() -> claims.build(Set.of()))
                .hasMessageContaining("targets Services but no plugin provides its ServicePolicyFactory");

        PolicyClaims other = new PolicyClaims();
        other.claimFactory(new Factory("Orphan"), "orphan");
        assertThatThrownBy(() -> other.build(Set.of()))
                .hasMessageContaining("service policy lintel.io/Orphan of plugin orphan has no PolicyKind");
    }

    @Test
    void aTargetKindCoreCannotAttachToStopsStartUp() {
        PolicyKind gatewayPolicy = new PolicyKind("lintel.io", "GatewayPolicy", List.of("v1alpha1"),
                List.of(new PolicyTargetKind("gateway.networking.k8s.io", "Gateway")));

        assertThatThrownBy(() -> claims.claimKind(gatewayPolicy, "gateway-policy"))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("targets gateway.networking.k8s.io/Gateway (expected targets among");
    }

    private record Factory(String kind) implements ServicePolicyFactory {
        @Override
        public String group() {
            return "lintel.io";
        }

        @Override
        public PolicySpec translate(PolicyConfig config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void apply(List<ServicePolicyTarget> targets, EndpointAccess access) {
            throw new UnsupportedOperationException();
        }
    }
}
