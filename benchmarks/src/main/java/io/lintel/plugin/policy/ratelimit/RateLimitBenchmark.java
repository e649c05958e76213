package io.lintel.plugin.policy.ratelimit;

import io.lintel.plugin.policy.ratelimit.RateLimitSpec.KeyType;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Limit;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Store;
import io.lintel.plugin.policy.ratelimit.RateLimitSpec.Unit;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import io.lintel.spi.filter.RuleRef;
import io.lintel.testkit.FakeHeaders;
import io.lintel.testkit.FakeRequestContext;
import io.lintel.testkit.FakeRequestHead;
import io.lintel.testkit.FakeResponseHead;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The local rate limiter's check as the data plane runs it for an admitted request (limit far above the rate): one
 * {@code None} limit (one counter) or one {@code Header} limit over {@code 1024} keys (a Caffeine lookup per
 * request), with the RateLimit fields on every response ({@code all}) or on refusals only ({@code refused}).
 * Compare with {@code baseline}, which only proceeds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RateLimitBenchmark {

    private static final int KEYS = 1024;

    @Param({"None", "Header"})
    String key;

    @Param({"all", "refused"})
    String fieldsOn;

    private HttpFilter filter;
    private FakeRequestHead[] requests;
    private HttpNext next;
    private int request;

    @Setup
    public void setUp() {
        RateLimitSettings settings = new RateLimitSettings(65_536, fieldsOn.equals("all"), Duration.ofMillis(100),
                1000, Duration.ofSeconds(1), Duration.ofSeconds(5));
        RateLimitMetrics metrics = new RateLimitMetrics();
        RateLimitPolicyFactory factory = new RateLimitPolicyFactory(settings, Clock.systemUTC(),
                new RedisStores(settings, ForkJoinPool.commonPool(), metrics), metrics);
        Limit limit = new Limit("bench-0", Integer.MAX_VALUE, Unit.Hour, KeyType.valueOf(key),
                key.equals("Header") ? "x-api-key" : "");
        filter = factory.create(new RateLimitSpec("default/bench", List.of(limit), Store.LOCAL),
                new RuleRef("HTTPRoute", "default", "bench", 0, ""));
        requests = new FakeRequestHead[KEYS];
        for (int i = 0; i < KEYS; i++) {
            requests[i] = new FakeRequestHead("GET", "http", "bench.example", "/",
                    FakeHeaders.of("X-Api-Key", "key-" + i));
        }
        next = new AnsweringNext();
    }

    /** The rest of the chain: answers at once, keeping nothing (FakeNext records every call). */
    private static final class AnsweringNext implements HttpNext {

        private final FakeRequestContext context = new FakeRequestContext();
        private final CompletableFuture<HttpResponseHead> answer =
                CompletableFuture.completedFuture(new FakeResponseHead(200, new FakeHeaders()));

        @Override
        public CompletionStage<HttpResponseHead> proceed(HttpRequestHead request) {
            return answer;
        }

        @Override
        public HttpResponseHead respond(int status, String contentType, byte[] body) {
            return new FakeResponseHead(status, new FakeHeaders());
        }

        @Override
        public HttpRequestContext context() {
            return context;
        }
    }

    @Benchmark
    public CompletionStage<HttpResponseHead> check() {
        FakeRequestHead head = requests[request++ & (KEYS - 1)];
        return filter.filter(head, next);
    }

    @Benchmark
    public CompletionStage<HttpResponseHead> baseline() {
        FakeRequestHead head = requests[request++ & (KEYS - 1)];
        return next.proceed(head);
    }
}
