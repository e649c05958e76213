package io.lintel.plugin.protocol.h2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lintel.core.proxy.BackendConnectionPool;
import io.lintel.core.proxy.BackendHandler;
import io.lintel.core.proxy.BackendPoolSettings;
import io.lintel.core.proxy.Http2BackendSettings;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.server.NettyLeakDetection;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bounds of a shared h2c connection pool, through {@link BackendConnectionPool#open} on a real loopback
 * connection: one connection of one stream, one exchange waiting for it, and the next refused at once.
 */
@ExtendWith(NettyLeakDetection.class)
class H2cStreamQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private SharingH2cServer backend;

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void anExchangeBeyondTheStreamsAndTheQueueIsRefusedAtOnceAndAWaitingOneGetsTheNextFreeStream()
            throws Exception {
        backend = new SharingH2cServer(100, 0);
        EventLoop loop = group.next();
        H2cBackendProtocol protocol = new H2cBackendProtocol();
        BackendPoolSettings settings = BackendPoolSettings.DEFAULTS.withHttp2(new Http2BackendSettings(1, 1, 1));
        BackendConnectionPool pool = new BackendConnectionPool(loop, NioSocketChannel.class, settings,
                Map.of(protocol.appProtocol(), protocol), ProxyMetrics.NOOP);
        BackendEndpoint endpoint = new BackendEndpoint("127.0.0.1", backend.port(), protocol.appProtocol());

        Future<BackendHandler> first = onLoop(loop, () -> pool.open(endpoint));
        first.await(WAIT.toMillis());
        assertThat(first.isSuccess()).isTrue();
        Future<BackendHandler> second = onLoop(loop, () -> pool.open(endpoint));
        Future<BackendHandler> third = onLoop(loop, () -> pool.open(endpoint));

        assertThat(third.await(WAIT.toMillis())).isTrue();
        assertThat(third.cause()).hasMessageContaining("exchanges wait already");
        assertThat(second.isDone()).as("waits for the only stream").isFalse();

        // the first exchange gives its stream back: the waiting one gets a new stream on the same connection
        onLoop(loop, () -> {
            pool.release(first.getNow());
            return null;
        });
        second.await(WAIT.toMillis());
        assertThat(second.isSuccess()).isTrue();
        assertThat(second.getNow().channel()).isNotSameAs(first.getNow().channel());
        assertThat(second.getNow().channel().parent()).isSameAs(first.getNow().channel().parent());
        onLoop(loop, () -> {
            pool.release(second.getNow());
            return null;
        });
        await().atMost(WAIT).until(() -> !second.getNow().channel().isOpen());
        assertThat(backend.connections).hasSize(1);
    }

    private static <T> T onLoop(EventLoop loop, java.util.concurrent.Callable<T> call) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, loop).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
