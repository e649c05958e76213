package io.lintel.core.udp;

import static java.util.Objects.requireNonNull;

import io.lintel.core.proxy.UdpDropReason;
import io.lintel.core.route.BackendEndpoint;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The datagrams of one client address:port on one listening socket, relayed to the one backend endpoint picked when
 * the flow started, through a datagram socket the flow owns and connects to that endpoint (so that the kernel drops
 * datagrams from anyone else, and each flow's answers come back on their own socket). Confined to the listening
 * socket's event loop: no locks.
 */
final class UdpFlow {

    /** Datagrams kept while the backend socket connects (a burst at the start of a flow); more are dropped. */
    static final int MAX_PENDING = 16;

    final InetSocketAddress client;
    /** The route the flow was started by: when the socket's route is another one (or none), the flow is closed. */
    final String routeName;
    final BackendEndpoint endpoint;
    private final UdpFlows owner;
    private Channel backend;
    private boolean connected;
    private boolean closed;
    private ArrayDeque<ByteBuf> pending;
    private long lastActiveNanos;
    private ScheduledFuture<?> idleCheck;

    UdpFlow(InetSocketAddress client, String routeName, BackendEndpoint endpoint, UdpFlows owner) {
        this.client = requireNonNull(client, "client");
        this.routeName = requireNonNull(routeName, "routeName");
        this.endpoint = requireNonNull(endpoint, "endpoint");
        this.owner = requireNonNull(owner, "owner");
        this.lastActiveNanos = System.nanoTime();
    }

    /** Starts the flow on {@code backend}, a datagram socket connecting to {@link #endpoint}. */
    void start(Channel backend, EventLoop loop) {
        this.backend = backend;
        scheduleIdleCheck(loop, owner.settings().flowIdleTimeout().toNanos());
    }

    /** The backend socket connected (or failed to: the flow is closed). */
    void connected(boolean success) {
        if (closed) {
            return;
        }
        if (!success) {
            owner.close(this);
            return;
        }
        connected = true;
        if (pending != null) {
            for (ByteBuf datagram = pending.poll(); datagram != null; datagram = pending.poll()) {
                owner.counters().relayed(true, datagram.readableBytes());
                backend.write(datagram, backend.voidPromise());
            }
            pending = null;
            backend.flush();
        }
    }

    /** Sends a datagram of the client to the backend; takes ownership of {@code datagram}. */
    void toBackend(ByteBuf datagram) {
        lastActiveNanos = System.nanoTime();
        if (closed) {
            datagram.release();
            return;
        }
        if (!connected) {
            if (pending == null) {
                pending = new ArrayDeque<>(4);
            }
            if (pending.size() < MAX_PENDING) {
                pending.add(datagram);
            } else {
                owner.counters().dropped(UdpDropReason.OVERLOAD);
                datagram.release();
            }
            return;
        }
        if (!backend.isWritable()) {
            owner.counters().dropped(UdpDropReason.OVERLOAD);
            datagram.release();
            return;
        }
        // a failed send reaches UdpBackendHandler.exceptionCaught (void promise), which closes the flow
        owner.counters().relayed(true, datagram.readableBytes());
        backend.writeAndFlush(datagram, backend.voidPromise());
    }

    /** Notes an answer of the backend (the flow is not idle). */
    void answered() {
        lastActiveNanos = System.nanoTime();
    }

    boolean closed() {
        return closed;
    }

    /** Closes the backend socket and drops what waits; called by {@link UdpFlows#close} only. */
    void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        if (pending != null) {
            pending.forEach(ByteBuf::release);
            pending = null;
        }
        if (backend != null) {
            backend.close();
        }
    }

    /** Checks the flow once the timeout after its last datagram has passed: one timer per flow, no sweep. */
    private void scheduleIdleCheck(EventLoop loop, long delayNanos) {
        idleCheck = loop.schedule(() -> {
            if (closed) {
                return;
            }
            long timeout = owner.settings().flowIdleTimeout().toNanos();
            long idle = System.nanoTime() - lastActiveNanos;
            if (idle >= timeout) {
                owner.expired(this);
            } else {
                scheduleIdleCheck(loop, timeout - idle);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        return client + " -> " + endpoint.address() + ":" + endpoint.port() + " (" + routeName + ")";
    }
}
