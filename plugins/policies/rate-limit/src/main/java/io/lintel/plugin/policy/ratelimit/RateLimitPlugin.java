package io.lintel.plugin.policy.ratelimit;

import io.lintel.spi.LintelPlugin;
import io.lintel.spi.PluginContext;
import io.lintel.spi.PluginSetting;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.policy.PolicyKind;
import io.lintel.spi.policy.PolicyTargetKind;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/** Provides {@code RateLimitPolicy} (lintel.io/v1alpha1): request limits counted per process or in Redis. */
public final class RateLimitPlugin implements LintelPlugin {

    @Override
    public String name() {
        return "rate-limit";
    }

    @Override
    public List<PluginSetting> settings() {
        return RateLimitSettings.DECLARED;
    }

    /** Attached by {@code spec.targetRefs} to routes or their named rules; also usable as an {@code ExtensionRef}. */
    static final PolicyKind KIND = new PolicyKind(RateLimitPolicyFactory.GROUP, RateLimitPolicyFactory.KIND,
            List.of("v1alpha1"), List.of(PolicyTargetKind.HTTP_ROUTE, PolicyTargetKind.GRPC_ROUTE));

    @Override
    public List<PolicyKind> policyKinds() {
        return List.of(KIND);
    }

    @Override
    public List<HttpFilterFactory> filterFactories(PluginContext context) {
        // the context is absent where a test lists the factories
        Clock clock = context == null ? Clock.systemUTC() : context.clock();
        Executor blocking = context == null ? ForkJoinPool.commonPool() : context.blockingExecutor();
        RateLimitSettings settings = context == null ? RateLimitSettings.defaults()
                : RateLimitSettings.of(context.settings());
        RateLimitMetrics metrics = new RateLimitMetrics();
        RedisStores redis = new RedisStores(settings, blocking, metrics);
        if (context != null) {
            metrics.reportTo(context.reporting(), redis);
        }
        return List.of(new RateLimitPolicyFactory(settings, clock, redis, metrics));
    }
}
