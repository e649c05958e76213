package io.lintel.core.proxy;

import io.lintel.core.route.BackendEndpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The shared HTTP/2 connections of one event loop to one endpoint whose protocol multiplexes streams (h2c, gRPC):
 * each exchange gets a stream of its own (a Netty {@code Http2StreamChannel}) on a connection with a free stream, and
 * a new connection is opened only when all are full, up to {@link Http2BackendSettings#maxConnections}; beyond, the
 * exchange waits in a bounded queue ({@link Http2BackendSettings#maxPendingStreams}; when it is full: 503).
 *
 * <p>Child channels rather than the frame codec with a stream map of our own: a stream channel is a {@code Channel}
 * like an HTTP/1.1 connection, so an exchange drives it exactly as it drives one (write, flush, read when it can pass
 * data on, writability, close to abandon), and isolation comes with it: closing a stream channel resets that stream
 * only, a reset or a timeout closes only that stream's channel, its writability is that stream's flow-control window,
 * and a connection's failure closes each of its stream channels, failing each exchange on it (502) and no other.
 * This is the shape of Armeria's HTTP/2 client pool (a session that counts its streams and is replaced on GOAWAY)
 * and Envoy's (streams per connection bounded by the backend's SETTINGS and a setting, a new connection when full,
 * a pending queue with an overflow answered at once).
 *
 * <p>Every method runs on the pool's event loop; there are no locks.
 */
final class Http2BackendStreams {

    private final BackendEndpoint endpoint;
    private final EventLoop eventLoop;
    private final Http2BackendSettings settings;
    /** Opens a new connection whose pipeline ends with the {@link Http2BackendConnection} given. */
    private final Function<Http2BackendConnection, ChannelFuture> connector;
    private final ChannelHandler streamInitializer;
    /** Told when the last connection closed and no exchange waits, so that the pool forgets the endpoint. */
    private final Consumer<Http2BackendStreams> whenUnused;
    private final List<Http2BackendConnection> connections = new ArrayList<>(2);
    private final ArrayDeque<Promise<BackendHandler>> waiting = new ArrayDeque<>();
    /** The stream limit the endpoint's last connection announced: how much a connection still connecting will take. */
    private int expectedCapacity;
    private boolean dispatchScheduled;

    Http2BackendStreams(BackendEndpoint endpoint, EventLoop eventLoop, Http2BackendSettings settings,
            Function<Http2BackendConnection, ChannelFuture> connector, ChannelHandler streamInitializer,
            Consumer<Http2BackendStreams> whenUnused) {
        this.endpoint = endpoint;
        this.eventLoop = eventLoop;
        this.settings = settings;
        this.connector = connector;
        this.streamInitializer = streamInitializer;
        this.whenUnused = whenUnused;
        this.expectedCapacity = settings.maxConcurrentStreams();
    }

    /** What each new stream channel of these connections is initialised with. */
    ChannelHandler streamInitializer() {
        return streamInitializer;
    }

    /**
     * A stream for a new exchange: at once when a connection has one free, else when one frees or a new connection is
     * ready. Fails when the queue of waiting exchanges is full or the endpoint cannot be connected to.
     */
    Future<BackendHandler> acquire() {
        Promise<BackendHandler> promise = eventLoop.newPromise();
        if (waiting.size() >= settings.maxPendingStreams()) {
            return promise.setFailure(new IllegalStateException("every connection to " + endpoint + " carries "
                    + "its most streams and " + waiting.size() + " exchanges wait already"));
        }
        waiting.add(promise);
        dispatch();
        return promise;
    }

    /** Open connections (for tests and diagnostics). */
    int connectionCount() {
        return connections.size();
    }

    /** Closes the connections that carry no stream (not those still connecting: exchanges wait for them). */
    void closeIdle() {
        for (Http2BackendConnection connection : List.copyOf(connections)) {
            if (connection.ready() && connection.openStreams() == 0) {
                connection.channel().close();
            }
        }
    }

    /**
     * A connection's first SETTINGS arrived. Told while the connection reads, so streams are handed out in a task of
     * their own (see {@link #capacityFreed}).
     */
    void connectionReady(Http2BackendConnection connection) {
        expectedCapacity = connection.capacity();
        capacityFreed();
    }

    /**
     * A stream closed or a connection stopped taking streams, most often while its connection reads a frame. An
     * exchange given a stream now would write and flush its request inside that read, where Netty's multiplexer skips
     * stream flushes (it flushes once after the read); the request parts an exchange sends in one go would then leave
     * as one merged DATA frame late. Hence the waiting exchanges get their streams in a task of its own.
     */
    void capacityFreed() {
        if (!waiting.isEmpty() && !dispatchScheduled) {
            dispatchScheduled = true;
            eventLoop.execute(() -> {
                dispatchScheduled = false;
                dispatch();
            });
        }
    }

    private Http2BackendConnection freeConnection() {
        // the first with a free stream: fills connections in order, so that later ones go idle and time out
        for (Http2BackendConnection connection : connections) {
            if (connection.hasFreeStream()) {
                return connection;
            }
        }
        return null;
    }

    /** Gives waiting exchanges free streams, and opens a connection when they would not all fit otherwise. */
    private void dispatch() {
        Promise<BackendHandler> next;
        while ((next = waiting.peek()) != null) {
            if (next.isDone()) {
                waiting.poll();
                continue;
            }
            Http2BackendConnection free = freeConnection();
            if (free == null) {
                break;
            }
            waiting.poll();
            free.openStream(next);
        }
        int expected = 0;
        int counted = 0;
        for (Http2BackendConnection connection : connections) {
            if (!connection.draining()) {
                counted++;
                if (!connection.ready()) {
                    expected += expectedCapacity;
                }
            }
        }
        if (!waiting.isEmpty() && expected < waiting.size() && counted < settings.maxConnections()) {
            connect();
        }
    }

    private void connect() {
        Http2BackendConnection connection = new Http2BackendConnection(this, settings.maxConcurrentStreams());
        connections.add(connection);
        ChannelFuture future = connector.apply(connection);
        Channel channel = future.channel();
        connection.channel(channel);
        channel.closeFuture().addListener(f -> closed(connection, future));
    }

    /**
     * A connection closed (or never connected): its streams have failed their exchanges already; exchanges still
     * waiting fail too when no other connection will take them, else wait on.
     */
    private void closed(Http2BackendConnection connection, ChannelFuture connect) {
        connections.remove(connection);
        if (connection.ready()) {
            dispatch();
            forgetIfUnused();
            return;
        }
        Throwable cause = connect.cause() != null ? connect.cause()
                : new IllegalStateException("the connection to " + endpoint + " closed before its HTTP/2 settings");
        int capacity = 0;
        for (Http2BackendConnection other : connections) {
            if (!other.draining()) {
                capacity += other.ready() ? other.capacity() - other.openStreams() : expectedCapacity;
            }
        }
        while (waiting.size() > capacity) {
            waiting.pollLast().tryFailure(cause);
        }
        dispatch();
        forgetIfUnused();
    }

    private void forgetIfUnused() {
        if (connections.isEmpty() && waiting.isEmpty()) {
            whenUnused.accept(this);
        }
    }
}
