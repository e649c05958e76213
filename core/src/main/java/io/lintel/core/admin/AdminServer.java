package io.lintel.core.admin;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP/1.1 server: {@code GET /ready}, {@code /status}, {@code /config} and {@code /metrics}, answered
 * from an {@link AdminState} and {@link GatewayMetrics}, and {@code /explain} and {@code /backends} from the route table
 * being served ({@code admin.inspect}); any other path is 404, any other method 405.
 *
 * <p>It runs on an event loop of its own (one thread), so a slow scrape never delays proxied traffic and a busy
 * data plane never hides readiness. {@code /ready} is answered on that event loop; the large documents are rendered
 * on two threads of their own and streamed with backpressure, so {@code /ready} answers within milliseconds while a
 * 10 000-route {@code /metrics} or {@code /status} is being written. Lifecycle: construct, {@link #start()} once,
 * {@link #close()} once.
 */
public final class AdminServer implements AutoCloseable {

    /** Where the admin server listens unless told otherwise: loopback only, since it exposes the configuration. */
    public static final InetSocketAddress DEFAULT_ADDRESS = new InetSocketAddress("127.0.0.1", 9901);

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    // A GET has no body; anything larger is a client error, not something to buffer.
    private static final int MAX_REQUEST_BODY_BYTES = 8192;
    // Heavy documents (/metrics, /status, /config) render on these threads, never on the event loop. Two threads
    // serve a scrape and a status poll at once; a few more requests may wait, beyond that the answer is 503.
    private static final int RENDER_THREADS = 2;
    private static final int RENDER_QUEUE = 8;
    // A client that reads nothing for this long loses its response (and frees its render thread).
    private static final long STALL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final InetSocketAddress address;
    private final AdminState state;
    private final GatewayMetrics metrics;
    private EventLoopGroup group;
    private ThreadPoolExecutor render;
    private Channel serverChannel;

    /**
     * @param address where to listen; port 0 picks a free port (see {@link #localAddress()})
     * @param state what {@code /ready}, {@code /status} and {@code /config} show
     * @param metrics what {@code /metrics} shows
     */
    public AdminServer(InetSocketAddress address, AdminState state, GatewayMetrics metrics) {
        this.address = requireNonNull(address, "address");
        this.state = requireNonNull(state, "state");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    /**
     * Binds the address and starts serving; returns once the socket is bound.
     *
     * @throws UncheckedIOException when the address cannot be bound (e.g. the port is taken), naming the address
     * @throws IllegalStateException when called twice
     */
    public synchronized void start() {
        if (group != null) {
            throw new IllegalStateException("admin server already started on " + address);
        }
        AdminJson json = new AdminJson();
        ThreadPoolExecutor renderExecutor = new ThreadPoolExecutor(RENDER_THREADS, RENDER_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(RENDER_QUEUE), new DefaultThreadFactory("lintel-admin-render", true));
        renderExecutor.allowCoreThreadTimeOut(true);
        render = renderExecutor;
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("lintel-admin"), NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_REQUEST_BODY_BYTES))
                                .addLast(new AdminHttpHandler(state, metrics, json, renderExecutor, STALL_TIMEOUT_NANOS));
                    }
                });
        try {
            serverChannel = bootstrap.bind(address).syncUninterruptibly().channel();
        } catch (Exception e) {
            shutDownGroup();
            shutDownRender();
            BindException bindFailure = new BindException(
                    "cannot listen on " + address.getHostString() + ":" + address.getPort()
                            + " for the admin server (--admin HOST:PORT): " + e.getMessage());
            bindFailure.initCause(e);
            throw new UncheckedIOException(bindFailure.getMessage(), bindFailure);
        }
        LOG.info("Admin server listening on http://{}:{}/", address.getHostString(), port());
    }

    /** The bound address (with the real port when started on port 0). */
    public synchronized InetSocketAddress localAddress() {
        if (serverChannel == null) {
            throw new IllegalStateException("admin server not started");
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The bound port. */
    public int port() {
        return localAddress().getPort();
    }

    /** Stops listening, closes open admin connections and stops the event loop. Idempotent. */
    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        shutDownGroup();
        shutDownRender();
    }

    private void shutDownRender() {
        if (render != null) {
            // Renders still running wait for a client to read or are about to write to a closed channel: interrupt them.
            render.shutdownNow();
            render = null;
        }
    }

    private void shutDownGroup() {
        if (group != null) {
            // No quiet period: admin requests are short and idempotent, nothing is worth waiting for.
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
    }
}
