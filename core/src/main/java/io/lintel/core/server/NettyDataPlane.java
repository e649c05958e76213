package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.passthrough.RelayConnector;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.observe.ExchangeObserver;
import io.lintel.core.proxy.BackendConnectionPools;
import io.lintel.core.proxy.PooledEndpointAccess;
import io.lintel.core.proxy.ProxyContext;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.route.ActiveEndpointHealth;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.EndpointHealth;
import io.lintel.core.route.RouteTableCompiler;
import io.lintel.core.route.SocketKey;
import io.lintel.core.udp.UdpCounters;
import io.lintel.core.udp.UdpRelayHandler;
import io.lintel.core.udp.UdpSettings;
import io.lintel.core.udp.UdpSocketBootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty data plane: serves the route table compiled from the last applied {@link Ir} on the sockets it names.
 * {@link #apply} compiles and swaps the table first (new requests use it at once; a request reads the table when its
 * head arrives), then binds sockets that are new and closes listening sockets that are gone; connections already
 * accepted keep running until they end. Sockets that could not be bound are remembered, for {@link BindRetry} to
 * bind with {@link #retryFailedBinds}. Owns the {@link EventLoops} it is given and shuts them down on close.
 */
public final class NettyDataPlane implements DataPlane {

    private static final Logger LOG = LoggerFactory.getLogger(NettyDataPlane.class);

    private final EventLoops eventLoops;
    private final DataPlaneSettings settings;
    private final RouteTableCompiler compiler;
    private final AtomicReference<CompiledRouteTable> table;
    private final BackendConnectionPools pools;
    private final RelayConnector relays;
    private final ProxyMetrics metrics;
    /** Runs the service policies (active health checks) of the applied IR, whose verdicts {@link #compiler} heeds. */
    private final ServicePolicyRunner servicePolicies;
    private final ActiveEndpointHealth activeHealth;
    /** Client connections open on all sockets, bounded by {@link ClientConnectionLimit}. */
    private final AtomicInteger clientConnections = new AtomicInteger();
    private final ChannelGroup connections = new DefaultChannelGroup("lintel-connections", GlobalEventExecutor.INSTANCE);
    private final Map<BindKey, BoundSocket> bound = new LinkedHashMap<>();
    /** Sockets the last applied IR wants that are not bound, for {@link #retryFailedBinds}. */
    private final Map<BindKey, Unbound> unbound = new LinkedHashMap<>();
    private final UdpSettings udpSettings;
    private boolean closed;
    /** Stopping: no socket is bound any more ({@link #drain}). */
    private boolean draining;

    /** A socket to bind: a UDP socket is apart from a TCP one of the same address and port. */
    private record BindKey(SocketKey socket, boolean datagram) {

        static BindKey of(IrSocket socket) {
            return new BindKey(new SocketKey(socket.address(), socket.port()), socket.protocol().datagram());
        }

        @Override
        public String toString() {
            return datagram ? socket + " (UDP)" : socket.toString();
        }
    }

    /** @param udp what a UDP socket dropped; null for a TCP one */
    private record BoundSocket(IrProtocol protocol, Channel channel, UdpCounters udp) {}

    private record Unbound(IrProtocol protocol, BindFailure failure) {}

    public NettyDataPlane(EventLoops eventLoops, PluginRegistry registry, ProxyMetrics metrics,
            DataPlaneSettings settings) {
        this(eventLoops, registry, metrics, settings, UdpSettings.DEFAULTS);
    }

    /** @param udpSettings the bounds of the flows of UDP sockets */
    public NettyDataPlane(EventLoops eventLoops, PluginRegistry registry, ProxyMetrics metrics,
            DataPlaneSettings settings, UdpSettings udpSettings) {
        this.udpSettings = requireNonNull(udpSettings, "udpSettings");
        this.eventLoops = requireNonNull(eventLoops, "eventLoops");
        this.settings = requireNonNull(settings, "settings");
        requireNonNull(registry, "registry");
        this.metrics = requireNonNull(metrics, "metrics");
        ActiveEndpointHealth active = new ActiveEndpointHealth();
        this.activeHealth = active;
        EndpointHealth health = EndpointHealth.fromSystemProperties(active);
        this.compiler = new RouteTableCompiler(registry, metrics, health);
        metrics.ejectedEndpoints(health::ejectedCount);
        this.table = new AtomicReference<>(CompiledRouteTable.empty(metrics));
        this.relays = new RelayConnector(eventLoops.socketChannelClass(), settings.backendConnectTimeout(),
                settings.clientIdleTimeout(), metrics);
        this.pools = new BackendConnectionPools(eventLoops.socketChannelClass(), settings.backendPool(),
                registry.backendProtocols(), metrics);
        this.servicePolicies = new ServicePolicyRunner(registry.policies(),
                new PooledEndpointAccess(eventLoops.group(), pools, active), active);
        metrics.unhealthyEndpoints(servicePolicies::unhealthyByBackend);
        metrics.clientConnectionLimit(settings.maxConnections());
        // the access log's and tracing's threads start here, not on the event loop of the first connection
        ExchangeObserver.current();
        logLimits(settings);
    }

    /** Says what bounds clients at start: the limits derived from the environment, and a limit turned off. */
    private static void logLimits(DataPlaneSettings settings) {
        long descriptors = ConnectionBudget.maxFileDescriptors();
        if (settings.maxConnections() == 0) {
            LOG.warn("client connections are not limited (-D{}=0): enough of them exhaust the file descriptors ({}), "
                    + "and then new clients and the admin server wait", DataPlaneSettings.MAX_CONNECTIONS_PROPERTY,
                    descriptors);
        } else {
            LOG.info("at most {} client connections at once (file descriptor limit {}; -D{})",
                    settings.maxConnections(), descriptors, DataPlaneSettings.MAX_CONNECTIONS_PROPERTY);
        }
        if (settings.defaultRequestTimeout().isZero()) {
            LOG.warn("no default request timeout (-D{}=0): a request whose rule sets no timeouts waits for an "
                    + "unanswering backend as long as the client does",
                    DataPlaneSettings.DEFAULT_REQUEST_TIMEOUT_PROPERTY);
        }
    }

    @Override
    public synchronized List<String> apply(Ir ir) {
        requireNonNull(ir, "ir");
        if (closed) {
            throw new IllegalStateException("data plane is closed");
        }
        table.set(compiler.compile(ir));
        servicePolicies.apply(ir.servicePolicies());
        // UDP flows keep their backend across changes, but not a route that is no longer their socket's
        bound.values().stream().filter(socket -> socket.udp() != null)
                .forEach(socket -> socket.channel().pipeline().fireUserEventTriggered(UdpRelayHandler.TABLE_CHANGED));
        if (draining) {
            return List.of();
        }

        Map<BindKey, IrSocket> wanted = new HashMap<>();
        for (IrSocket socket : ir.sockets()) {
            wanted.putIfAbsent(BindKey.of(socket), socket);
        }
        List<ChannelFuture> closing = new ArrayList<>();
        bound.entrySet().removeIf(entry -> {
            IrSocket socket = wanted.get(entry.getKey());
            if (socket != null && socket.protocol() == entry.getValue().protocol()) {
                return false;
            }
            LOG.info("closing listening socket {}", entry.getKey());
            closing.add(entry.getValue().channel().close());
            return true;
        });
        // a socket whose protocol changed is re-bound on the same port: its old listener must be gone first
        closing.forEach(f -> f.awaitUninterruptibly(5, TimeUnit.SECONDS));

        unbound.clear();
        List<String> errors = new ArrayList<>();
        for (IrSocket socket : ir.sockets()) {
            BindKey key = BindKey.of(socket);
            if (bound.containsKey(key) || unbound.containsKey(key)) {
                continue;
            }
            BindFailure failure = bind(key, socket.protocol());
            if (failure != null) {
                LOG.warn("cannot bind {}", failure);
                unbound.put(key, new Unbound(socket.protocol(), failure));
                errors.add(failure.toString());
            }
        }
        return errors;
    }

    @Override
    public Map<String, Boolean> endpointHealth() {
        return activeHealth.snapshot();
    }

    @Override
    public synchronized List<BindFailure> bindFailures() {
        return unbound.values().stream().map(Unbound::failure).toList();
    }

    @Override
    public synchronized List<BindFailure> retryFailedBinds() {
        if (closed || draining) { // a drain closed the listening sockets for good
            return List.of();
        }
        // failures are logged by the caller (BindRetry): at DEBUG, a held port would otherwise log every attempt
        for (var it = unbound.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<BindKey, Unbound> entry = it.next();
            IrProtocol protocol = entry.getValue().protocol();
            BindFailure failure = bind(entry.getKey(), protocol);
            if (failure == null) {
                it.remove();
            } else {
                entry.setValue(new Unbound(protocol, failure));
            }
        }
        return bindFailures();
    }

    /** Binds one socket and records it as bound; returns why it failed, or null. */
    private BindFailure bind(BindKey bindKey, IrProtocol protocol) {
        SocketKey key = bindKey.socket();
        if (protocol.datagram()) {
            return bindDatagram(bindKey);
        }
        boolean tls = protocol == IrProtocol.HTTPS || protocol == IrProtocol.TLS;
        ProxyContext context = new ProxyContext(table, key, tls ? "https" : "http", pools,
                settings.maxBufferedRequestBody(), settings.defaultRequestTimeout().toNanos(),
                settings.maxReplayBodyBytes());
        FrontendChannelInitializer clearText = new FrontendChannelInitializer(context, settings, connections);
        TlsChannelInitializer terminating = tls
                ? new TlsChannelInitializer(new SniSslContexts(context), settings, connections, clearText,
                        new H2cUpgradeSupport(context, settings))
                : null;
        ChannelHandler initializer = switch (protocol) {
            case HTTP -> clearText;
            case HTTPS -> terminating;
            case TLS -> new PassthroughChannelInitializer(context, terminating, settings, connections, relays);
            case TCP -> new TcpChannelInitializer(context, relays, settings, connections);
            case UDP -> throw new IllegalStateException("a UDP socket is bound by bindDatagram");
        };
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoops.group())
                .channel(eventLoops.serverChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .handler(new ClientConnectionLimit(key, clientConnections, settings.maxConnections(),
                        settings.maxConnectionsPerListener(), metrics))
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer);
        ChannelFuture future = bootstrap.bind(key.address(), key.port()).awaitUninterruptibly();
        if (!future.isSuccess()) {
            Throwable cause = future.cause();
            String message = cause == null || cause.getMessage() == null ? "bind failed" : cause.getMessage();
            return new BindFailure(key, message);
        }
        bound.put(bindKey, new BoundSocket(protocol, future.channel(), null));
        LOG.info("listening on {} ({}, {}, {} event loops)", key, protocol, eventLoops.transportName(),
                eventLoops.threads());
        return null;
    }

    /**
     * Binds a UDP socket: one datagram channel, on one loop of the group, relaying each client's flow to a backend of
     * the socket's route in the table current when the flow starts.
     */
    private BindFailure bindDatagram(BindKey bindKey) {
        SocketKey key = bindKey.socket();
        UdpCounters counters = new UdpCounters(metrics);
        ChannelFuture future = UdpSocketBootstrap.of(eventLoops.group(), eventLoops.datagramChannelClass(),
                () -> table.get().datagramRoute(key), udpSettings, counters)
                .bind(key.address(), key.port()).awaitUninterruptibly();
        if (!future.isSuccess()) {
            Throwable cause = future.cause();
            String message = cause == null || cause.getMessage() == null ? "bind failed" : cause.getMessage();
            return new BindFailure(key, message, true);
        }
        bound.put(bindKey, new BoundSocket(IrProtocol.UDP, future.channel(), counters));
        LOG.info("listening on {} (UDP, {}; flows idle {} s, at most {})", key, eventLoops.transportName(),
                udpSettings.flowIdleTimeout().toSeconds(), udpSettings.maxFlowsPerListener());
        return null;
    }

    /** The table requests currently use. */
    @Override
    public CompiledRouteTable currentTable() {
        return table.get();
    }

    /** The local address of a bound socket, or null when it is not bound. */
    public synchronized InetSocketAddress localAddress(SocketKey key) {
        return localAddress(new BindKey(key, false));
    }

    /** The local address of a bound UDP socket, or null when it is not bound. */
    public synchronized InetSocketAddress datagramLocalAddress(SocketKey key) {
        return localAddress(new BindKey(key, true));
    }

    /** What a bound UDP socket dropped, or null when it is not bound. */
    public synchronized UdpCounters datagramCounters(SocketKey key) {
        BoundSocket socket = bound.get(new BindKey(key, true));
        return socket == null ? null : socket.udp();
    }

    private InetSocketAddress localAddress(BindKey key) {
        BoundSocket socket = bound.get(key);
        if (socket == null) {
            return null;
        }
        SocketAddress address = socket.channel().localAddress();
        return address instanceof InetSocketAddress inet ? inet : null;
    }

    /** The sockets currently listening. */
    public synchronized List<SocketKey> boundSockets() {
        return bound.keySet().stream().map(BindKey::socket).distinct().toList();
    }

    @Override
    public int drain(Duration timeout) {
        List<Channel> open;
        synchronized (this) {
            if (closed || draining) {
                return 0;
            }
            draining = true;
            // the listening sockets first: a client that connects now is refused (and retries another replica)
            // rather than accepted and then cut off
            bound.values().forEach(socket -> socket.channel().close().awaitUninterruptibly(5, TimeUnit.SECONDS));
            bound.clear();
            open = List.copyOf(connections);
        }
        LOG.info("draining: listening sockets closed; waiting up to {} s for {} client connection(s) to finish",
                timeout.toSeconds(), open.size());
        if (!timeout.isZero()) {
            open.forEach(ConnectionDrain::start);
        }
        int remaining = timeout.isZero() ? open.size() : ConnectionDrain.awaitClosed(open, timeout);
        open.stream().filter(Channel::isOpen).forEach(ConnectionDrain::forceClose);
        LOG.info("drain finished: {} client connection(s) still open were closed", remaining);
        return remaining;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        servicePolicies.close();
        unbound.clear();
        bound.values().forEach(socket -> socket.channel().close().awaitUninterruptibly(5, TimeUnit.SECONDS));
        bound.clear();
        // not connections.close(): an HTTP/2 connection's close would wait for its streams (ConnectionDrain)
        List<Channel> open = List.copyOf(connections);
        open.forEach(ConnectionDrain::forceClose);
        ConnectionDrain.awaitClosed(open, Duration.ofSeconds(5));
        pools.closeIdle();
        eventLoops.close();
    }
}
