package io.lintel.core.route;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrVirtualHost;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import java.util.List;
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
 * Compiling the table after a one-route change ({@link #oneRouteChanged}): the IR of the next configuration shares
 * every unchanged virtual host, match and rule instance with the previous one, as the translator hands them out.
 * Each invocation compiles the IR that differs, by one route, from the one compiled before it. {@link #fromScratch}
 * compiles the whole IR with a new compiler, for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CompileBenchmark {

    @Param({"10000", "50000"})
    int routes;

    @Param({"HOSTS", "PREFIX"})
    BenchIr.Layout layout;

    private RouteTableCompiler compiler;
    private Ir before;
    private Ir after;
    private boolean flip;

    @Setup
    public void setUp() {
        List<IrVirtualHost> hosts = BenchIr.virtualHosts(layout, routes);
        before = BenchIr.ir(hosts);
        after = BenchIr.ir(BenchIr.withChangedRoute(layout, hosts, routes / 2, 1));
        compiler = new RouteTableCompiler(PluginRegistry.EMPTY, ProxyMetrics.NOOP);
        compiler.compile(before);
    }

    @Benchmark
    public CompiledRouteTable oneRouteChanged() {
        flip = !flip;
        return compiler.compile(flip ? after : before);
    }

    @Benchmark
    public CompiledRouteTable fromScratch() {
        return new RouteTableCompiler(PluginRegistry.EMPTY, ProxyMetrics.NOOP).compile(before);
    }
}
