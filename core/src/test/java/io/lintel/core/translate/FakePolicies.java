package io.lintel.core.translate;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.plugin.PluginReports;
import io.lintel.core.plugin.PolicyPlugins;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.policy.EndpointAccess;
import io.lintel.spi.policy.PolicyConfig;
import io.lintel.spi.policy.PolicyConfigException;
import io.lintel.spi.policy.PolicyKind;
import io.lintel.spi.policy.PolicySpec;
import io.lintel.spi.policy.PolicyTargetKind;
import io.lintel.spi.policy.ServicePolicyFactory;
import io.lintel.spi.policy.ServicePolicyTarget;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two policy kinds for translator tests: {@code example.com/FakeRoutePolicy} (targets HTTPRoutes and GRPCRoutes,
 * served by a filter factory) and {@code example.com/FakeServicePolicy} (targets Services). Both keep their
 * {@code spec} minus {@code targetRefs} as their spec, and refuse a spec with a field {@code reject}.
 */
public final class FakePolicies {

    static final FilterKey ROUTE_POLICY = FilterKey.extensionRef("example.com", "FakeRoutePolicy");

    /** What both kinds make of a policy: its spec without the targets. */
    record FakePolicySpec(Map<String, Object> spec) implements FilterSpec, PolicySpec {

        static FakePolicySpec of(Map<String, Object> object) {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = new TreeMap<>((Map<String, Object>) object.get("spec"));
            spec.remove("targetRefs");
            return new FakePolicySpec(spec);
        }
    }

    static final class RouteFactory implements HttpFilterFactory {
        @Override
        public FilterKey key() {
            return ROUTE_POLICY;
        }

        @Override
        public FilterSpec translate(FilterConfig config) throws FilterConfigException {
            FakePolicySpec spec = FakePolicySpec.of(config.value());
            if (spec.spec().containsKey("reject")) {
                throw new FilterConfigException(config.fieldPath() + ".reject", "Invalid",
                        "the fake route policy refuses a spec with reject");
            }
            return spec;
        }

        @Override
        public HttpFilter create(FilterSpec spec) {
            throw new UnsupportedOperationException("translator tests never create filters");
        }
    }

    static final class ServiceFactory implements ServicePolicyFactory {
        @Override
        public String group() {
            return "example.com";
        }

        @Override
        public String kind() {
            return "FakeServicePolicy";
        }

        @Override
        public PolicySpec translate(PolicyConfig config) throws PolicyConfigException {
            FakePolicySpec spec = FakePolicySpec.of(config.value());
            if (spec.spec().containsKey("reject")) {
                throw new PolicyConfigException(config.fieldPath() + ".reject",
                        "the fake service policy refuses a spec with reject");
            }
            return spec;
        }

        @Override
        public void apply(List<ServicePolicyTarget> targets, EndpointAccess access) {
            throw new UnsupportedOperationException("translator tests never apply policies");
        }
    }

    static final PolicyKind ROUTE_KIND = new PolicyKind("example.com", "FakeRoutePolicy", List.of("v1alpha1"),
            List.of(PolicyTargetKind.HTTP_ROUTE, PolicyTargetKind.GRPC_ROUTE));
    static final PolicyKind SERVICE_KIND = new PolicyKind("example.com", "FakeServicePolicy", List.of("v1alpha1"),
            List.of(PolicyTargetKind.SERVICE));

    public static final PluginRegistry REGISTRY = new PluginRegistry(List.of("fake-policies"),
            Map.of(ROUTE_POLICY, new RouteFactory(), FilterKey.filterType("RequestHeaderModifier"),
                    new FakeFilters.Factory(FilterKey.filterType("RequestHeaderModifier"))),
            Map.of(), List.of(), Map.of(), PluginRegistry.CORE_FEATURES,
            new PolicyPlugins(Map.of("example.com/FakeRoutePolicy", ROUTE_KIND,
                    "example.com/FakeServicePolicy", SERVICE_KIND),
                    Map.of("example.com/FakeServicePolicy", new ServiceFactory())),
            new PluginReports(), List.of());

    private FakePolicies() {}
}
