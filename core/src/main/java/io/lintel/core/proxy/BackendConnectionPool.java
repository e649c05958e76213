package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.core.route.BackendEndpoint;
import io.lintel.spi.backend.BackendProtocolFactory;
import io.lintel.spi.backend.CodecLimits;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive backend connections of one event loop, keyed by endpoint (address, port, protocol). Every method runs
 * on that event loop, so there are no locks; connections it makes run on the same loop as the frontends using them.
 *
 * <p>A new connection's pipeline is: an idle-timeout handler, for a TLS endpoint an {@code SslHandler} (client mode,
 * SNI from the endpoint's {@link io.lintel.core.route.BackendTls}), then either the backend protocol plugin's handlers
 * (chosen by {@code appProtocol}; they must accept and emit Netty {@code HttpObject}s, and get the same
 * {@link CodecLimits} as core's codec) or an HTTP/1.1 client codec, then a {@link BackendHandler}. {@code AUTO_READ}
 * is off: the exchange reads when it can pass data on.
 */
public final class BackendConnectionPool {

    private final EventLoop eventLoop;
    private final BackendPoolSettings settings;
    private final Map<String, BackendProtocolFactory> protocols;
    private final ProxyMetrics metrics;
    /** What protocol plugins' codecs are bounded by; one value for every connection of the pool. */
    private final CodecLimits codecLimits;
    private final Bootstrap bootstrap;
    private final Map<BackendEndpoint, ArrayDeque<BackendHandler>> idle = new HashMap<>();
    private RequestMirrors mirrors;

    public BackendConnectionPool(EventLoop eventLoop, Class<? extends Channel> channelClass, BackendPoolSettings settings,
            Map<String, BackendProtocolFactory> protocols, ProxyMetrics metrics) {
        this.eventLoop = requireNonNull(eventLoop, "eventLoop");
        this.settings = requireNonNull(settings, "settings");
        this.protocols = Map.copyOf(requireNonNull(protocols, "protocols"));
        this.metrics = requireNonNull(metrics, "metrics");
        this.codecLimits = settings.codecLimits();
        this.bootstrap = new Bootstrap()
                .group(eventLoop)
                .channel(requireNonNull(channelClass, "channelClass"))
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        settings.connectTimeout().toMillis()));
    }

    /** An open idle connection to {@code endpoint}, or null. */
    public BackendHandler pollIdle(BackendEndpoint endpoint) {
        ArrayDeque<BackendHandler> connections = idle.get(endpoint);
        if (connections == null) {
            return null;
        }
        BackendHandler handler;
        // most recently used first: it is the least likely to have been closed by the backend meanwhile
        while ((handler = connections.pollLast()) != null) {
            if (handler.channel().isActive()) {
                return handler;
            }
        }
        return null;
    }

    /** Opens a new connection; on success, its handler is {@code BackendHandler.of(future.channel())}. */
    public ChannelFuture connect(BackendEndpoint endpoint) {
        ChannelFuture future = bootstrap.clone().handler(new Initializer(endpoint)).connect(endpoint.socketAddress());
        future.addListener(f -> {
            if (f.isSuccess()) {
                metrics.backendConnectionOpened();
                future.channel().closeFuture().addListener(c -> metrics.backendConnectionClosed());
            }
        });
        return future;
    }

    /** Returns a connection whose exchange completed cleanly; closes it when the pool for its endpoint is full. */
    public void release(BackendHandler handler) {
        if (!handler.channel().isActive()) {
            return;
        }
        ArrayDeque<BackendHandler> connections = idle.computeIfAbsent(handler.endpoint(), e -> new ArrayDeque<>());
        if (connections.size() >= settings.maxIdlePerEndpoint()) {
            handler.channel().close();
            return;
        }
        connections.addLast(handler);
        // keep watching the idle connection, so that a close by the backend is noticed before it is reused
        handler.channel().read();
    }

    void onClosed(BackendHandler handler) {
        ArrayDeque<BackendHandler> connections = idle.get(handler.endpoint());
        if (connections != null) {
            connections.remove(handler);
            if (connections.isEmpty()) {
                idle.remove(handler.endpoint());
            }
        }
    }

    /** Idle connections to {@code endpoint} (for tests and diagnostics; call on the event loop). */
    public int idleCount(BackendEndpoint endpoint) {
        ArrayDeque<BackendHandler> connections = idle.get(endpoint);
        return connections == null ? 0 : connections.size();
    }

    /** Closes every idle connection. */
    public void closeIdle() {
        if (!eventLoop.inEventLoop()) {
            eventLoop.execute(this::closeIdle);
            return;
        }
        List<BackendHandler> all = new ArrayList<>();
        idle.values().forEach(all::addAll);
        idle.clear();
        all.forEach(h -> h.channel().close());
    }

    /** The request copies (mirrors) of this event loop's exchanges, sent through this pool. */
    public RequestMirrors mirrors() {
        RequestMirrors current = mirrors;
        if (current == null) {
            current = new RequestMirrors(this, settings.mirrorMaxPendingBytes(), metrics);
            mirrors = current;
        }
        return current;
    }

    /** Where this pool's event loop records what its exchanges did. */
    ProxyMetrics metrics() {
        return metrics;
    }

    public EventLoop eventLoop() {
        return eventLoop;
    }

    private final class Initializer extends ChannelInitializer<Channel> {
        private final BackendEndpoint endpoint;

        Initializer(BackendEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        protected void initChannel(Channel channel) {
            ChannelPipeline pipeline = channel.pipeline();
            long idleNanos = settings.idleTimeout().toNanos();
            if (idleNanos > 0) {
                // reader idle only: a writer/all-idle timer would add a listener to every write
                pipeline.addLast(new IdleStateHandler(idleNanos, 0, 0, TimeUnit.NANOSECONDS));
            }
            if (endpoint.tls() != null) {
                // first, so that the protocol's handlers and the codec see clear text
                pipeline.addLast("backend-tls", endpoint.tls().newHandler(channel.alloc(), endpoint.port()));
                pipeline.addLast("backend-tls-log", new BackendTlsHandshakeLog(endpoint));
            }
            BackendProtocolFactory protocol = endpoint.appProtocol().isEmpty()
                    ? null : protocols.get(endpoint.appProtocol());
            ProtocolChannelSetup setup = null;
            if (protocol != null) {
                setup = new ProtocolChannelSetup(pipeline, codecLimits, endpoint.tls() != null);
                protocol.initialize(setup);
            } else {
                pipeline.addLast(BackendHandler.HTTP_CODEC, new HttpClientCodec(settings.maxInitialLineLength(),
                        settings.maxHeaderSize(), settings.maxChunkSize()));
            }
            pipeline.addLast(new BackendHandler(BackendConnectionPool.this, endpoint, protocol, setup));
        }
    }
}
