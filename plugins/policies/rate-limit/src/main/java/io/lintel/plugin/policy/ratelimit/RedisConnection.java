package io.lintel.plugin.policy.ratelimit;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.lintel.plugin.policy.ratelimit.RateLimitMetrics.RedisFailure;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import io.netty.handler.codec.redis.RedisEncoder;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to one Redis server, owned by one event loop: every request of that loop counted in that Redis goes
 * through it, so nothing is shared between threads and nothing blocks. A request's counts ({@code INCR} +
 * {@code PEXPIRE} per key) are written together, pipelined behind those already waiting, and answered in order.
 *
 * <p>Bounded: at most {@code maxInFlight} requests wait for Redis; one more is failed at once ({@link RedisFailure#budget}).
 * Each waits at most {@code timeout} ({@link RedisFailure#timeout}); its late replies are read and dropped. While there
 * is no connection (refused, lost), requests fail at once ({@link RedisFailure#unavailable}) and the connection tries
 * again after a wait that starts at 100 ms and doubles up to {@code maxBackoff} (requests arriving while it connects
 * wait, within their timeout). The first connection is made by the loop's first request. Host names are resolved on
 * the plugin's blocking executor.
 */
final class RedisConnection {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class);
    private static final FullBulkStringRedisMessage INCR = constant("INCR");
    private static final FullBulkStringRedisMessage PEXPIRE = constant("PEXPIRE");

    /** IDLE: never asked yet. */
    private enum State { IDLE, CONNECTING, CONNECTED, BACKING_OFF }

    private final EventLoop loop;
    private final String host;
    private final int port;
    private final RateLimitSettings settings;
    private final Executor blocking;
    private final RateLimitMetrics metrics;
    private final ArrayDeque<PendingCount> pending = new ArrayDeque<>();
    private State state = State.IDLE;
    private Channel channel;
    private long backoffMillis = RateLimitSettings.FIRST_BACKOFF.toMillis();
    private ScheduledFuture<?> deadlineCheck;
    private boolean loggedDown;
    /** Read by admin threads ({@code /ready}, {@code /metrics}); written on the loop. */
    private volatile boolean unreachable;

    RedisConnection(EventLoop loop, String host, int port, RateLimitSettings settings, Executor blocking,
            RateLimitMetrics metrics) {
        this.loop = loop;
        this.host = host;
        this.port = port;
        this.settings = settings;
        this.blocking = blocking;
        this.metrics = metrics;
    }

    /**
     * Counts one request: {@code INCR} of each key, which expires {@code ttlMillis} later. Completes on this loop with
     * each key's count, or with a {@link RedisCountException}. Call on this connection's event loop.
     */
    CompletableFuture<long[]> count(String[] keys, long[] ttlMillis) {
        CompletableFuture<long[]> result = new CompletableFuture<>();
        if (state == State.BACKING_OFF) {
            result.completeExceptionally(new RedisCountException(RedisFailure.unavailable,
                    "no connection to Redis " + address()));
            return result;
        }
        if (pending.size() >= settings.redisMaxInFlight()) {
            result.completeExceptionally(new RedisCountException(RedisFailure.budget,
                    settings.redisMaxInFlight() + " counts already wait for Redis " + address()));
            return result;
        }
        PendingCount count = new PendingCount(keys, ttlMillis, System.nanoTime() + settings.redisTimeout().toNanos(),
                result);
        pending.add(count);
        watchDeadlines();
        if (state == State.CONNECTED) {
            write(count);
            channel.flush();
        } else if (state == State.IDLE) {
            connect();
        }
        return result;
    }

    private void connect() {
        state = State.CONNECTING;
        // new InetSocketAddress(host, port) resolves a host name, which may block: never on the event loop
        CompletableFuture.supplyAsync(() -> new InetSocketAddress(host, port), blocking)
                .whenCompleteAsync((address, failure) -> {
                    if (failure != null || address.isUnresolved()) {
                        disconnected("cannot resolve " + host);
                        return;
                    }
                    new Bootstrap().group(loop)
                            .channel(socketChannelClass(loop))
                            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.redisConnectTimeout().toMillis())
                            .option(ChannelOption.TCP_NODELAY, true)
                            .handler(new ChannelInitializer<SocketChannel>() {
                                @Override
                                protected void initChannel(SocketChannel ch) {
                                    ch.pipeline().addLast(new RedisDecoder(), new RedisBulkStringAggregator(),
                                            new RedisArrayAggregator(), new RedisEncoder(), new Replies());
                                }
                            })
                            .connect(address)
                            .addListener((ChannelFuture connected) -> onConnect(connected));
                }, loop);
    }

    private void onConnect(ChannelFuture connected) {
        if (!connected.isSuccess()) {
            disconnected(String.valueOf(connected.cause()));
            return;
        }
        channel = connected.channel();
        state = State.CONNECTED;
        backoffMillis = RateLimitSettings.FIRST_BACKOFF.toMillis();
        metrics.redisConnected();
        unreachable = false;
        if (loggedDown) {
            LOG.info("Redis {} reachable again for rate limits", address());
            loggedDown = false;
        }
        channel.closeFuture().addListener(closed -> {
            metrics.redisDisconnected();
            disconnected("connection closed");
        });
        // counts that timed out while connecting were never sent: drop them, send the rest
        pending.removeIf(PendingCount::done);
        for (PendingCount count : pending) {
            write(count);
        }
        channel.flush();
    }

    private void write(PendingCount count) {
        for (int i = 0; i < count.keys.length; i++) {
            ByteBuf key = ByteBufUtil.writeUtf8(channel.alloc(), count.keys[i]);
            channel.write(new ArrayRedisMessage(List.of(INCR.retainedDuplicate(),
                    new FullBulkStringRedisMessage(key.retainedDuplicate()))), channel.voidPromise());
            channel.write(new ArrayRedisMessage(List.of(PEXPIRE.retainedDuplicate(), new FullBulkStringRedisMessage(key),
                    new FullBulkStringRedisMessage(Unpooled.copiedBuffer(Long.toString(count.ttlMillis[i]), US_ASCII)))),
                    channel.voidPromise());
        }
    }

    private void disconnected(String why) {
        if (state == State.BACKING_OFF) {
            return;
        }
        channel = null;
        state = State.BACKING_OFF;
        unreachable = true;
        for (PendingCount count : pending) {
            count.fail(RedisFailure.unavailable, "Redis " + address() + ": " + why);
        }
        pending.clear();
        if (loop.isShuttingDown()) {
            return; // Lintel is stopping: its connections close, Redis is not at fault
        }
        if (!loggedDown) {
            LOG.warn("Redis {} unreachable for rate limits ({}); requests are decided by failMode, next attempt in {} ms",
                    address(), why, backoffMillis);
            loggedDown = true;
        }
        // reconnect on our own, not on the next request: /ready and /metrics stay true while no request comes
        loop.schedule(this::connect, backoffMillis, TimeUnit.MILLISECONDS);
        backoffMillis = Math.min(backoffMillis * 2, settings.redisMaxBackoff().toMillis());
    }

    /** Fails the counts past their deadline; one timer per connection, set for the oldest count still waiting. */
    private void watchDeadlines() {
        if (deadlineCheck != null) {
            return;
        }
        long now = System.nanoTime();
        for (PendingCount count : pending) {
            if (count.done()) {
                continue;
            }
            if (count.deadlineNanos > now) {
                deadlineCheck = loop.schedule(this::expire, count.deadlineNanos - now, TimeUnit.NANOSECONDS);
                return;
            }
            count.fail(RedisFailure.timeout, "no answer from Redis " + address() + " within "
                    + settings.redisTimeout().toMillis() + " ms");
        }
    }

    private void expire() {
        deadlineCheck = null;
        watchDeadlines();
    }

    /** Whether the last attempt to reach Redis failed, or the connection was lost, and none succeeded since. */
    boolean unreachable() {
        return unreachable;
    }

    private String address() {
        return host + ":" + port;
    }

    /** The socket class of the loop's transport (a loop serves only channels of its own transport). */
    private static Class<? extends SocketChannel> socketChannelClass(EventLoop loop) {
        if (loop instanceof IoEventLoop io && io.isIoType(IoUringIoHandler.class)) {
            return IoUringSocketChannel.class;
        }
        return loop instanceof IoEventLoop io && io.isIoType(EpollIoHandler.class)
                ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    private static FullBulkStringRedisMessage constant(String command) {
        return new FullBulkStringRedisMessage(Unpooled.unreleasableBuffer(
                Unpooled.copiedBuffer(command, UTF_8).asReadOnly()));
    }

    /** Hands each reply to the oldest count waiting; the pipeline answers in the order the commands were sent. */
    private final class Replies extends SimpleChannelInboundHandler<RedisMessage> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, RedisMessage reply) {
            PendingCount count = pending.peek();
            if (count == null) {
                ctx.close();
                return;
            }
            if (count.accept(reply)) {
                pending.poll();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("Redis {} connection failed", address(), cause);
            ctx.close();
        }
    }
}
