package io.lintel.core.proxy;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.RouteTableCompiler;
import io.lintel.core.route.SocketKey;
import io.lintel.core.server.NettyLeakDetection;
import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.filter.HttpResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Request copies (mirrors) stream the request body part by part, and a client that goes away in the middle of the
 * body leaves nothing behind: every copy's connection is closed, every buffer released (each client buffer is checked
 * to be freed, on top of paranoid leak detection), every copy counted as aborted. A frontend {@link EmbeddedChannel}
 * and backend {@link EmbeddedChannel}s put into the pool as idle connections, for the primary and two mirrors.
 */
@ExtendWith(NettyLeakDetection.class)
class MirrorBodyEmbeddedTest {

    private static final SocketKey SOCKET = new SocketKey("127.0.0.1", 8080);
    private static final int PRIMARY_PORT = 9003;
    private static final int MIRROR_1_PORT = 9010;
    private static final int MIRROR_2_PORT = 9011;
    private static final FilterKey MIRROR = FilterKey.filterType("Mirror");
    private static final FilterKey DEFER = FilterKey.filterType("Defer");

    record Spec(String backend) implements FilterSpec {}

    private final List<String> dropped = new CopyOnWriteArrayList<>();
    private final ProxyMetrics metrics = new ProxyMetrics() {
        @Override
        public RuleMetrics forRule(String ruleName) {
            return RuleMetrics.NOOP;
        }

        @Override
        public void mirrorDropped(MirrorDropReason reason) {
            dropped.add(reason.label());
        }
    };
    private final List<EmbeddedChannel> backends = new ArrayList<>();
    private final List<ByteBuf> clientBuffers = new ArrayList<>();
    private EmbeddedChannel channel;
    private BackendConnectionPool pool;

