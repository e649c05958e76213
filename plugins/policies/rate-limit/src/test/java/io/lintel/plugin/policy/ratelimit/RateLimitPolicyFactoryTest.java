package io.lintel.plugin.policy.ratelimit;

import static io.lintel.plugin.policy.ratelimit.Policies.config;
import static io.lintel.plugin.policy.ratelimit.Policies.limit;
import static io.lintel.plugin.policy.ratelimit.Policies.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.plugin.filter.support.testing.ServiceLoaded;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.FailMode;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.KeyType;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Limit;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Store;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.StoreType;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Unit;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.HttpFilterFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RateLimitPolicyFactoryTest {

    static RateLimitPolicyFactory factory() {
        RateLimitMetrics metrics = new RateLimitMetrics();
        RateLimitSettings settings = RateLimitSettings.defaults();
        return new RateLimitPolicyFactory(settings, Clock.systemUTC(),
                new RedisStores(settings, ForkJoinPool.commonPool(), metrics), metrics);
    }

    private final RateLimitPolicyFactory factory = factory();

    @Test
    void thePluginIsFoundByServiceLoaderAndOwnsTheRateLimitPolicyKind() {
        assertThat(ServiceLoaded.plugins(RateLimitPlugin.class)).singleElement().satisfies(plugin -> {
            List<HttpFilterFactory> factories = plugin.filterFactories(null);
            assertThat(factories).singleElement().satisfies(f -> {
                assertThat(f.key()).isEqualTo(FilterKey.extensionRef("lintel.io", "RateLimitPolicy"));
                assertThat(f.features()).isEmpty();
            });
        });
    }

    @Test
    void thePluginDeclaresItsSettingsAndReadsThemFromItsContext() {
        assertThat(new RateLimitPlugin().settings()).extracting(io.lintel.spi.PluginSetting::key).containsExactly(
                "rateLimit.local.maxKeys", "rateLimit.fieldsOn", "rateLimit.redis.timeoutMillis",
                "rateLimit.redis.maxInFlight", "rateLimit.redis.connectTimeoutMillis", "rateLimit.redis.maxBackoffMillis");
        RateLimitSettings settings = RateLimitSettings.of(Map.of("rateLimit.local.maxKeys", "10",
                "rateLimit.fieldsOn", "refused", "rateLimit.redis.timeoutMillis", "250"));
        assertThat(settings.maxKeys()).isEqualTo(10);
        assertThat(settings.headersOnAllowed()).isFalse();
        assertThat(settings.redisTimeout()).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(settings.redisMaxInFlight()).isEqualTo(1_000);
        assertThat(RateLimitSettings.defaults().headersOnAllowed()).isTrue();
    }

    @Test
    void aValidPolicyBecomesItsSpecWithLocalStoreByDefault() throws Exception {
        RateLimitSpec spec = factory.translate(config(Map.of(
                "targetRefs", List.of(Map.of("group", "gateway.networking.k8s.io", "kind", "HTTPRoute", "name", "api")),
                "limits", List.of(
                        limit(100, "Second", Map.of("type", "ClientIP")),
                        limit(1000, "Hour", Map.of("type", "Header", "name", "X-Api-Key")),
                        limit(5, "Minute", Map.of("type", "None"))))));

        assertThat(spec.policy()).isEqualTo("shop/api-limits");
        assertThat(spec.limits()).containsExactly(
                new Limit("api-limits-0", 100, Unit.Second, KeyType.ClientIP, ""),
                new Limit("api-limits-1", 1000, Unit.Hour, KeyType.Header, "x-api-key"),
                new Limit("api-limits-2", 5, Unit.Minute, KeyType.None, ""));
        assertThat(spec.store()).isEqualTo(Store.LOCAL);
    }

    @Test
    void aRedisStoreFailsOpenUnlessTold() throws Exception {
        Map<String, Object> spec = new HashMap<>(spec(List.of(limit(1, "Second", Map.of("type", "None")))));
        spec.put("store", Map.of("type", "Redis", "redis", Map.of("address", "redis.shop.svc:6379")));
        assertThat(factory.translate(config(spec)).store())
                .isEqualTo(new Store(StoreType.Redis, "redis.shop.svc", 6379, FailMode.Open));

        spec.put("store", Map.of("type", "Redis", "redis", Map.of("address", "[::1]:6380", "failMode", "Closed")));
        Store store = factory.translate(config(spec)).store();
        assertThat(store).isEqualTo(new Store(StoreType.Redis, "::1", 6380, FailMode.Closed));
        assertThat(store.redisAddress()).isEqualTo("[::1]:6380");
    }

    static List<Arguments> invalidPolicies() {
        Map<String, Object> none = Map.of("type", "None");
        return List.of(
                Arguments.of(Map.of(), "spec.limits: at least one limit is required"),
                Arguments.of(spec(List.of(limit(0, "Second", none))), "spec.limits[0].requests: must be greater than 0, got 0"),
                Arguments.of(spec(List.of(Map.of("unit", "Second", "key", none))), "spec.limits[0].requests: required field is missing"),
                Arguments.of(spec(List.of(limit(1, "Day", none))), "spec.limits[0].unit: must be one of Second, Minute, Hour, got \"Day\""),
                Arguments.of(spec(List.of(limit(1, "Second", Map.of("type", "Cookie")))),
                        "spec.limits[0].key.type: must be one of ClientIP, Header, None, got \"Cookie\""),
                Arguments.of(spec(List.of(limit(1, "Second", Map.of("type", "Header")))),
                        "spec.limits[0].key.name: required field is missing"),
                Arguments.of(spec(List.of(limit(1, "Second", Map.of("type", "Header", "name", "X Api")))),
                        "spec.limits[0].key.name: not a header name: \"X Api\""),
                Arguments.of(spec(List.of(limit(1, "Second", Map.of("type", "ClientIP", "name", "x")))),
                        "spec.limits[0].key.name: only a key of type Header has a name"),
                Arguments.of(Map.of("limits", List.of(limit(1, "Second", none)), "burst", 3),
                        "spec.burst: unknown field; expected one of limits, store, targetRefs"),
                Arguments.of(Map.of("limits", List.of(limit(1, "Second", none)), "store", Map.of("type", "Memcached")),
                        "spec.store.type: must be one of Local, Redis, got \"Memcached\""),
                Arguments.of(Map.of("limits", List.of(limit(1, "Second", none)), "store", Map.of("type", "Redis")),
                        "spec.store.redis: required when type is Redis"),
                Arguments.of(Map.of("limits", List.of(limit(1, "Second", none)),
                        "store", Map.of("type", "Redis", "redis", Map.of("address", "redis"))),
                        "spec.store.redis.address: expected host:port"),
                Arguments.of(Map.of("limits", List.of(limit(1, "Second", none)),
                        "store", Map.of("type", "Redis", "redis", Map.of("address", "redis:99999"))),
                        "spec.store.redis.address: expected host:port"),
                Arguments.of(Map.of("limits", List.of(limit(1, "Second", none)),
                        "store", Map.of("type", "Redis", "redis", Map.of("address", "redis:6379", "failMode", "Maybe"))),
                        "spec.store.redis.failMode: must be one of Open, Closed, got \"Maybe\""),
                Arguments.of(Map.of("limits", List.of(limit(1, "Second", none)),
                        "store", Map.of("type", "Local", "redis", Map.of("address", "redis:6379"))),
                        "spec.store.redis: must not be set when type is Local"));
    }

    @ParameterizedTest
    @MethodSource("invalidPolicies")
    void anInvalidPolicyIsRefusedNamingThePolicyAndItsField(Map<String, Object> spec, String message) {
        assertThatThrownBy(() -> factory.translate(config(spec)))
                .isInstanceOfSatisfying(FilterConfigException.class, e -> {
                    // the route's filter is where the condition points; the message names the policy's own field
                    assertThat(e.fieldPath()).isEqualTo(Policies.AT);
                    assertThat(e.reason()).isEqualTo("UnsupportedValue");
                    assertThat(e.getMessage()).startsWith("RateLimitPolicy shop/api-limits: ").contains(message);
                });
    }

    @Test
    void aPolicyWithoutSpecIsRefused() {
        Map<String, Object> object = new HashMap<>(config(Map.of()).value());
        object.remove("spec");
        assertThatThrownBy(() -> factory.translate(new io.lintel.spi.filter.FilterConfig(
                config(Map.of()).route(), Policies.AT, object)))
                .hasMessage("RateLimitPolicy shop/api-limits: spec: required field is missing");
    }
}
