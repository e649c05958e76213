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
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Keep-alive backend connections of one event loop, keyed by endpoint (address, port, protocol). Every method runs
 * on that event loop, so there are no locks; connections it makes run on the same loop as the frontends using them.
 *
 * <p>A new connection's pipeline is: an idle-timeout handler, for a TLS endpoint an {@code SslHandler} (client mode,
 * SNI from the endpoint's {@link io.lintel.core.route.BackendTls}), then either the backend protocol plugin's handlers
 * (chosen by {@code appProtocol}; they must accept and emit Netty {@code HttpObject}s, and get the same
 * {@link CodecLimits} as core's codec) or an HTTP/1.1 client codec, then a {@link BackendHandler}. {@code AUTO_READ}
 * is off: the exchange reads when it can pass data on.
 *
 * <p>A protocol plugin that {@linkplain BackendProtocolFactory#multiplexesStreams() multiplexes streams} (h2c) gets
 * shared connections instead ({@link Http2BackendStreams}): the plugin's connection handlers end with Netty's HTTP/2
 * multiplexer, followed by an {@link Http2BackendConnection}; each exchange gets a stream channel of its own, whose
 * pipeline is the plugin's stream handlers and a {@link BackendHandler}.
 */
public final class BackendConnectionPool {

    private final EventLoop eventLoop;
    private final BackendPoolSettings settings;
    private final Map<String, BackendProtocolFactory> protocols;
    /** The appProtocols whose plugin multiplexes streams: asked once, not per request (a plugin call switches loaders). */
    private final Set<String> multiplexing;
    private final ProxyMetrics metrics;
    /** What protocol plugins' codecs are bounded by; one value for every connection of the pool. */
    private final CodecLimits codecLimits;
    private final Bootstrap bootstrap;
    private final Map<BackendEndpoint, ArrayDeque<BackendHandler>> idle = new HashMap<>();
    private final Map<BackendEndpoint, Http2BackendStreams> multiplexed = new HashMap<>();
    private RequestMirrors mirrors;

    public BackendConnectionPool(EventLoop eventLoop, Class<? extends Channel> channelClass, BackendPoolSettings settings,
            Map<String, BackendProtocolFactory> protocols, ProxyMetrics metrics) {
        this.eventLoop = requireNonNull(eventLoop, "eventLoop");
        this.settings = requireNonNull(settings, "settings");
        this.protocols = Map.copyOf(requireNonNull(protocols, "protocols"));
        this.multiplexing = this.protocols.entrySet().stream().filter(e -> e.getValue().multiplexesStreams())
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
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

    /**
     * A backend handler for a new exchange with {@code endpoint}: a new connection, or for a protocol that multiplexes
     * streams a new stream on a shared connection (which may have to wait for a free stream). An exchange that no
     * longer wants the handler when it comes gives it back with {@link #release}.
     */
    public Future<BackendHandler> open(BackendEndpoint endpoint) {
        if (multiplexing.contains(endpoint.appProtocol())) {
            BackendProtocolFactory protocol = protocols.get(endpoint.appProtocol());
            Http2BackendStreams streams = multiplexed.get(endpoint);
            if (streams == null) {
                streams = new Http2BackendStreams(endpoint, eventLoop, settings.http2(),
                        connection -> connect(endpoint, connection), new StreamInitializer(endpoint, protocol),
                        this::forget);
                multiplexed.put(endpoint, streams);
            }
            return streams.acquire();
        }
        Promise<BackendHandler> promise = eventLoop.newPromise();
        ChannelFuture future = connect(endpoint);
        future.addListener(f -> {
            if (!f.isSuccess()) {
                promise.setFailure(f.cause());
                return;
            }
            BackendHandler handler = BackendHandler.of(future.channel());
            if (handler == null) {
                future.channel().close();
                promise.setFailure(new IllegalStateException("no HTTP handler on the connection to " + endpoint));
            } else if (!promise.trySuccess(handler)) {
                release(handler);
            }
        });
        return promise;
    }

    /** The shared connections to an endpoint closed, and no exchange waits for them: forget the endpoint. */
    private void forget(Http2BackendStreams streams) {
        multiplexed.values().remove(streams);
    }

    private BackendProtocolFactory protocolOf(BackendEndpoint endpoint) {
        return endpoint.appProtocol().isEmpty() ? null : protocols.get(endpoint.appProtocol());
    }

    /** Opens a new connection; on success, its handler is {@code BackendHandler.of(future.channel())}. */
    public ChannelFuture connect(BackendEndpoint endpoint) {
        return connect(endpoint, null);
    }

    /** @param shared the handler of a shared (multiplexed) connection, or null for one exchange at a time */
    private ChannelFuture connect(BackendEndpoint endpoint, Http2BackendConnection shared) {
        ChannelFuture future = bootstrap.clone().handler(new Initializer(endpoint, shared))
                .connect(endpoint.socketAddress());
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
        if (handler.channel() instanceof Http2StreamChannel stream) {
            // a stream serves one exchange; closing it resets it only if it has not ended both ways
            stream.close();
            return;
        }
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
        List.copyOf(multiplexed.values()).forEach(Http2BackendStreams::closeIdle);
    }

    /** Shared connections to {@code endpoint} (for tests and diagnostics; call on the event loop). */
    public int sharedConnectionCount(BackendEndpoint endpoint) {
        Http2BackendStreams streams = multiplexed.get(endpoint);
        return streams == null ? 0 : streams.connectionCount();
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
        private final Http2BackendConnection shared;

        Initializer(BackendEndpoint endpoint, Http2BackendConnection shared) {
            this.endpoint = endpoint;
            this.shared = shared;
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
            BackendProtocolFactory protocol = protocolOf(endpoint);
            ProtocolChannelSetup setup = null;
            if (protocol != null) {
                setup = new ProtocolChannelSetup(pipeline, codecLimits, endpoint.tls() != null);
                protocol.initialize(setup);
            } else {
                pipeline.addLast(BackendHandler.HTTP_CODEC, new HttpClientCodec(settings.maxInitialLineLength(),
                        settings.maxHeaderSize(), settings.maxChunkSize()));
            }
            if (shared != null) {
                // the exchanges' handlers are on the streams (StreamInitializer)
                pipeline.addLast(shared);
            } else {
                pipeline.addLast(new BackendHandler(BackendConnectionPool.this, endpoint, protocol, setup));
            }
        }
    }

    /** The pipeline of one stream of a shared connection: the protocol's stream handlers, then a BackendHandler. */
    private final class StreamInitializer extends ChannelInitializer<Channel> {
        private final BackendEndpoint endpoint;
        private final BackendProtocolFactory protocol;

        StreamInitializer(BackendEndpoint endpoint, BackendProtocolFactory protocol) {
            this.endpoint = endpoint;
            this.protocol = protocol;
        }

        @Override
        protected void initChannel(Channel stream) {
            ProtocolChannelSetup setup = new ProtocolChannelSetup(stream.pipeline(), codecLimits,
                    endpoint.tls() != null);
            protocol.initializeStream(setup);
            stream.pipeline().addLast(new BackendHandler(BackendConnectionPool.this, endpoint, protocol, setup));
        }
    }
}
