package io.lintel.plugin.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.plugin.policy.ratelimit.RateLimitSpec.KeyType;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Limit;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Unit;
import io.lintel.testkit.FakeHeaders;
import io.lintel.testkit.FakeRequestContext;
import io.lintel.testkit.FakeRequestHead;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class LimitKeysTest {

    private final FakeRequestContext context = new FakeRequestContext();

    private static Limit limit(KeyType type, String header) {
        return new Limit("l-0", 1, Unit.Second, type, header);
    }

    private static FakeRequestHead request(String... headers) {
        return new FakeRequestHead("GET", "http", "shop.example", "/", FakeHeaders.of(headers));
    }

    @Test
    void keysAreObjectsTheRequestAlreadyHolds() {
        FakeRequestHead request = request("X-Api-Key", "k-1");
        Object header = LimitKeys.keyOf(limit(KeyType.Header, "x-api-key"), request, context);
        assertThat(header).isSameAs(request.headers().get("x-api-key"));
        assertThat(LimitKeys.keyOf(limit(KeyType.ClientIP, ""), request, context))
                .isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(LimitKeys.keyOf(limit(KeyType.None, ""), request, context)).isSameAs(LimitKeys.EVERY_REQUEST);
        assertThat(LimitKeys.keyOf(limit(KeyType.Header, "x-api-key"), request(), context))
                .isSameAs(LimitKeys.NO_HEADER);
    }

    @Test
    void noClientValueSpellsASharedKeyInRedis() {
        assertThat(LimitKeys.text(InetAddress.getLoopbackAddress())).isEqualTo("ip=127.0.0.1");
        assertThat(LimitKeys.text("no-header")).isEqualTo("h=no-header");
        assertThat(LimitKeys.text(LimitKeys.NO_HEADER)).isEqualTo("no-header");
        assertThat(LimitKeys.text(LimitKeys.EVERY_REQUEST)).isEqualTo("all");
    }
}
