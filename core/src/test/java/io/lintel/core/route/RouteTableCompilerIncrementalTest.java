package io.lintel.core.route;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.direct;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.match;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrRouteMatch;
import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrVirtualHost;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The compiler reuses what it made of the IR instances that reappear in the next IR. */
class RouteTableCompilerIncrementalTest {

    private static final SocketKey SOCKET = new SocketKey("127.0.0.1", 8080);

    /** Counts forRule calls by rule name. */
    private static final class CountingMetrics implements ProxyMetrics {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        public RuleMetrics forRule(String ruleName) {
            calls.computeIfAbsent(ruleName, k -> new AtomicInteger()).incrementAndGet();
            return (status, durationNanos) -> {};
        }

        @Override
        public void backendConnectionOpened() {}

        @Override
        public void backendConnectionClosed() {}

        int calls(String rule) {
            AtomicInteger count = calls.get(rule);
            return count == null ? 0 : count.get();
        }
    }

    private final CountingMetrics metrics = new CountingMetrics();
    private final RouteTableCompiler compiler = new RouteTableCompiler(PluginRegistry.EMPTY, metrics);

    private static IrRouteMatch exact(String path, IrRule rule) {
        return match(new IrPathMatch(IrPathMatch.Type.EXACT, path), List.of(), List.of(), null, rule);
    }

    private static Ir table(IrVirtualHost... hosts) {
        return ir(socket("127.0.0.1", 8080, listener("l", "*", hosts)));
    }

    private static CompiledRule route(CompiledRouteTable table, String host, String path) {
        return table.route(SOCKET, host, new RouteRequest().reset("GET", path, new DefaultHttpHeaders()));
    }

    @Test
    void aReusedVirtualHostIsTheSameInstanceAndAChangedOneIsNew() {
        IrRule ruleA = rule("a", backend("b", 1, 1001));
        IrRule ruleB = rule("b", backend("b", 1, 1002));
        IrVirtualHost hostA = vhost("a.example.com", exact("/a", ruleA));
        IrVirtualHost hostB = vhost("b.example.com", exact("/b", ruleB));

        CompiledRouteTable first = compiler.compile(table(hostA, hostB));
        CompiledVirtualHost compiledA = compiler.previousVirtualHost(hostA);
        CompiledVirtualHost compiledB = compiler.previousVirtualHost(hostB);
        assertThat(compiledA).isNotNull();

        // hostB changes (a new instance, another path), hostA is the same instance
        IrVirtualHost changedB = vhost("b.example.com", exact("/b2", ruleB));
        CompiledRouteTable second = compiler.compile(table(hostA, changedB));
        assertThat(compiler.previousVirtualHost(hostA)).isSameAs(compiledA);
        assertThat(compiler.previousVirtualHost(changedB)).isNotNull().isNotSameAs(compiledB);
        assertThat(compiler.previousVirtualHost(hostB)).isNull();

        assertThat(route(second, "a.example.com", "/a")).isSameAs(route(first, "a.example.com", "/a"));
        // the unchanged rule of the changed host is reused too
        assertThat(route(second, "b.example.com", "/b2")).isSameAs(route(first, "b.example.com", "/b"));
        assertThat(route(second, "b.example.com", "/b").name()).isEqualTo("none");
    }

    @Test
    void anEqualButNewInstanceIsCompiledAgain() {
        IrRule rule = direct("r", 200);
        IrVirtualHost host = vhost("*", exact("/x", rule));
        compiler.compile(table(host));
        CompiledVirtualHost compiled = compiler.previousVirtualHost(host);
        IrVirtualHost equalCopy = new IrVirtualHost(host.hostname(), host.matches());
        assertThat(equalCopy).isEqualTo(host);
        compiler.compile(table(equalCopy));
        assertThat(compiler.previousVirtualHost(equalCopy)).isNotSameAs(compiled);
    }

