package io.lintel.core.route;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.ir.IrRule;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.filter.RuleRef;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Filters are created per rule (issue 13, SPI v2): equal specs of two rules make two filters, each told its rule, and
 * a recompile that leaves a rule and its specs unchanged keeps its filters (with their state), even when the IR
 * instance of the rule is new.
 */
class RouteTableCompilerFilterIdentityTest {

    private static final SocketKey SOCKET = new SocketKey("127.0.0.1", 8080);
    private static final FilterKey KEY = FilterKey.ruleField("counted");

    record CountSpec(int limit) implements FilterSpec {}

    /** A filter that remembers its rule; its identity is what the test checks. */
    record RuleFilter(RuleRef rule, CountSpec spec) implements HttpFilter {
        @Override
        public java.util.concurrent.CompletionStage<io.lintel.spi.filter.HttpResponseHead> filter(
                io.lintel.spi.filter.HttpRequestHead request, io.lintel.spi.filter.HttpNext next) {
            return next.proceed(request);
        }

        @Override
        public boolean needsRequestBody() {
            return spec.limit() < 0;
        }
    }

    private final List<RuleRef> created = new ArrayList<>();

    private final HttpFilterFactory factory = new HttpFilterFactory() {
        @Override
        public FilterKey key() {
            return KEY;
        }

        @Override
        public FilterSpec translate(FilterConfig config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HttpFilter create(FilterSpec spec, RuleRef rule) {
            created.add(rule);
            return new RuleFilter(rule, (CountSpec) spec);
        }
    };

    private final RouteTableCompiler compiler = new RouteTableCompiler(new PluginRegistry(List.of("test"),
            Map.of(KEY, factory), Map.of(), List.of(), Map.of(), PluginRegistry.CORE_FEATURES), ProxyMetrics.NOOP);

    private static IrRule rule(String route, int index, String ruleName, int limit) {
        return new IrRule("httproute/default/" + route + "/rule/" + index, Optional.ofNullable(ruleName),
                List.of(new IrFilter(KEY, new CountSpec(limit))), List.of(backend("b", 1, 9000)), 0);
    }

    private static Ir table(IrRule a, IrRule b) {
        return ir(socket("127.0.0.1", 8080, listener("l", "*", vhost("*", prefix("/a", a), prefix("/b", b)))));
    }

    private static CompiledRule route(CompiledRouteTable table, String path) {
        return table.route(SOCKET, "example.com", new RouteRequest().reset("GET", path, new DefaultHttpHeaders()));
    }

    private static HttpFilter filterOf(CompiledRouteTable table, String path) {
        return route(table, path).filters().get(0);
    }

    @Test
    void equalSpecsOfTwoRulesMakeTwoFiltersEachToldItsRule() {
        CompiledRouteTable table = compiler.compile(table(rule("a", 0, null, 5), rule("b", 1, "named", 5)));

        HttpFilter a = filterOf(table, "/a");
        HttpFilter b = filterOf(table, "/b");
        assertThat(a).isNotSameAs(b);
        assertThat(((RuleFilter) a).rule()).isEqualTo(new RuleRef("HTTPRoute", "default", "a", 0, ""));
        assertThat(((RuleFilter) b).rule()).isEqualTo(new RuleRef("HTTPRoute", "default", "b", 1, "named"));
        assertThat(route(table, "/b").ref()).isEqualTo(((RuleFilter) b).rule());
    }

    @Test
    void anUnchangedRuleKeepsItsFilterWhenAnotherRuleChanges() {
        CompiledRouteTable first = compiler.compile(table(rule("a", 0, null, 5), rule("b", 0, null, 5)));
        HttpFilter a = filterOf(first, "/a");
        HttpFilter b = filterOf(first, "/b");

        // new IR instances throughout (as after a change the translator could not memoise); only b's spec changed
        CompiledRouteTable second = compiler.compile(table(rule("a", 0, null, 5), rule("b", 0, null, 6)));

        assertThat(filterOf(second, "/a")).isSameAs(a);
        assertThat(filterOf(second, "/b")).isNotSameAs(b);
        assertThat(created).hasSize(3);
    }

    @Test
    void aRenamedOrMovedRuleGetsANewFilter() {
        CompiledRouteTable first = compiler.compile(table(rule("a", 0, null, 5), rule("b", 0, null, 5)));
        HttpFilter a = filterOf(first, "/a");
        HttpFilter b = filterOf(first, "/b");

        CompiledRouteTable second = compiler.compile(table(rule("a", 0, "renamed", 5), rule("b", 1, null, 5)));

        assertThat(filterOf(second, "/a")).isNotSameAs(a);
        assertThat(filterOf(second, "/b")).isNotSameAs(b);
    }

    @Test
    void aBackendsFiltersAreItsOwnAndTheRuleKnowsWhetherAFilterReadsTheBody() {
        IrBackend one = new IrBackend("one", 1, "", List.of(), 0, List.of(new IrFilter(KEY, new CountSpec(-1))));
        IrBackend two = new IrBackend("two", 1, "", List.of(), 0, List.of(new IrFilter(KEY, new CountSpec(-1))));
        IrRule both = new IrRule("httproute/default/c/rule/0", Optional.empty(), List.of(), List.of(one, two), 0);
        CompiledRouteTable table = compiler.compile(table(both, rule("b", 0, null, 5)));

        assertThat(created).hasSize(3);
        assertThat(route(table, "/a").buffersRequestBody()).isTrue();
        assertThat(route(table, "/b").buffersRequestBody()).isFalse();
    }
}
