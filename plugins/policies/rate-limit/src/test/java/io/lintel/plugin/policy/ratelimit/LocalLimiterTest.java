package io.lintel.plugin.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.plugin.policy.ratelimit.RateLimitSpec.KeyType;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Limit;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Unit;
import org.junit.jupiter.api.Test;

class LocalLimiterTest {

    private static final long START = 1_796_000_400_000L;

    private final ManualClock clock = new ManualClock(START);

    @Test
    void keysWithoutRequestsForAWindowAreForgotten() {
        LocalLimiter limiter = new LocalLimiter(new Limit("l-0", 1, Unit.Minute, KeyType.Header, "x-key"), 100, clock);
        limiter.acquire("a", clock.millis());
        clock.advanceMillis(30_000);
        limiter.acquire("b", clock.millis());
        assertThat(limiter.trackedKeys()).isEqualTo(2);

        clock.advanceMillis(30_001);

        // "a" was idle a whole window, "b" only half of one
        assertThat(limiter.trackedKeys()).isEqualTo(1);
        assertThat(limiter.remaining("b", clock.millis())).isEqualTo(1);
    }

    @Test
    void trackedKeysAreBoundedAndAForgottenKeyStartsAFreshCount() {
        LocalLimiter limiter = new LocalLimiter(new Limit("l-0", 1, Unit.Hour, KeyType.Header, "x-key"), 10, clock);
        for (int i = 0; i < 1_000; i++) {
            limiter.acquire("client-" + i, clock.millis());
        }

        assertThat(limiter.trackedKeys()).isEqualTo(10);
        // most keys were evicted: they count from zero again, so the bound trades exactness for memory
        long admittedAgain = 0;
        for (int i = 0; i < 1_000; i++) {
            if (limiter.acquire("client-" + i, clock.millis()) >= 0) {
                admittedAgain++;
            }
        }
        assertThat(admittedAgain).isGreaterThan(900);
    }

    @Test
    void aLimitWithoutKeyTracksOneCount() {
        LocalLimiter limiter = new LocalLimiter(new Limit("l-0", 2, Unit.Second, KeyType.None, ""), 10, clock);
        assertThat(limiter.acquire(LimitKeys.EVERY_REQUEST, clock.millis())).isEqualTo(1);
        assertThat(limiter.acquire(LimitKeys.EVERY_REQUEST, clock.millis())).isZero();
        assertThat(limiter.acquire(LimitKeys.EVERY_REQUEST, clock.millis())).isEqualTo(-1);
        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }
}