    @Test
    void reusedRulesKeepTheirMetricsHandles() {
        IrRule kept = rule("kept", backend("b", 1, 1001));
        IrRule changed = rule("changed", backend("b", 1, 1002));
        IrVirtualHost host = vhost("*", exact("/kept", kept), exact("/changed", changed));
        compiler.compile(table(host));
        assertThat(metrics.calls("kept")).isEqualTo(1);
        assertThat(metrics.calls("changed")).isEqualTo(1);

        IrRule changedAgain = rule("changed", backend("b", 1, 1003));
        CompiledRouteTable table = compiler.compile(
                table(vhost("*", exact("/kept", kept), exact("/changed", changedAgain))));
        assertThat(metrics.calls("kept")).isEqualTo(1);
        assertThat(metrics.calls("changed")).isEqualTo(2);
        assertThat(route(table, "h", "/changed").pickBackend().pickEndpoint().port()).isEqualTo(1003);
    }

    @Test
    void onlyThePreviousGenerationIsKept() {
        IrRule ruleA = direct("a", 200);
        IrVirtualHost hostA = vhost("a.example.com", exact("/a", ruleA));
        IrVirtualHost hostB = vhost("b.example.com", exact("/b", direct("b", 200)));
        compiler.compile(table(hostA, hostB));
        CompiledVirtualHost compiledA = compiler.previousVirtualHost(hostA);
        assertThat(compiler.previousRuleCount()).isEqualTo(2);

        compiler.compile(table(hostB));
        assertThat(compiler.previousVirtualHost(hostA)).isNull();
        assertThat(compiler.previousRuleCount()).isEqualTo(1);

        compiler.compile(table(hostA, hostB));
        assertThat(compiler.previousVirtualHost(hostA)).isNotSameAs(compiledA);
        assertThat(metrics.calls("a")).isEqualTo(2);
        assertThat(metrics.calls("b")).isEqualTo(1);
    }

    @Test
    void generationsThatReuseTheirMapsForgetOlderInstances() {
        IrVirtualHost stable = vhost("a.example.com", exact("/a", direct("a", 200)));
        IrVirtualHost[] changing = new IrVirtualHost[6];
        CompiledVirtualHost[] compiled = new CompiledVirtualHost[6];
        CompiledVirtualHost stableCompiled = null;
        for (int i = 0; i < changing.length; i++) {
            changing[i] = vhost("b.example.com", exact("/b" + i, direct("b" + i, 200)));
            compiler.compile(table(stable, changing[i]));
            compiled[i] = compiler.previousVirtualHost(changing[i]);
            if (i == 0) {
                stableCompiled = compiler.previousVirtualHost(stable);
            }
            assertThat(compiler.previousVirtualHost(stable)).isSameAs(stableCompiled);
            assertThat(compiler.previousRuleCount()).isEqualTo(2);
            for (int older = 0; older < i; older++) {
                assertThat(compiler.previousVirtualHost(changing[older])).isNull();
            }
        }
        // an instance from three generations ago is compiled afresh, not found in a reused map
        compiler.compile(table(stable, changing[2]));
        assertThat(compiler.previousVirtualHost(changing[2])).isNotNull().isNotSameAs(compiled[2]);
        assertThat(metrics.calls("b2")).isEqualTo(2);
        assertThat(metrics.calls("a")).isEqualTo(1);
    }

    @Test
    void rulesOfAReusedHostSurviveForTheNextChange() {
        // generation 1 compiles the rule; generation 2 reuses its host without touching the rule; generation 3
        // moves the rule to a new host: it is still the rule compiled in generation 1
        IrRule rule = direct("r", 200);
        IrVirtualHost host = vhost("a.example.com", exact("/a", rule));
        CompiledRouteTable first = compiler.compile(table(host));
        compiler.compile(table(host));
        CompiledRouteTable third = compiler.compile(table(vhost("c.example.com", exact("/c", rule))));
        assertThat(route(third, "c.example.com", "/c")).isSameAs(route(first, "a.example.com", "/a"));
        assertThat(metrics.calls("r")).isEqualTo(1);
    }

    @Test
    void theSameHostInstanceInTwoListenersIsCompiledOnce() {
        IrVirtualHost shared = vhost("*", exact("/s", direct("s", 200)));
        compiler.compile(ir(socket("127.0.0.1", 8080, listener("l1", "a.example.com", shared),
                listener("l2", "*", shared))));
        assertThat(metrics.calls("s")).isEqualTo(1);
    }

