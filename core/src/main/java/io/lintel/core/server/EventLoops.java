package io.lintel.core.server;

import io.netty.channel.Channel;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.uring.IoUring;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane's event loops and the channel classes that go with their {@link IoTransport}. Frontend and backend
 * connections share these loops (a backend connection runs on the loop of the frontend that uses it).
 */
public final class EventLoops implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventLoops.class);

    private final MultiThreadIoEventLoopGroup group;
    private final int threads;
    private final IoTransport transport;

    /**
     * @param threads event loop threads; 0 or less means {@code Runtime.availableProcessors()}
     * @param transport the transport; {@link IoTransport#AUTO} takes the best available one
     * @throws IllegalStateException when a transport named explicitly is not available here
     */
    public EventLoops(int threads, IoTransport transport) {
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.transport = transport.resolve();
        if (transport == IoTransport.AUTO && this.transport != IoTransport.IO_URING) {
            // an operator who expected io_uring (docs/scale.md) learns why it is not running
            LOG.info("io_uring is not available here ({}); the data plane runs {}",
                    IoUring.unavailabilityCause(), this.transport.settingValue());
        }
        this.group = new MultiThreadIoEventLoopGroup(this.threads, new DefaultThreadFactory("lintel-io", true),
                this.transport.ioHandlerFactory());
    }

    /**
     * @param threads event loop threads; 0 or less means {@code Runtime.availableProcessors()}
     * @param configured the configured transport ({@link IoTransport#configured}); false forces NIO
     */
    public EventLoops(int threads, boolean configured) {
        this(threads, configured ? IoTransport.configured() : IoTransport.NIO);
    }

    /** Probes the native transport ahead of time (it loads a native library); see {@code StartupPreparation}. */
    public static void prepare() {
        IoTransport.probe();
    }

    /** The configured transport, one thread per available processor. */
    public static EventLoops withDefaults() {
        return new EventLoops(0, true);
    }

    public MultiThreadIoEventLoopGroup group() {
        return group;
    }

    public Class<? extends ServerChannel> serverChannelClass() {
        return transport.serverChannelClass();
    }

    public Class<? extends Channel> socketChannelClass() {
        return transport.socketChannelClass();
    }

    /** The class of UDP sockets: listeners' datagram sockets and the connected ones of their flows. */
    public Class<? extends DatagramChannel> datagramChannelClass() {
        return transport.datagramChannelClass();
    }

    /** {@code io_uring}, {@code epoll} or {@code nio}, for logs. */
    public String transportName() {
        return transport.settingValue();
    }

    public IoTransport transport() {
        return transport;
    }

    public int threads() {
        return threads;
    }

    /** Shuts the loops down and waits (up to a few seconds) until they have stopped. Never call on an event loop. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
