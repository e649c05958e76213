package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.direct;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.BackendConnectionPools;
import io.lintel.core.proxy.BackendPoolSettings;
import io.lintel.core.proxy.ProxyContext;
import io.lintel.core.proxy.ProxyHandler;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.proxy.RejectedRequest;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.RouteTableCompiler;
import io.lintel.core.route.SocketKey;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Slowloris (issue #14): the request head timeout (30 s from a head's first byte) and the body idle timeout (60 s
 * without a body byte), on an {@link EmbeddedChannel} whose clock the test moves; and the obs-fold refusal the head
 * scan makes possible. No test waits for real.
 */
@ExtendWith(NettyLeakDetection.class)
class RequestReadTimeoutsTest {

    private static final long HEAD = TimeUnit.SECONDS.toNanos(30);
    private static final long BODY = TimeUnit.SECONDS.toNanos(60);

    private EmbeddedChannel channel;

    /** Stands in for the proxy handler: reads while {@link #reading}, keeps what arrives. */
    private static final class Reader extends ChannelInboundHandlerAdapter {
        final List<Object> received = new ArrayList<>();
        boolean reading = true;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.channel().config().setAutoRead(false);
            ctx.read();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                received.add(request.decoderResult().isSuccess() ? request.method() + " " + request.uri()
                        : "failed: " + request.decoderResult().cause());
            } else if (msg instanceof LastHttpContent last) {
                received.add("last " + last.content().readableBytes());
            } else if (msg instanceof HttpContent content) {
                received.add("content " + content.content().readableBytes());
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (reading) {
                ctx.read();
            }
        }
    }

    private Reader reader;

    private EmbeddedChannel withReader() {
        RequestReadTimeouts timeouts = new RequestReadTimeouts(HEAD, BODY);
        reader = new Reader();
        channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(RequestReadTimeouts.BYTES_NAME, timeouts.bytesHandler());
                ch.pipeline().addLast(new HttpServerCodec());
                ch.pipeline().addLast(RequestReadTimeouts.MESSAGES_NAME, timeouts.messagesHandler());
                ch.pipeline().addLast(reader);
            }
        });
        channel.freezeTime();
        return channel;
    }

    /** The whole HTTP/1.1 pipeline with a proxy handler whose routes answer directly. */
    private EmbeddedChannel withProxy() {
        CompiledRouteTable table = new RouteTableCompiler(PluginRegistry.EMPTY, ProxyMetrics.NOOP).compile(
                ir(socket("127.0.0.1", 8080, listener("l", "*", vhost("*", prefix("/", direct("d", 204)))))));
        BackendConnectionPools pools = new BackendConnectionPools(
                NioSocketChannel.class, BackendPoolSettings.DEFAULTS, Map.of(), ProxyMetrics.NOOP);
        ProxyContext context = new ProxyContext(new AtomicReference<>(table), new SocketKey("127.0.0.1", 8080), "http",
                pools);
        RequestReadTimeouts timeouts = new RequestReadTimeouts(HEAD, BODY);
        channel = new EmbeddedChannel(timeouts.bytesHandler(), new HttpServerCodec(), timeouts.messagesHandler(),
                RequestGuard.HTTP1, new ProxyHandler(context, false));
        channel.freezeTime();
        return channel;
    }

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    private void send(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
    }

    private void advanceSeconds(long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    private String written() {
        StringBuilder out = new StringBuilder();
        Object msg;
        while ((msg = channel.readOutbound()) != null) {
            if (msg instanceof ByteBuf buf) {
                out.append(buf.toString(StandardCharsets.ISO_8859_1));
            } else {
                out.append(msg);
            }
            ReferenceCountUtil.release(msg);
        }
        return out.toString();
    }

    // ---- head timeout ------------------------------------------------------------------------------------------

    @Test
    void aHeadSentOneBytePerSecondIsAnswered408After30Seconds() {
        withReader();
        String head = "GET /slow HTTP/1.1\r\nHost: h\r\nX-Padding: " + "p".repeat(40) + "\r\n\r\n";
        for (int i = 0; i < 30; i++) {
            send(head.substring(i, i + 1));
            advanceSeconds(1);
            if (i < 29) {
                assertThat(channel.isActive()).as("open after %d s", i + 1).isTrue();
            }
        }
        assertThat(written()).startsWith("HTTP/1.1 408 ").containsIgnoringCase("connection: close");
        assertThat(channel.isActive()).isFalse();
        assertThat(reader.received).noneMatch(r -> r.toString().startsWith("GET"));
    }

    @Test
    void theHeadTimeoutCountsFromTheHeadsFirstByteNotFromTheConnection() {
        withReader();
        advanceSeconds(300);  // an idle connection is the client idle timeout's business
        assertThat(channel.isActive()).isTrue();
        send("GET / HTTP/1.1\r\n");
        advanceSeconds(29);
        send("Host: h\r\n\r\n");
        assertThat(reader.received).containsExactly("GET /", "last 0");
        advanceSeconds(300);
        assertThat(channel.isActive()).isTrue();
        assertThat(written()).isEmpty();
    }

    @Test
    void everyHeadOfAKeepAliveConnectionGetsItsOwn30Seconds() {
        withProxy();
        for (int i = 0; i < 3; i++) {
            send("GET /" + i + " HTTP/1.1\r\n");
            advanceSeconds(20);
            send("Host: h\r\n\r\n");
            assertThat(written()).startsWith("HTTP/1.1 204 ");
            advanceSeconds(20);
        }
        send("GET /late HTTP/1.1\r\n");
        advanceSeconds(30);
        assertThat(written()).startsWith("HTTP/1.1 408 ").containsIgnoringCase("connection: close");
        assertThat(channel.isActive()).isFalse();
    }

    // ---- body idle timeout -------------------------------------------------------------------------------------

    @Test
    void aBodyThatStopsFor60SecondsIsAnswered408() {
        withReader();
        send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n12");
        advanceSeconds(59);
        send("3");
        advanceSeconds(59);
        assertThat(channel.isActive()).isTrue();
        advanceSeconds(1);
        assertThat(written()).startsWith("HTTP/1.1 408 ").containsIgnoringCase("connection: close");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aChunkedBodyThatStopsIsAnswered408() {
        withReader();
        send("POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
        advanceSeconds(60);
        assertThat(written()).startsWith("HTTP/1.1 408 ");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void theBodyTimeoutDoesNotCountWhileTheGatewayIsNotReading() {
        withReader();
        reader.reading = false;  // backpressure: the backend takes nothing
        send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n12");
        advanceSeconds(600);
        assertThat(channel.isActive()).as("not the client's delay").isTrue();
        reader.reading = true;
        channel.read();
        advanceSeconds(60);
        assertThat(channel.isActive()).isFalse();
        assertThat(written()).startsWith("HTTP/1.1 408 ");
    }

    @Test
    void aCompleteBodyAndAGrpcBodyAreNotTimed() {
        withReader();
        send("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc");
        advanceSeconds(600);
        assertThat(channel.isActive()).isTrue();
        send("POST /grpc HTTP/1.1\r\nHost: h\r\nContent-Type: application/grpc\r\nTransfer-Encoding: chunked\r\n\r\n");
        advanceSeconds(600);
        assertThat(channel.isActive()).isTrue();
        assertThat(written()).isEmpty();
    }

    @Test
    void anHttp2StreamWhoseBodyStopsIsAnswered408() {
        RequestReadTimeouts timeouts = new RequestReadTimeouts(0, BODY);
        reader = new Reader();
        channel = new EmbeddedChannel(new Http2StreamFrameToHttpObjectCodec(true), timeouts.messagesHandler(), reader);
        channel.freezeTime();
        channel.writeInbound(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().method("POST").path("/up")
                .scheme("http").authority("h"), false));
        channel.writeInbound(new DefaultHttp2DataFrame(Unpooled.copiedBuffer("ab", StandardCharsets.US_ASCII), false));
        advanceSeconds(59);
        assertThat(channel.isActive()).isTrue();
        advanceSeconds(1);
        Object first = channel.readOutbound();
        assertThat(first).isInstanceOf(Http2HeadersFrame.class);
        assertThat(((Http2HeadersFrame) first).headers().status().toString()).isEqualTo("408");
        ReferenceCountUtil.release(first);
        assertThat(channel.isActive()).isFalse();
        assertThat(reader.received).containsExactly("POST /up", "content 2");
    }

    @Test
    void aConnectionThatSwitchedProtocolsIsNoLongerTimed() {
        withReader();
        send("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS));
        written();
        assertThat(channel.pipeline().get(RequestReadTimeouts.BYTES_NAME)).isNull();
        assertThat(channel.pipeline().get(RequestReadTimeouts.MESSAGES_NAME)).isNull();
        channel.pipeline().remove(HttpServerCodec.class);  // as UpgradeTunnel does
        send("x");  // a WebSocket frame's first byte, then silence
        advanceSeconds(600);
        assertThat(channel.isActive()).isTrue();
        assertThat(written()).isEmpty();
    }

    @Test
    void aLatePipelinedHeadIsOnlyClosedWhileAResponseIsOwed() {
        withReader();
        send("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\n");
        advanceSeconds(30);
        // /a is unanswered: a 408 now would read as its response
        assertThat(written()).isEmpty();
        assertThat(channel.isActive()).isFalse();
    }

    // ---- obs-fold ----------------------------------------------------------------------------------------------

    @Test
    void aFoldedHeaderLineIsRefused() {
        withReader();
        send("GET / HTTP/1.1\r\nHost: h\r\nX-A: b\r\n c\r\n\r\n");
        assertThat((String) reader.received.get(0)).startsWith("failed: " + RejectedRequest.class.getName())
                .contains("obs-fold");
    }

    @Test
    void aFoldedHeaderIsAnswered400AndClosed() {
        withProxy();
        send("GET / HTTP/1.1\r\nHost: h\r\nX-A: b\r\n\tc\r\n\r\n");
        assertThat(written()).startsWith("HTTP/1.1 400 ").containsIgnoringCase("connection: close");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void whitespaceBeforeTheFirstHeaderIsRefusedToo() {
        withProxy();
        send("GET / HTTP/1.1\r\n Host: h\r\n\r\n");
        assertThat(written()).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void foldedHeadsArriveInPiecesOrPipelinedAfterBodilessAndContentLengthRequests() {
        withProxy();
        send("GET /a HTTP/1.1\r\nHo");
        send("st: h\r\nX-A: b\r\n");
        send(" c\r\n\r\n");
        assertThat(written()).startsWith("HTTP/1.1 400 ");
        close();

        withReader();
        send("GET /a HTTP/1.1\r\nHost: h\r\n\r\nPOST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\n"
                + "a\r\n bGET /c HTTP/1.1\r\nHost: h\r\nX: 1\r\n 2\r\n\r\n");
        assertThat(reader.received).hasSize(6);
        assertThat(reader.received.subList(0, 4)).as("the body's CRLF SP is no fold")
                .containsExactly("GET /a", "last 0", "POST /b", "last 4");
        assertThat((String) reader.received.get(4)).startsWith("failed: ").contains("obs-fold");
    }

    @Test
    void ordinaryHeadsAndBodiesPassUnchanged() {
        withReader();
        send("\r\nGET /a HTTP/1.1\r\nHost: h\r\nX-A: b c\r\n\r\nPOST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n"
                + "\r\n x\n");
        assertThat(reader.received).containsExactly("GET /a", "last 0", "POST /b", "last 3");
    }
}
