package io.lintel.plugin.filter.retry;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrFilter;
import io.lintel.core.ir.IrRule;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.RouteRequest;
import io.lintel.core.route.RouteTableCompiler;
import io.lintel.core.route.SocketKey;
import io.lintel.testkit.FakeHeaders;
import io.lintel.testkit.FakeRequestHead;
import io.lintel.testkit.FakeResponseHead;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * Two rules with equal {@code retry} blocks keep separate budgets (issue 13): the compiler creates a filter per rule,
 * so one rule exhausting its retries leaves the other's untouched.
 */
class RetryBudgetPerRuleTest {

    private static final SocketKey SOCKET = new SocketKey("127.0.0.1", 8080);

    /** A backend that always answers 500, counting tries. */
    private static final class Failing implements HttpNext {
        int tries;

        @Override
        public CompletionStage<HttpResponseHead> proceed(HttpRequestHead request) {
            tries++;
            return CompletableFuture.completedFuture(new FakeResponseHead(500, new FakeHeaders()));
        }

        @Override
        public HttpResponseHead respond(int status, String contentType, byte[] body) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void schedule(Runnable task, Duration delay) {
            task.run();
        }
    }

    private static IrRule rule(String route) {
        // far more attempts than the budget's reserve: the budget is what stops the retries
        return new IrRule("httproute/default/" + route + "/rule/0", Optional.empty(), List.of(new IrFilter(
                RetryFilterFactory.KEY, new RetrySpec(List.of(500), 1000, Duration.ZERO))),
                List.of(backend("b", 1, 9000)), 0);
    }

    private static HttpFilter retryOf(CompiledRouteTable table, String path) {
        return table.route(SOCKET, "example.com", new RouteRequest().reset("GET", path, new DefaultHttpHeaders()))
                .filters().get(0);
    }

    @Test
    void twoRulesWithEqualRetryBlocksKeepSeparateBudgets() {
        RetryFilterFactory factory = new RetryFilterFactory();
        RouteTableCompiler compiler = new RouteTableCompiler(new PluginRegistry(List.of("retry"),
                Map.of(factory.key(), factory), Map.of(), List.of(), Map.of(), PluginRegistry.CORE_FEATURES),
                ProxyMetrics.NOOP);
        CompiledRouteTable table = compiler.compile(ir(socket("127.0.0.1", 8080, listener("l", "*",
                vhost("*", prefix("/a", rule("a")), prefix("/b", rule("b")))))));

        Failing first = new Failing();
        retryOf(table, "/a").filter(FakeRequestHead.get("http", "example.com", "/a"), first);
        Failing again = new Failing();
        retryOf(table, "/a").filter(FakeRequestHead.get("http", "example.com", "/a"), again);
        Failing other = new Failing();
        retryOf(table, "/b").filter(FakeRequestHead.get("http", "example.com", "/b"), other);

        // rule a spent its reserve on the first request and has (almost) nothing left for the second
        assertThat(first.tries).isEqualTo(1 + RetryFilter.BUDGET_RESERVE);
        assertThat(again.tries).isLessThan(3);
        // rule b's budget is its own: untouched by a's retries
        assertThat(other.tries).isEqualTo(1 + RetryFilter.BUDGET_RESERVE);
    }
}
