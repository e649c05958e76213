package io.lintel.core.route;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.direct;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.match;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.ir.IrHeaderMatch;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrPassthrough;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrQueryParamMatch;
import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrTlsRoute;
import io.lintel.core.ir.IrValueMatchType;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RouteTableCompilerTest {

    private static final SocketKey SOCKET = new SocketKey("127.0.0.1", 8080);

    private final RouteTableCompiler compiler = new RouteTableCompiler(PluginRegistry.EMPTY, ProxyMetrics.NOOP);

    private static String route(CompiledRouteTable table, String host, String method, String uri, HttpHeaders headers) {
        return table.route(SOCKET, host, new RouteRequest().reset(method, uri, headers)).name();
    }

    private static String route(CompiledRouteTable table, String host, String uri) {
        return route(table, host, "GET", uri, new DefaultHttpHeaders());
    }

    @Test
    void selectsListenerThenVirtualHostByMostSpecificHostname() {
        CompiledRouteTable table = compiler.compile(ir(socket("127.0.0.1", 8080,
                listener("exact", "a.example.com", vhost("a.example.com", prefix("/", direct("exact-rule", 201)))),
                listener("wild", "*.example.com",
                        vhost("b.example.com", prefix("/", direct("wild-b", 202))),
                        vhost("*.example.com", prefix("/", direct("wild-any", 203)))),
                listener("any", "*", vhost("*", prefix("/", direct("catch-all", 204)))))));

        assertThat(route(table, "A.EXAMPLE.com:8080", "/")).isEqualTo("exact-rule");
        assertThat(route(table, "b.example.com", "/")).isEqualTo("wild-b");
        assertThat(route(table, "c.d.example.com", "/")).isEqualTo("wild-any");
        assertThat(route(table, "example.org", "/")).isEqualTo("catch-all");
        assertThat(route(table, null, "/")).isEqualTo("catch-all");
    }

    @Test
    void listenersAreIsolated() {
        // the a.example.com listener has no /b route; the catch-all listener's /b must not leak into it
        CompiledRouteTable table = compiler.compile(ir(socket("127.0.0.1", 8080,
                listener("a", "a.example.com", vhost("a.example.com", prefix("/a", direct("a-rule", 200)))),
                listener("any", "*", vhost("*", prefix("/b", direct("b-rule", 200)))))));

        assertThat(route(table, "a.example.com", "/a")).isEqualTo("a-rule");
        assertThat(route(table, "a.example.com", "/b")).isEqualTo("none");
        assertThat(route(table, "other", "/b")).isEqualTo("b-rule");
        assertThat(table.route(new SocketKey("127.0.0.1", 9999), "other", new RouteRequest().reset("GET", "/b",
                new DefaultHttpHeaders())).directResponseStatus()).isEqualTo(404);
    }

    @Test
    void firstMatchWinsAndConditionsAllHold() {
        IrRule headerRule = direct("header", 200);
        IrRule queryRule = direct("query", 200);
        IrRule methodRule = direct("method", 200);
        IrRule regexRule = direct("regex", 200);
        IrRule fallback = direct("fallback", 200);
        CompiledRouteTable table = compiler.compile(ir(socket("127.0.0.1", 8080, listener("l", "*", vhost("*",
                match(new IrPathMatch(IrPathMatch.Type.EXACT, "/x"),
                        List.of(new IrHeaderMatch(IrValueMatchType.EXACT, "X-Version", "2")), List.of(), null,
                        headerRule),
                match(new IrPathMatch(IrPathMatch.Type.EXACT, "/x"), List.of(),
                        List.of(new IrQueryParamMatch(IrValueMatchType.REGULAR_EXPRESSION, "v", "[0-9]+")), null,
                        queryRule),
                match(new IrPathMatch(IrPathMatch.Type.EXACT, "/x"), List.of(), List.of(), "POST", methodRule),
                match(new IrPathMatch(IrPathMatch.Type.REGULAR_EXPRESSION, "/x/[a-z]+"), List.of(), List.of(), null,
                        regexRule),
                prefix("/", fallback))))));

        HttpHeaders version2 = new DefaultHttpHeaders().add("x-version", "2");
        assertThat(route(table, "h", "GET", "/x?v=7", version2)).isEqualTo("header");
        assertThat(route(table, "h", "GET", "/x?v=7", new DefaultHttpHeaders())).isEqualTo("query");
        assertThat(route(table, "h", "GET", "/x?v=abc", new DefaultHttpHeaders())).isEqualTo("fallback");
        assertThat(route(table, "h", "POST", "/x", new DefaultHttpHeaders())).isEqualTo("method");
        assertThat(route(table, "h", "GET", "/x/abc", new DefaultHttpHeaders())).isEqualTo("regex");
        assertThat(route(table, "h", "GET", "/x/abc/def", new DefaultHttpHeaders())).isEqualTo("fallback");
    }

    @Test
    void zeroWeightBackendIsNeverPicked() {
        CompiledRouteTable table = compiler.compile(ir(socket("127.0.0.1", 8080, listener("l", "*", vhost("*",
                prefix("/", rule("r", backend("never", 0, 1001), backend("always", 3, 1002),
                        backend("sometimes", 1, 1003))))))));
        CompiledRule rule = table.route(SOCKET, "h", new RouteRequest().reset("GET", "/", new DefaultHttpHeaders()));
        Set<String> picked = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            picked.add(rule.pickBackend().name());
        }
        assertThat(picked).containsExactlyInAnyOrder("always", "sometimes");

        CompiledRule allZero = compiler.compile(ir(socket("127.0.0.1", 8080, listener("l", "*", vhost("*",
                prefix("/", rule("z", backend("never", 0, 1001))))))))
                .route(SOCKET, "h", new RouteRequest().reset("GET", "/", new DefaultHttpHeaders()));
        assertThat(allZero.pickBackend()).isNull();
    }

    record CountingSpec(String value) implements FilterSpec {}

    @Test
    void filtersComeFromTheRegistryAndAreReusedAcrossReloads() {
        FilterKey key = FilterKey.filterType("Counting");
        AtomicInteger created = new AtomicInteger();
        HttpFilterFactory factory = new HttpFilterFactory() {
            @Override
            public FilterKey key() {
                return key;
            }

            @Override
            public FilterSpec translate(FilterConfig config) {
                return new CountingSpec("x");
            }

            @Override
            public HttpFilter create(FilterSpec spec) {
                created.incrementAndGet();
                return (request, next) -> next.proceed(request);
            }
        };
        PluginRegistry registry = new PluginRegistry(List.of("test"), Map.of(key, factory), Map.of(), List.of(),
                Map.of(), PluginRegistry.CORE_FEATURES);
        RouteTableCompiler withFilters = new RouteTableCompiler(registry, ProxyMetrics.NOOP);
        var irWithFilter = ir(socket("127.0.0.1", 8080, listener("l", "*", vhost("*",
                prefix("/", rule("f", List.of(new IrFilter(key, new CountingSpec("x"))), backend("b", 1, 1001)))))));

        CompiledRule first = withFilters.compile(irWithFilter)
                .route(SOCKET, "h", new RouteRequest().reset("GET", "/", new DefaultHttpHeaders()));
        CompiledRule second = withFilters.compile(irWithFilter)
                .route(SOCKET, "h", new RouteRequest().reset("GET", "/", new DefaultHttpHeaders()));
        assertThat(first.filters()).hasSize(1);
        assertThat(second.filters().get(0)).isSameAs(first.filters().get(0));
        assertThat(created).hasValue(1);
    }

    @Test
    void ruleWithFilterNoPluginProvidesAnswers500() {
        FilterKey missing = FilterKey.filterType("Missing");
        CompiledRule rule = compiler.compile(ir(socket("127.0.0.1", 8080, listener("l", "*", vhost("*",
                prefix("/", rule("f", List.of(new IrFilter(missing, new CountingSpec("x"))), backend("b", 1, 1001))))))))
                .route(SOCKET, "h", new RouteRequest().reset("GET", "/", new DefaultHttpHeaders()));
        assertThat(rule.directResponseStatus()).isEqualTo(500);
    }

    @Test
    void aTcpSocketRelaysByTheFirstRouteOfItsListenerAndHasNoTls() {
        IrBackend a = new IrBackend("infra/a:3000", 1, "",
                List.of(new IrEndpoint("10.0.0.1", 3000)), 0, List.of());
        IrBackend b = new IrBackend("infra/b:3000", 1, "",
                List.of(new IrEndpoint("10.0.0.2", 3000)), 0, List.of());
        IrListener tcp = IrListener.passthrough("tcp", "*",
                new IrPassthrough(List.of(
                        new IrTlsRoute("tcproute/infra/older", "*", List.of(a)),
                        new IrTlsRoute("tcproute/infra/newer", "*", List.of(b)))));
        IrListener empty = IrListener.passthrough("empty", "*",
                new IrPassthrough(List.of()));

        CompiledSocket socket = compiler.compile(ir(new IrSocket("127.0.0.1", 8080,
                IrProtocol.TCP, List.of(tcp)))).sockets().get(SOCKET);
        CompiledSocket withoutRoute = compiler.compile(ir(new IrSocket("127.0.0.1", 8080,
                IrProtocol.TCP, List.of(empty)))).sockets().get(SOCKET);

        assertThat(socket.tcpRoute().name()).isEqualTo("tcproute/infra/older");
        assertThat(socket.tcpRoute().pickEndpoint().address()).isEqualTo("10.0.0.1");
        assertThat(socket.tls()).isNull();
        assertThat(socket.passthrough()).isNull();
        assertThat(withoutRoute.tcpRoute()).isNull();
    }
}
