package io.lintel.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.udp.UdpSettings;
import java.io.IOException;
import java.util.List;

/**
 * A {@link NettyDataPlane} for tests (two event loops, no plugins, default settings) with a free loopback port for
 * its socket: a test {@link #serve}s listeners on {@link #port()} (or {@link #apply}s a whole IR) and connects there.
 * Close it after each test.
 */
final class LoopbackDataPlane implements AutoCloseable {

    private final NettyDataPlane dataPlane;
    private final int port;

    private LoopbackDataPlane(ProxyMetrics metrics, PluginRegistry registry) throws IOException {
        this(metrics, registry, UdpSettings.DEFAULTS);
    }

    private LoopbackDataPlane(ProxyMetrics metrics, PluginRegistry registry, UdpSettings udp) throws IOException {
        this.port = RawHttp.freePort();
        this.dataPlane = new NettyDataPlane(new EventLoops(2, true), registry, metrics, DataPlaneSettings.DEFAULTS, udp);
    }

    /** A data plane whose UDP sockets have these bounds. */
    static LoopbackDataPlane start(UdpSettings udp) throws IOException {
        return new LoopbackDataPlane(ProxyMetrics.NOOP, PluginRegistry.EMPTY, udp);
    }

    /** A data plane that records no metrics. */
    static LoopbackDataPlane start() throws IOException {
        return start(ProxyMetrics.NOOP);
    }

    static LoopbackDataPlane start(ProxyMetrics metrics) throws IOException {
        return new LoopbackDataPlane(metrics, PluginRegistry.EMPTY);
    }

    /** A data plane with these plugins' filters, recording no metrics. */
    static LoopbackDataPlane start(PluginRegistry registry) throws IOException {
        return new LoopbackDataPlane(ProxyMetrics.NOOP, registry);
    }

    /** The free port for {@link #serve}; nothing listens on it until then. */
    int port() {
        return port;
    }

    NettyDataPlane dataPlane() {
        return dataPlane;
    }

    /** Applies the IR, asserting that the data plane took all of it. */
    void apply(Ir ir) {
        assertThat(dataPlane.apply(ir)).isEmpty();
    }

    /** Serves exactly these listeners on {@code 127.0.0.1:port()} with the protocol (replacing what it served). */
    void serve(IrProtocol protocol, IrListener... listeners) {
        apply(new Ir(List.of(new IrSocket("127.0.0.1", port, protocol, List.of(listeners)))));
    }

    @Override
    public void close() {
        dataPlane.close();
    }
}
