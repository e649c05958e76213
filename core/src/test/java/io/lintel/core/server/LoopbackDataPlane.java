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
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A {@link NettyDataPlane} for tests (two event loops, no plugins, default settings) with a free loopback port for
 * its socket: a test {@link #serve}s listeners on {@link #port()} (or {@link #apply}s a whole IR) and connects there.
 * Close it after each test.
 */
final class LoopbackDataPlane implements AutoCloseable {

    /** How often {@link #serve} looks for another port when the free one was taken before it bound. */
    private static final int BIND_ATTEMPTS = 5;

    private final NettyDataPlane dataPlane;
    private int port;

    private LoopbackDataPlane(ProxyMetrics metrics, PluginRegistry registry) throws IOException {
        this(metrics, registry, UdpSettings.DEFAULTS);
    }

    private LoopbackDataPlane(ProxyMetrics metrics, PluginRegistry registry, UdpSettings udp) throws IOException {
        this(metrics, registry, udp, DataPlaneSettings.DEFAULTS);
    }

    private LoopbackDataPlane(ProxyMetrics metrics, PluginRegistry registry, UdpSettings udp,
            DataPlaneSettings settings) throws IOException {
        this.port = RawHttp.freePort();
        this.dataPlane = new NettyDataPlane(new EventLoops(2, true), registry, metrics, settings, udp);
    }

    /** A data plane with these settings, recording no metrics. */
    static LoopbackDataPlane start(DataPlaneSettings settings) throws IOException {
        return new LoopbackDataPlane(ProxyMetrics.NOOP, PluginRegistry.EMPTY, UdpSettings.DEFAULTS, settings);
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

    /**
     * Serves exactly these listeners on {@code 127.0.0.1:port()} with the protocol (replacing what it served). The
     * port was free when this data plane started; another process (or a client socket of this test) may have taken
     * it since, so a bind that finds it in use moves to another free port ({@link #port()} tells which).
     */
    void serve(IrProtocol protocol, IrListener... listeners) {
        List<String> failures = List.of();
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            failures = dataPlane.apply(new Ir(List.of(new IrSocket("127.0.0.1", port, protocol, List.of(listeners)))));
            if (failures.isEmpty() || !failures.stream().allMatch(f -> f.contains("Address already in use"))) {
                break;
            }
            try {
                port = RawHttp.freePort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Override
    public void close() {
        dataPlane.close();
    }
}
