package io.lintel.core.route;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.netty.handler.codec.http.DefaultHttpHeaders;
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
 * Routing one request through a compiled table (host normalisation, socket, listener, virtual host, match) for the
 * first and for the last of N routes. {@code mode=default} compiles as the data plane does (hosts indexed from
 * {@link CompiledVirtualHost#INDEX_THRESHOLD}); {@code mode=scan} compiles every virtual host without index (the route
 * table as it was before the index), for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RouteLookupBenchmark {

    @Param({"10", "1000", "10000", "50000"})
    int routes;

    @Param({"HOSTS", "PREFIX", "EXACT", "REGEX"})
    BenchIr.Layout layout;

    @Param({"default", "scan"})
    String mode;

    private CompiledRouteTable table;
    private RouteRequest firstRequest;
    private String firstHost;
    private RouteRequest lastRequest;
    private String lastHost;

    @Setup
    public void setUp() {
        int threshold = mode.equals("scan") ? Integer.MAX_VALUE : CompiledVirtualHost.INDEX_THRESHOLD;
        table = new RouteTableCompiler(PluginRegistry.EMPTY, ProxyMetrics.NOOP, new SslContextCache(), threshold,
                EndpointHealth.OFF)
                .compile(BenchIr.ir(BenchIr.virtualHosts(layout, routes)));
        firstHost = layout.host(0);
        firstRequest = new RouteRequest().reset("GET", layout.path(0), new DefaultHttpHeaders().add("host", firstHost));
        lastHost = layout.host(routes - 1);
        lastRequest = new RouteRequest().reset("GET", layout.path(routes - 1),
                new DefaultHttpHeaders().add("host", lastHost));
        check(first(), 0);
        check(last(), routes - 1);
    }

    private void check(CompiledRule rule, int route) {
        String expected = "httproute/default/r" + route + "/rule/0";
        if (!rule.name().equals(expected)) {
            throw new IllegalStateException("routed to " + rule.name() + ", expected " + expected);
        }
    }

    @Benchmark
    public CompiledRule first() {
        return table.route(BenchIr.SOCKET, firstHost, firstRequest);
    }

    @Benchmark
    public CompiledRule last() {
        return table.route(BenchIr.SOCKET, lastHost, lastRequest);
    }
}
