package io.lintel.plugin.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.plugin.policy.ratelimit.RateLimitSpec.KeyType;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Limit;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Store;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Unit;
import io.lintel.spi.filter.RuleRef;
import io.lintel.testkit.FakeHeaders;
import io.lintel.testkit.FakeRequestHead;
import io.lintel.testkit.FilterHarness;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class LocalRateLimitFilterTest {

    private static final RuleRef RULE = new RuleRef("HTTPRoute", "shop", "api", 0, "checkout");
    /** 10:00:00.250 of some day: 750 ms left in the second, 59.75 s in the minute. */
    private static final long START = 1_796_000_400_250L;

    private final ManualClock clock = new ManualClock(START);
    private final RateLimitMetrics metrics = new RateLimitMetrics();

    private FilterHarness harness(RateLimitSettings settings, Limit... limits) {
        RedisStores redis = new RedisStores(settings, ForkJoinPool.commonPool(), metrics);
        RateLimitPolicyFactory factory = new RateLimitPolicyFactory(settings, clock, redis, metrics);
        return FilterHarness.of(factory, new RateLimitSpec("shop/api-limits", List.of(limits), Store.LOCAL), RULE);
    }

    private FilterHarness harness(Limit... limits) {
        return harness(RateLimitSettings.defaults(), limits);
    }

    private static FakeRequestHead request(String... headers) {
        return new FakeRequestHead("GET", "http", "shop.example", "/checkout", FakeHeaders.of(headers));
    }

    @Test
    void requestsOverTheLimitGet429WithRetryAfterAndTheRateLimitFields() {
        try (FilterHarness harness = harness(new Limit("api-limits-0", 3, Unit.Second, KeyType.ClientIP, ""))) {
            for (int i = 2; i >= 0; i--) {
                FilterHarness.Result allowed = harness.run(request());
                assertThat(allowed.backendCalls()).isEqualTo(1);
                assertThat(allowed.response().headers().get("RateLimit-Policy")).isEqualTo("\"api-limits-0\";q=3;w=1");
                assertThat(allowed.response().headers().get("RateLimit")).isEqualTo("\"api-limits-0\";r=" + i + ";t=1");
            }

            FilterHarness.Result limited = harness.run(request());

            assertThat(limited.backendCalls()).isZero();
            assertThat(limited.answeredByFilter()).isTrue();
            assertThat(limited.stayedOnLoop()).isTrue();
            assertThat(limited.response().status()).isEqualTo(429);
            assertThat(limited.response().headers().get("Retry-After")).isEqualTo("1");
            assertThat(limited.response().headers().get("RateLimit-Policy")).isEqualTo("\"api-limits-0\";q=3;w=1");
            assertThat(limited.response().headers().get("RateLimit")).isEqualTo("\"api-limits-0\";r=0;t=1");
        }
        assertThat(metrics.allowedCount()).isEqualTo(3);
        assertThat(metrics.limitedCount()).isEqualTo(1);
    }

    @Test
    void theNextWindowAdmitsAgainAndRetryAfterCountsToTheWindowsEnd() {
        try (FilterHarness harness = harness(new Limit("l-0", 1, Unit.Minute, KeyType.None, ""))) {
            assertThat(harness.run(request()).response().status()).isEqualTo(200);
            clock.advanceMillis(30_000);
            FilterHarness.Result limited = harness.run(request());
            assertThat(limited.response().status()).isEqualTo(429);
            // 10:00:30.250: 29.75 s left in the minute, rounded up
            assertThat(limited.response().headers().get("Retry-After")).isEqualTo("30");
            assertThat(limited.response().headers().get("RateLimit")).isEqualTo("\"l-0\";r=0;t=30");

            clock.advanceMillis(29_750);
            assertThat(harness.run(request()).response().status()).isEqualTo(200);
        }
    }

    @Test
    void everyLimitCountsAndTheFieldsListThemAll() {
        try (FilterHarness harness = harness(new Limit("l-0", 5, Unit.Second, KeyType.None, ""),
                new Limit("l-1", 2, Unit.Minute, KeyType.None, ""))) {
            harness.run(request());
            FilterHarness.Result second = harness.run(request());
            assertThat(second.response().headers().get("RateLimit-Policy"))
                    .isEqualTo("\"l-0\";q=5;w=1, \"l-1\";q=2;w=60");
            assertThat(second.response().headers().get("RateLimit")).isEqualTo("\"l-0\";r=3;t=1, \"l-1\";r=0;t=60");

            FilterHarness.Result third = harness.run(request());
            assertThat(third.response().status()).isEqualTo(429);
            assertThat(third.response().headers().get("Retry-After")).isEqualTo("60");
        }
    }

    @Test
    void headerKeysCountApartAndRequestsWithoutTheHeaderShareOneCount() {
        try (FilterHarness harness = harness(new Limit("l-0", 1, Unit.Second, KeyType.Header, "x-api-key"))) {
            assertThat(harness.run(request("X-Api-Key", "a")).response().status()).isEqualTo(200);
            assertThat(harness.run(request("X-Api-Key", "b")).response().status()).isEqualTo(200);
            assertThat(harness.run(request("X-Api-Key", "a")).response().status()).isEqualTo(429);
            assertThat(harness.run(request()).response().status()).isEqualTo(200);
            // leaving the header out is no way around the limit
            assertThat(harness.run(request()).response().status()).isEqualTo(429);
        }
    }

    @Test
    void aGrpcRequestOverTheLimitGetsResourceExhaustedAsATrailersOnlyAnswer() {
        try (FilterHarness harness = harness(new Limit("l-0", 1, Unit.Second, KeyType.None, ""))) {
            harness.run(request("Content-Type", "application/grpc"));
            FilterHarness.Result limited = harness.run(request("Content-Type", "application/grpc+proto"));

            assertThat(limited.backendCalls()).isZero();
            assertThat(limited.response().status()).isEqualTo(200);
            assertThat(limited.response().headers().get("content-type")).isEqualTo("application/grpc");
            assertThat(limited.response().headers().get("grpc-status")).isEqualTo("8");
            assertThat(limited.response().headers().get("grpc-message")).isEqualTo("rate%20limit%20exceeded");
            assertThat(limited.response().headers().get("Retry-After")).isEqualTo("1");
        }
    }

    @Test
    void withoutFieldsOnAllowedResponsesOnlyRefusalsCarryThem() {
        RateLimitSettings settings = new RateLimitSettings(100, false, Duration.ofMillis(100), 10,
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (FilterHarness harness = harness(settings, new Limit("l-0", 1, Unit.Second, KeyType.None, ""),
                new Limit("l-1", 10, Unit.Second, KeyType.None, ""))) {
            FilterHarness.Result allowed = harness.run(request());
            assertThat(allowed.response().headers().contains("RateLimit")).isFalse();
            assertThat(allowed.response().headers().contains("RateLimit-Policy")).isFalse();

            FilterHarness.Result limited = harness.run(request());
            assertThat(limited.response().status()).isEqualTo(429);
            assertThat(limited.response().headers().get("RateLimit")).isEqualTo("\"l-0\";r=0;t=1, \"l-1\";r=8;t=1");
        }
    }

    @Test
    void twoRulesWithTheSamePolicyCountApart() {
        RateLimitSettings settings = RateLimitSettings.defaults();
        RateLimitPolicyFactory factory = new RateLimitPolicyFactory(settings, clock,
                new RedisStores(settings, ForkJoinPool.commonPool(), metrics), metrics);
        RateLimitSpec spec = new RateLimitSpec("shop/api-limits",
                List.of(new Limit("l-0", 1, Unit.Second, KeyType.None, "")), Store.LOCAL);
        try (FilterHarness first = FilterHarness.of(factory, spec, RULE);
                FilterHarness second = FilterHarness.of(factory, spec, new RuleRef("HTTPRoute", "shop", "api", 1, ""))) {
            assertThat(first.run(request()).response().status()).isEqualTo(200);
            assertThat(second.run(request()).response().status()).isEqualTo(200);
            assertThat(first.run(request()).response().status()).isEqualTo(429);
        }
    }
}
