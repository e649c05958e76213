package io.lintel.plugin.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.plugin.policy.ratelimit.RateLimitMetrics.RedisFailure;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The failure side of a Redis connection on a real event loop, against real sockets: a Redis that never answers
 * (timeouts, then the in-flight budget) and one that is not there (refused, shown down).
 * Counting against a real Redis is covered end to end by {@code RateLimitRedisIT}.
 */
class RedisConnectionTest {

    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();
    private final RateLimitMetrics metrics = new RateLimitMetrics();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    private RedisConnection connection(int port, int maxInFlight) {
        RateLimitSettings settings = new RateLimitSettings(100, true, Duration.ofMillis(50), maxInFlight,
                Duration.ofSeconds(2), Duration.ofSeconds(30));
        return new RedisConnection(loop, "127.0.0.1", port, settings, ForkJoinPool.commonPool(), metrics);
    }

    private CompletableFuture<long[]> count(RedisConnection connection) throws Exception {
        return loop.submit(() -> connection.count(new String[] {"k"}, new long[] {1_000})).get();
    }

    private static RedisFailure failureOf(CompletableFuture<long[]> count) {
        try {
            count.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return ((RedisCountException) e.getCause()).failure();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the count succeeded");
    }

    @Test
    void aRedisThatDoesNotAnswerTimesCountsOutAndItsBudgetRefusesMoreAtOnce() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            RedisConnection connection = connection(silent.getLocalPort(), 2);

            CompletableFuture<long[]> first = count(connection);
            CompletableFuture<long[]> second = count(connection);
            CompletableFuture<long[]> third = count(connection);

            assertThat(failureOf(third)).isEqualTo(RedisFailure.budget);
            assertThat(failureOf(first)).isEqualTo(RedisFailure.timeout);
            assertThat(failureOf(second)).isEqualTo(RedisFailure.timeout);
            // timed-out counts were sent: their replies may still come, so they hold their place in the budget
            assertThat(failureOf(count(connection))).isEqualTo(RedisFailure.budget);
        }
    }

    @Test
    void aRedisThatIsNotThereFailsCountsAsUnavailableAndIsShownDown() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        RedisConnection connection = connection(port, 10);

        assertThat(failureOf(count(connection))).isEqualTo(RedisFailure.unavailable);
        assertThat(connection.unreachable()).isTrue();
        // backing off, or trying again and refused again: unavailable either way, never waiting for a connection
        assertThat(failureOf(count(connection))).isEqualTo(RedisFailure.unavailable);
        assertThat(metrics.redisConnectionCount()).isZero();
    }

    @Test
    void aHostNameThatDoesNotResolveCountsAsUnavailable() throws Exception {
        RedisConnection connection = new RedisConnection(loop, "no-such-host.invalid", 6379,
                RateLimitSettings.defaults(), ForkJoinPool.commonPool(), metrics);
        assertThat(failureOf(count(connection))).isEqualTo(RedisFailure.unavailable);
    }
}