    @Test
    void aMatchWithAnInvalidExpressionIsSkippedAndItsRuleNotCompiled() {
        IrRule broken = direct("broken", 200);
        IrRule fine = direct("fine", 200);
        IrVirtualHost host = vhost("*",
                match(new IrPathMatch(IrPathMatch.Type.REGULAR_EXPRESSION, "/x("), List.of(), List.of(), null, broken),
                exact("/x", fine));
        CompiledRouteTable first = compiler.compile(table(host));
        assertThat(route(first, "h", "/x").name()).isEqualTo("fine");
        assertThat(metrics.calls("broken")).isZero();
        // the host changes; its valid rule is still the one compiled first
        CompiledRouteTable second = compiler.compile(table(vhost("*", exact("/x", fine), exact("/y", fine))));
        assertThat(route(second, "h", "/y")).isSameAs(route(first, "h", "/x"));
        assertThat(metrics.calls("fine")).isEqualTo(1);
    }

    @Test
    void cachesGrowWithTheTable() {
        List<IrRouteMatch> matches = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            matches.add(match(new IrPathMatch(IrPathMatch.Type.REGULAR_EXPRESSION, "/r" + i + "/[a-z]+"), List.of(),
                    List.of(), null, direct("r" + i, 200)));
        }
        IrVirtualHost host = new IrVirtualHost("*", matches);
        CompiledRouteTable table = compiler.compile(table(host));
        assertThat(compiler.patternCacheRoom()).isGreaterThanOrEqualTo(12_000);
        assertThat(route(table, "h", "/r11999/abc").name()).isEqualTo("r11999");
        assertThat(route(table, "h", "/r11999/ab1").name()).isEqualTo("none");
    }

    /**
     * Random changes to a listener's hosts (changed in place, added, removed, renamed; exact names, wildcards and the
     * catch-all): a compiler that patched its host maps routes every host as a fresh compiler does, and holds only
     * the rules of the table it served.
     */
    @Test
    void patchedHostMapsRouteAsAFreshCompile() {
        java.util.Random random = new java.util.Random(42);
        String[] names = new String[40];
        for (int i = 0; i < names.length; i++) {
            names[i] = i % 10 == 9 ? "*.w" + i + ".example.com" : "h" + i + ".example.com";
        }
        java.util.TreeMap<String, IrVirtualHost> hosts = new java.util.TreeMap<>();
        for (int i = 0; i < 30; i++) {
            hosts.put(names[i], vhost(names[i], exact("/p", direct(names[i] + "#0", 200))));
        }
        int version = 0;
        for (int step = 0; step < 200; step++) {
            int changes = 1 + random.nextInt(step % 20 == 0 ? 20 : 3);
            for (int c = 0; c < changes; c++) {
                String name = random.nextInt(50) == 0 ? "*" : names[random.nextInt(names.length)];
                int what = random.nextInt(4);
                if (what == 0) {
                    hosts.remove(name);
                } else if (what == 1 && !hosts.isEmpty()) {
                    // keep the rule instance, change the host: the rule moves to a new host instance
                    IrVirtualHost old = hosts.firstEntry().getValue();
                    hosts.put(name, vhost(name, exact("/p", old.matches().get(0).rule())));
                } else {
                    hosts.put(name, vhost(name, exact("/p", direct(name + "#" + ++version, 200))));
                }
            }
            Ir ir = table(hosts.values().toArray(new IrVirtualHost[0]));
            CompiledRouteTable patched = compiler.compile(ir);
            RouteTableCompiler freshCompiler = new RouteTableCompiler(PluginRegistry.EMPTY, new CountingMetrics());
            CompiledRouteTable fresh = freshCompiler.compile(ir);
            for (String name : names) {
                String host = name.startsWith("*.") ? "x" + name.substring(1) : name;
                assertThat(route(patched, host, "/p").name()).as("step %d, host %s", step, host)
                        .isEqualTo(route(fresh, host, "/p").name());
            }
            assertThat(route(patched, "elsewhere.test", "/p").name())
                    .isEqualTo(route(fresh, "elsewhere.test", "/p").name());
            assertThat(compiler.previousRuleCount()).isEqualTo(freshCompiler.previousRuleCount());
            for (IrVirtualHost host : hosts.values()) {
                assertThat(compiler.previousVirtualHost(host)).isNotNull();
            }
        }
    }
}
