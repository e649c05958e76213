package io.lintel.plugin.filter.extauth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.spi.filter.CalloutRequest;
import io.lintel.spi.filter.CalloutResponse;
import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.HttpResponseHead;
import io.lintel.spi.filter.RuleRef;
import io.lintel.testkit.FakeHeaders;
import io.lintel.testkit.FakeNext;
import io.lintel.testkit.FakeRequestHead;
import io.lintel.testkit.FilterHarness;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ExternalAuthFilterTest {

    private static final FilterBackend AUTH = new FilterBackend("spec.rules[0].filters[0].externalAuth.backendRef",
            "default/auth:9000", true);
    private static final RuleRef RULE = new RuleRef("HTTPRoute", "default", "api", 0, "orders");
    private static final ExternalAuthSettings SETTINGS = new ExternalAuthSettings(Duration.ofMillis(750), 4096);

    private final List<CalloutRequest> checks = new CopyOnWriteArrayList<>();

    @Test
    void anAllowingAnswerLetsTheRequestThroughWithTheAllowedAnswerHeaders() {
        ExternalAuthSpec spec = new ExternalAuthSpec(ExternalAuthSpec.Protocol.HTTP, AUTH, "/check", List.of("x-tenant"), List.of("x-user"), 0);
        FakeRequestHead request = new FakeRequestHead("GET", "http", "shop.example", "/orders?id=7", FakeHeaders.of(
                "Authorization", "Bearer good", "X-Tenant", "t1", "Cookie", "secret", "X-User", "forged"));

        try (FilterHarness harness = harness(spec, check -> new CalloutResponse(200,
                List.of(Map.entry("x-user", "alice"), Map.entry("x-internal", "no")), new byte[0]))) {
            FilterHarness.Result result = harness.run(request);

            assertThat(result.backendCalls()).isEqualTo(1);
            assertThat(result.stayedOnLoop()).isTrue();
            assertThat(result.backendRequest()).get().satisfies(forwarded -> {
                // the service's word replaces what the client claimed; what it did not allow stays out
                assertThat(forwarded.headers().getAll("x-user")).containsExactly("alice");
                assertThat(forwarded.headers().contains("x-internal")).isFalse();
                assertThat(forwarded.headers().get("cookie")).isEqualTo("secret");
            });
        }
        assertThat(checks).singleElement().satisfies(check -> {
            assertThat(check.method()).isEqualTo("GET");
            assertThat(check.pathAndQuery()).isEqualTo("/check/orders?id=7");
            assertThat(check.authority()).isEqualTo("shop.example");
            // Authorization always, allowed headers too, nothing else of the client's
            assertThat(check.headers()).containsExactly(Map.entry("authorization", "Bearer good"),
                    Map.entry("x-tenant", "t1"));
            assertThat(check.body()).isEmpty();
            assertThat(check.timeout()).isEqualTo(Duration.ofMillis(750));
            assertThat(check.maxResponseBytes()).isEqualTo(4096);
        });
    }

    @Test
    void withoutAllowedResponseHeadersEveryAnswerHeaderButThoseOfTheAnswerItselfIsAdded() {
        ExternalAuthSpec spec = new ExternalAuthSpec(ExternalAuthSpec.Protocol.HTTP, AUTH, "", List.of(), List.of(), 0);

        try (FilterHarness harness = harness(spec, check -> new CalloutResponse(200, List.of(
                Map.entry("x-user", "alice"), Map.entry("content-type", "text/plain"), Map.entry("content-length", "0"),
                Map.entry("host", "auth.internal")), new byte[0]))) {
            FilterHarness.Result result = harness.run(FakeRequestHead.get("http", "shop.example", "/"));

            assertThat(result.backendRequest()).get().satisfies(forwarded -> {
                assertThat(forwarded.headers().get("x-user")).isEqualTo("alice");
                assertThat(forwarded.headers().contains("content-type")).isFalse();
                assertThat(forwarded.headers().contains("content-length")).isFalse();
                assertThat(forwarded.headers().contains("host")).isFalse();
            });
        }
    }

    @Test
    void aDenialIsRelayedToTheClientAsTheServiceGaveIt() {
        ExternalAuthSpec spec = new ExternalAuthSpec(ExternalAuthSpec.Protocol.HTTP, AUTH, "", List.of(), List.of(), 0);
        byte[] denial = "{\"error\":\"expired\"}".getBytes(UTF_8);
        FakeNext next = new FakeNext().calloutsAnswering(check -> CompletableFuture.completedFuture(
                new CalloutResponse(401, List.of(Map.entry("www-authenticate", "Bearer realm=\"shop\""),
                        Map.entry("content-type", "application/json"), Map.entry("content-length", "19")), denial)));

        HttpResponseHead response = new ExternalAuthFilter(spec, RULE, new HttpAuthProtocol(SETTINGS))
                .filter(FakeRequestHead.get("http", "shop.example", "/"), next).toCompletableFuture().join();

        assertThat(next.proceeded()).isEmpty();
        assertThat(next.responded()).singleElement().satisfies(responded -> {
            assertThat(responded.status()).isEqualTo(401);
            assertThat(responded.contentType()).isEqualTo("application/json");
            assertThat(responded.body()).isEqualTo(denial);
        });
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().get("www-authenticate")).isEqualTo("Bearer realm=\"shop\"");
        // core frames the relayed body itself
        assertThat(response.headers().contains("content-length")).isFalse();
    }

    @Test
    void aServiceThatCannotBeAskedGetsTheRequestRefused() {
        ExternalAuthSpec spec = new ExternalAuthSpec(ExternalAuthSpec.Protocol.HTTP, AUTH, "", List.of(), List.of(), 0);
        for (RuntimeException failure : List.of(new UncheckedIOException(new ConnectException("refused")),
                new IllegalStateException(new TimeoutException("no answer in 750 ms")))) {
            try (FilterHarness harness = harness(spec, check -> {
                throw failure;
            })) {
                FilterHarness.Result result = harness.run(FakeRequestHead.get("http", "shop.example", "/"));

                assertThat(result.response().status()).as("%s", failure).isEqualTo(403);
                assertThat(result.backendCalls()).isZero();
                assertThat(result.answeredByFilter()).isTrue();
            }
        }
    }

    @Test
    void anUnresolvedServiceRefusesEveryRequestWithoutAsking() {
        ExternalAuthSpec spec = new ExternalAuthSpec(ExternalAuthSpec.Protocol.HTTP, new FilterBackend(AUTH.fieldPath(), AUTH.name(), false), "",
                List.of(), List.of(), 0);

        try (FilterHarness harness = harness(spec, check -> new CalloutResponse(200, List.of(), new byte[0]))) {
            assertThat(harness.run(FakeRequestHead.get("http", "shop.example", "/")).response().status())
                    .isEqualTo(500);
        }
        assertThat(checks).isEmpty();
    }

    @Test
    void theBodyIsForwardedUpToItsBoundAndALongerOneIsRefusedBeforeAnyCheck() {
        ExternalAuthSpec spec = new ExternalAuthSpec(ExternalAuthSpec.Protocol.HTTP, AUTH, "", List.of(), List.of(), 8);
        FakeRequestHead post = new FakeRequestHead("POST", "http", "shop.example", "/orders", new FakeHeaders());

        try (FilterHarness harness = harness(spec, check -> new CalloutResponse(200, List.of(), new byte[0]))) {
            assertThat(harness.run(post, "12345678".getBytes(UTF_8)).backendCalls()).isEqualTo(1);
            FilterHarness.Result tooLong = harness.run(post, "123456789".getBytes(UTF_8));

            assertThat(tooLong.response().status()).isEqualTo(413);
            assertThat(tooLong.backendCalls()).isZero();
        }
        assertThat(checks).singleElement().satisfies(check -> {
            assertThat(check.method()).isEqualTo("POST");
            assertThat(new String(check.body(), UTF_8)).isEqualTo("12345678");
        });
    }

    private FilterHarness harness(ExternalAuthSpec spec, java.util.function.Function<CalloutRequest, CalloutResponse> service) {
        return FilterHarness.of(new ExternalAuthFilterFactory(SETTINGS, Clock.systemUTC()), spec, RULE).callouts(check -> {
            checks.add(check);
            return service.apply(check);
        });
    }
}