    private static final HttpFilterFactory MIRROR_FACTORY = new HttpFilterFactory() {
        @Override
        public FilterKey key() {
            return MIRROR;
        }

        @Override
        public FilterSpec translate(FilterConfig config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HttpFilter create(FilterSpec spec) {
            String target = ((Spec) spec).backend();
            return (request, next) -> {
                next.mirror(new FilterBackend("requestMirror.backendRef", target, true), request);
                return next.proceed(request);
            };
        }
    };

    /** Proceeds from a task on the event loop: the filters after it run once the body parts read meanwhile arrived. */
    private static final HttpFilterFactory DEFER_FACTORY = new HttpFilterFactory() {
        @Override
        public FilterKey key() {
            return DEFER;
        }

        @Override
        public FilterSpec translate(FilterConfig config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HttpFilter create(FilterSpec spec) {
            return (request, next) -> {
                CompletableFuture<HttpResponseHead> result = new CompletableFuture<>();
                next.schedule(() -> next.proceed(request).whenComplete((response, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(response);
                    }
                }), Duration.ZERO);
                return result;
            };
        }
    };

    private static Ir table() {
        return ir(socket("127.0.0.1", 8080, listener("l", "*", vhost("*",
                prefix("/mirrored", rule("mirrored",
                        List.of(mirrorTo("m1", MIRROR_1_PORT), mirrorTo("m2", MIRROR_2_PORT)),
                        backend("p", 1, PRIMARY_PORT))),
                prefix("/deferred", rule("deferred",
                        List.of(new IrFilter(DEFER, new Spec("")), mirrorTo("m1", MIRROR_1_PORT)),
                        backend("p", 1, PRIMARY_PORT)))))));
    }

    private static IrFilter mirrorTo(String name, int port) {
        return new IrFilter(MIRROR, new Spec(name), List.of(backend(name, 1, port)));
    }

    private EmbeddedChannel frontend(boolean http2) {
        return frontend(http2, BackendPoolSettings.DEFAULTS);
    }

    private EmbeddedChannel frontend(boolean http2, BackendPoolSettings settings) {
        PluginRegistry registry = new PluginRegistry(List.of("test"), Map.of(MIRROR, MIRROR_FACTORY, DEFER, DEFER_FACTORY),
                Map.of(),
                List.of(), Map.of(), PluginRegistry.CORE_FEATURES);
        CompiledRouteTable table = new RouteTableCompiler(registry, metrics).compile(table());
        BackendConnectionPools pools = new BackendConnectionPools(
                NioSocketChannel.class, settings, Map.of(), metrics);
        ProxyContext context = new ProxyContext(new AtomicReference<>(table), SOCKET, "http", pools);
        channel = http2
                ? new EmbeddedChannel(new ProxyHandler(context, true))
                : new EmbeddedChannel(new HttpServerCodec(), new ProxyHandler(context, false));
        pool = pools.forLoop(channel.eventLoop());
        return channel;
    }

    /** An idle pooled HTTP/1.1 connection to {@code port}, the next one the pool hands out for it. */
    private EmbeddedChannel idleBackend(int port) {
        BackendEndpoint endpoint = new BackendEndpoint("127.0.0.1", port, "");
        EmbeddedChannel backend = new EmbeddedChannel(new HttpClientCodec(),
                new BackendHandler(pool, endpoint, null, null));
        pool.release(BackendHandler.of(backend));
        backends.add(backend);
        return backend;
    }

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        backends.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    /** Client bytes in an unpooled direct buffer: tracked by the leak detector, and never recycled. */
    private ByteBuf clientBuffer(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuf buffer = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        clientBuffers.add(buffer);
        return buffer;
    }

    private void clientSends(String bytes) {
        channel.writeInbound(clientBuffer(bytes));
    }

    private static String drain(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        Object msg;
        while ((msg = ch.readOutbound()) != null) {
            if (msg instanceof ByteBuf buf) {
                out.append(buf.toString(StandardCharsets.US_ASCII));
            }
            ReferenceCountUtil.release(msg);
        }
        return out.toString();
    }

    @Test
    void everyMirrorGetsEachBodyPartAsItArrives() {
        frontend(false);
        EmbeddedChannel primary = idleBackend(PRIMARY_PORT);
        EmbeddedChannel mirror1 = idleBackend(MIRROR_1_PORT);
        EmbeddedChannel mirror2 = idleBackend(MIRROR_2_PORT);

        clientSends("POST /mirrored HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nhello");
        String head = "POST /mirrored HTTP/1.1\r\n";
        assertThat(drain(primary)).startsWith(head).endsWith("\r\n\r\nhello");
        for (EmbeddedChannel mirror : List.of(mirror1, mirror2)) {
            assertThat(drain(mirror)).as("the copy streams before the body ends").startsWith(head)
                    .containsIgnoringCase("content-length: 10").endsWith("\r\n\r\nhello");
        }

        clientSends("world");
        assertThat(drain(primary)).isEqualTo("world");
        assertThat(drain(mirror1)).isEqualTo("world");
        assertThat(drain(mirror2)).isEqualTo("world");

        for (EmbeddedChannel mirror : List.of(mirror1, mirror2)) {
            mirror.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 204 No Content\r\n\r\n", StandardCharsets.US_ASCII));
            assertThat(mirror.isActive()).as("a copy answered after its whole request goes back to the pool").isTrue();
        }
        primary.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                StandardCharsets.US_ASCII));
        assertThat(drain(channel)).startsWith("HTTP/1.1 200 ").endsWith("ok");
        assertThat(pool.idleCount(new BackendEndpoint("127.0.0.1", MIRROR_1_PORT, ""))).isEqualTo(1);
        assertThat(pool.mirrors().inFlight()).isZero();
        assertThat(dropped).isEmpty();
    }

    @Test
    void chunkedBodyIsCopiedChunked() {
        frontend(false);
        EmbeddedChannel primary = idleBackend(PRIMARY_PORT);
        EmbeddedChannel mirror1 = idleBackend(MIRROR_1_PORT);
        idleBackend(MIRROR_2_PORT);

        clientSends("POST /mirrored HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        assertThat(drain(mirror1)).containsIgnoringCase("transfer-encoding: chunked")
                .doesNotContainIgnoringCase("content-length").endsWith("\r\n\r\n5\r\nhello\r\n");
        clientSends("0\r\n\r\n");
        assertThat(drain(mirror1)).isEqualTo("0\r\n\r\n");
        assertThat(drain(primary)).endsWith("5\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    void clientResetMidBodyClosesEveryMirrorAndLeaksNothing() {
        frontend(false);
        EmbeddedChannel primary = idleBackend(PRIMARY_PORT);
        EmbeddedChannel mirror1 = idleBackend(MIRROR_1_PORT);
        EmbeddedChannel mirror2 = idleBackend(MIRROR_2_PORT);

        clientSends("POST /mirrored HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        clientSends("6\r\n world\r\n3\r\n");  // a chunk cut in the middle
        assertThat(drain(mirror1)).endsWith("6\r\n world\r\n");
        drain(mirror2);
        drain(primary);

        channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));

        assertThat(channel.isActive()).isFalse();
        assertThat(primary.isActive()).isFalse();
        assertThat(mirror1.isActive()).as("a copy without the rest of its body is closed").isFalse();
        assertThat(mirror2.isActive()).isFalse();
        assertThat(dropped).containsExactly("aborted", "aborted");
        assertThat(pool.mirrors().inFlight()).isZero();
        drain(mirror1);
        drain(mirror2);
        drain(primary);
        assertThat(clientBuffers).allSatisfy(buffer -> assertThat(buffer.refCnt()).as("client buffer freed").isZero());
    }

    @Test
    void mirrorThatCannotConnectIsDroppedWithWhatItQueuedAndThePrimaryGoesOn() {
        frontend(false);
        EmbeddedChannel primary = idleBackend(PRIMARY_PORT);
        // no idle mirror connection: the copies queue the body received so far, then their connect fails (an
        // embedded event loop takes no socket channel)

        clientSends("POST /mirrored HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nhello");
        assertThat(dropped).containsExactly("connect", "connect");
        assertThat(pool.mirrors().inFlight()).isZero();
        clientSends("world");
        assertThat(drain(primary)).endsWith("\r\n\r\nhelloworld");
        primary.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                StandardCharsets.US_ASCII));
        assertThat(drain(channel)).startsWith("HTTP/1.1 200 ").endsWith("ok");
        assertThat(clientBuffers).allSatisfy(buffer -> assertThat(buffer.refCnt()).as("client buffer freed").isZero());
    }

    @Test
    void mirrorAskedForAfterPartsArrivedGetsThemFirstThenTheRest() {
        frontend(false);
        EmbeddedChannel primary = idleBackend(PRIMARY_PORT);
        EmbeddedChannel mirror = idleBackend(MIRROR_1_PORT);

        clientSends("POST /deferred HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nhello");
        // the deferred filter proceeds from a task the embedded loop runs after the read: "hello" came first
        channel.runScheduledPendingTasks();
        assertThat(drain(mirror)).startsWith("POST /deferred HTTP/1.1\r\n").endsWith("\r\n\r\nhello");
        clientSends("world");
        assertThat(drain(mirror)).isEqualTo("world");
        assertThat(drain(primary)).endsWith("\r\n\r\nhelloworld");
    }

    @Test
    void mirrorThatCannotConnectReleasesTheBodyItQueued() {
        frontend(false);
        EmbeddedChannel primary = idleBackend(PRIMARY_PORT);

        clientSends("POST /deferred HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nhello");
        channel.runScheduledPendingTasks();  // (run after the read already) the copy queued "hello", then failed to connect
        assertThat(dropped).containsExactly("connect");
        clientSends("world");
        assertThat(drain(primary)).endsWith("\r\n\r\nhelloworld");
        primary.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                StandardCharsets.US_ASCII));
        assertThat(drain(channel)).startsWith("HTTP/1.1 200 ").endsWith("ok");
        assertThat(clientBuffers).allSatisfy(buffer -> assertThat(buffer.refCnt()).as("client buffer freed").isZero());
    }

    /**
     * A mirror whose channel stays unwritable while the bytes leave its outbound buffer (as HTTP/2 flow control holds
     * DATA the peer has no window for): dropped once more than its bound was written meanwhile; the primary goes on.
     */
    @Test
    void mirrorThatStaysUnwritableIsDroppedOnceItsBoundIsPassed() {
        BackendPoolSettings d = BackendPoolSettings.DEFAULTS;
        frontend(false, new BackendPoolSettings(d.connectTimeout(), d.idleTimeout(), d.maxIdlePerEndpoint(),
                d.maxInitialLineLength(), d.maxHeaderSize(), d.maxChunkSize(), 8));
        EmbeddedChannel primary = idleBackend(PRIMARY_PORT);
        EmbeddedChannel mirror1 = idleBackend(MIRROR_1_PORT);
        EmbeddedChannel mirror2 = idleBackend(MIRROR_2_PORT);
        mirror1.unsafe().outboundBuffer().setUserDefinedWritability(1, false);

        clientSends("POST /mirrored HTTP/1.1\r\nHost: h\r\nContent-Length: 20\r\n\r\n");
        clientSends("12345");
        assertThat(dropped).as("5 bytes behind, the bound is 8").isEmpty();
        clientSends("12345");
        assertThat(dropped).as("10 bytes behind").containsExactly("slow");
        assertThat(mirror1.isActive()).as("the dropped copy's connection is closed").isFalse();
        clientSends("12345");
        clientSends("12345");

        assertThat(drain(primary)).endsWith("\r\n\r\n12345123451234512345");
        assertThat(drain(mirror2)).endsWith("\r\n\r\n12345123451234512345");
        assertThat(mirror2.isActive()).isTrue();
    }

    @Test
    void mirrorThatCatchesUpStartsItsCountAgain() {
        BackendPoolSettings d = BackendPoolSettings.DEFAULTS;
        frontend(false, new BackendPoolSettings(d.connectTimeout(), d.idleTimeout(), d.maxIdlePerEndpoint(),
                d.maxInitialLineLength(), d.maxHeaderSize(), d.maxChunkSize(), 8));
        idleBackend(PRIMARY_PORT);
        EmbeddedChannel mirror1 = idleBackend(MIRROR_1_PORT);
        idleBackend(MIRROR_2_PORT);

        clientSends("POST /mirrored HTTP/1.1\r\nHost: h\r\nContent-Length: 20\r\n\r\n");
        for (int i = 0; i < 4; i++) {
            mirror1.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
            clientSends("12345");
            mirror1.unsafe().outboundBuffer().setUserDefinedWritability(1, true);  // the mirror took it
            mirror1.runPendingTasks();  // Netty announces the change in a task of the mirror channel's loop
        }

        assertThat(dropped).isEmpty();
        assertThat(drain(mirror1)).endsWith("\r\n\r\n12345123451234512345");
    }

    @Test
    void http2StreamResetMidBodyClosesEveryMirrorAndLeaksNothing() {
        frontend(true);
        EmbeddedChannel primary = idleBackend(PRIMARY_PORT);
        EmbeddedChannel mirror1 = idleBackend(MIRROR_1_PORT);
        EmbeddedChannel mirror2 = idleBackend(MIRROR_2_PORT);

        // as the HTTP/2 codec delivers a stream without content-length: chunked framing, then DATA frames
        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/mirrored",
                new DefaultHttpHeaders().set("host", "h").set("x-http2-stream-id", "3")
                        .set("transfer-encoding", "chunked")));
        channel.writeInbound(new DefaultHttpContent(clientBuffer("hello")));
        assertThat(drain(mirror1)).startsWith("POST /mirrored HTTP/1.1\r\n").doesNotContainIgnoringCase("x-http2")
                .containsIgnoringCase("transfer-encoding: chunked").endsWith("\r\n\r\n5\r\nhello\r\n");

        channel.close();  // the stream is reset

        assertThat(primary.isActive()).isFalse();
        assertThat(mirror1.isActive()).isFalse();
        assertThat(mirror2.isActive()).isFalse();
        assertThat(dropped).containsExactly("aborted", "aborted");
        drain(mirror1);
        drain(mirror2);
        drain(primary);
        assertThat(clientBuffers).allSatisfy(buffer -> assertThat(buffer.refCnt()).as("client buffer freed").isZero());
    }

    @Test
    void http2StreamBodyReachesTheMirrorWhole() {
        frontend(true);
        EmbeddedChannel primary = idleBackend(PRIMARY_PORT);
        EmbeddedChannel mirror1 = idleBackend(MIRROR_1_PORT);
        idleBackend(MIRROR_2_PORT);

        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/mirrored",
                new DefaultHttpHeaders().set("host", "h").set("x-http2-stream-id", "3").set("content-length", "10")));
        channel.writeInbound(new DefaultHttpContent(clientBuffer("hello")));
        channel.writeInbound(new DefaultLastHttpContent(clientBuffer("world")));

        assertThat(drain(mirror1)).containsIgnoringCase("content-length: 10").endsWith("\r\n\r\nhelloworld");
        assertThat(drain(primary)).endsWith("\r\n\r\nhelloworld");
        assertThat(pool.mirrors().inFlight()).isEqualTo(2);  // waiting for the mirrors' answers
        assertThat(dropped).isEmpty();
    }
}
