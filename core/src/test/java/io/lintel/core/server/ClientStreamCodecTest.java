package io.lintel.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ClientStreamCodec}'s body timing on a stream pipeline as {@link H2cUpgradeSupport} builds it (the codec, then
 * the proxy handler's place): a request with a body is timed as before, one that ends with its HEADERS frame gets no
 * timeouts handler at all; and its other duties (the request guard, closing a reset stream).
 */
@ExtendWith(NettyLeakDetection.class)
class ClientStreamCodecTest {

    private static final long BODY = TimeUnit.SECONDS.toNanos(60);

    private final List<String> received = new ArrayList<>();
    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void stream() {
        channel = new EmbeddedChannel(new ClientStreamCodec(BODY, null),
                new ChannelInboundHandlerAdapter() {
                    // reads one message at a time, as the proxy handler does (the timeouts count only while a read
                    // is pending)
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.channel().config().setAutoRead(false);
                        ctx.read();
                        ctx.fireChannelActive();
                    }

                    @Override
                    public void channelReadComplete(ChannelHandlerContext ctx) {
                        ctx.read();
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (msg instanceof HttpRequest request) {
                            received.add(request.method() + " " + request.uri());
                        } else if (msg instanceof HttpContent content) {
                            received.add((msg instanceof LastHttpContent ? "last " : "content ")
                                    + content.content().readableBytes());
                        }
                        ReferenceCountUtil.release(msg);
                    }
                });
        channel.freezeTime();
    }

    private static Http2Headers head(String method) {
        return new DefaultHttp2Headers().method(method).path("/up").scheme("http").authority("h");
    }

    private void advanceSeconds(long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    @Test
    void aStreamWhoseBodyStopsIsAnswered408() {
        stream();
        channel.writeInbound(new DefaultHttp2HeadersFrame(head("POST"), false));
        channel.writeInbound(new DefaultHttp2DataFrame(Unpooled.copiedBuffer("ab", StandardCharsets.US_ASCII), false));
        assertThat(channel.pipeline().get(RequestReadTimeouts.MESSAGES_NAME)).isNotNull();
        advanceSeconds(59);
        assertThat(channel.isActive()).isTrue();
        advanceSeconds(1);
        Object first = channel.readOutbound();
        assertThat(first).isInstanceOf(Http2HeadersFrame.class);
        assertThat(((Http2HeadersFrame) first).headers().status().toString()).isEqualTo("408");
        ReferenceCountUtil.release(first);
        assertThat(channel.isActive()).isFalse();
        assertThat(received).containsExactly("POST /up", "content 2");
    }

    @Test
    void aStreamWhoseRequestEndsWithItsHeadersIsNotTimed() {
        stream();
        channel.writeInbound(new DefaultHttp2HeadersFrame(head("GET"), true));
        assertThat(channel.pipeline().get(RequestReadTimeouts.MESSAGES_NAME)).isNull();
        advanceSeconds(600);
        assertThat(channel.isActive()).isTrue();
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(received).containsExactly("GET /up");
    }

    @Test
    void aRequestHeadIsNormalisedBeforeTheProxyHandlerSeesIt() {
        stream();
        channel.writeInbound(new DefaultHttp2HeadersFrame(
                new DefaultHttp2Headers().method("GET").path("/a/./b/../c").scheme("http").authority("h"), true));
        assertThat(received).containsExactly("GET /a/c");
    }

    @Test
    void aStreamTheClientResetsIsClosed() {
        stream();
        channel.writeInbound(new DefaultHttp2HeadersFrame(head("POST"), false));
        channel.pipeline().fireUserEventTriggered(new DefaultHttp2ResetFrame(Http2Error.CANCEL));
        assertThat(channel.isActive()).isTrue();
        channel.runPendingTasks();
        assertThat(channel.isActive()).isFalse();
    }
}
