package io.lintel.core.server;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The h2c detection of a clear-text connection ({@link PrefaceSwitch}, {@link UpgradeWindow}): a plain HTTP/1.1
 * connection ends up with its codec and nothing else of it, and builds no upgrade handler; an {@code Upgrade} first
 * request still goes through one; the preface is recognised when it arrives in pieces.
 */
@ExtendWith(NettyLeakDetection.class)
class ClearTextProtocolDetectionTest {

    private static final String CODEC = "http1";

    private final AtomicInteger upgradeHandlersMade = new AtomicInteger();
    private final List<Object> received = new ArrayList<>();
    private final List<Object> http2Received = new ArrayList<>();
    private EmbeddedChannel channel;

    @AfterEach
    void release() {
        received.forEach(ReferenceCountUtil::release);
        http2Received.forEach(ReferenceCountUtil::release);
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aPlainConnectionKeepsOnlyItsCodecAndMakesNoUpgradeHandler() {
        channel = connection();

        channel.writeInbound(ascii("GET /one HTTP/1.1\r\nHost: a\r\n\r\n"));
        channel.writeInbound(ascii("GET /two HTTP/1.1\r\nHost: a\r\n\r\n"));

        assertThat(channel.pipeline().names()).contains(CODEC)
                .doesNotContain(PrefaceSwitch.NAME, UpgradeWindow.NAME, UpgradeWindow.UPGRADE_NAME);
        assertThat(upgradeHandlersMade).hasValue(0);
        assertThat(received).hasSize(4);
        assertThat(((HttpRequest) received.get(0)).uri()).isEqualTo("/one");
        assertThat(((HttpRequest) received.get(2)).uri()).isEqualTo("/two");
    }

    @Test
    void onlyAFirstRequestThatAsksToUpgradeGoesThroughTheUpgradeHandler() {
        channel = connection();
        String upgrade = "Host: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nContent-Length: 5\r\n\r\nhello";

        channel.writeInbound(ascii("POST /first HTTP/1.1\r\n" + upgrade));
        channel.writeInbound(ascii("POST /second HTTP/1.1\r\n" + upgrade));

        assertThat(upgradeHandlersMade).hasValue(1);
        // the upgrade handler aggregated the first request (no upgrade codec for websocket: it let it pass)
        assertThat(received.get(0)).isInstanceOf(FullHttpRequest.class);
        FullHttpRequest first = (FullHttpRequest) received.get(0);
        assertThat(first.uri()).isEqualTo("/first");
        assertThat(first.content().toString(US_ASCII)).isEqualTo("hello");
        // the window closed after it: the second arrives as the codec decodes it
        assertThat(received.get(1)).isInstanceOf(HttpRequest.class).isNotInstanceOf(FullHttpRequest.class);
        assertThat(((HttpRequest) received.get(1)).uri()).isEqualTo("/second");
        assertThat(received.get(2)).isInstanceOf(LastHttpContent.class);
        assertThat(((HttpContent) received.get(2)).content().toString(US_ASCII)).isEqualTo("hello");
        assertThat(channel.pipeline().names()).contains(CODEC)
                .doesNotContain(PrefaceSwitch.NAME, UpgradeWindow.NAME, UpgradeWindow.UPGRADE_NAME);
    }

    @Test
    void thePrefaceInPiecesSwitchesToHttp2WithEveryByteHandedOn() {
        channel = connection();
        ByteBuf preface = Http2CodecUtil.connectionPrefaceBuf();
        byte[] bytes = new byte[preface.readableBytes()];
        preface.readBytes(bytes);
        preface.release();

        channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, 10));
        assertThat(channel.pipeline().names()).contains(PrefaceSwitch.NAME, CODEC, UpgradeWindow.NAME);
        assertThat(http2Received).isEmpty();

        channel.writeInbound(Unpooled.wrappedBuffer(bytes, 10, bytes.length - 10));

        assertThat(channel.pipeline().names()).contains("http2")
                .doesNotContain(PrefaceSwitch.NAME, CODEC, UpgradeWindow.NAME);
        ByteBuf handedOn = Unpooled.buffer();
        http2Received.forEach(part -> handedOn.writeBytes((ByteBuf) part));
        assertThat(handedOn.toString(US_ASCII)).isEqualTo(new String(bytes, US_ASCII));
        handedOn.release();
        assertThat(received).isEmpty();
    }

    @Test
    void firstBytesThatOnlyBeginLikeThePrefaceStayHttp1() {
        channel = connection();

        channel.writeInbound(ascii("PRI"));
        channel.writeInbound(ascii("NT / HTTP/1.1\r\nHost: a\r\n\r\n"));

        assertThat(channel.pipeline().names()).contains(CODEC).doesNotContain(PrefaceSwitch.NAME, "http2");
        assertThat(received).hasSize(2);
        assertThat(((HttpRequest) received.get(0)).method().name()).isEqualTo("PRINT");
    }

    /** The clear-text connection's detection and codec as {@code FrontendChannelInitializer} sets them up. */
    private EmbeddedChannel connection() {
        EmbeddedChannel embedded = new EmbeddedChannel();
        HttpServerCodec codec = new HttpServerCodec();
        embedded.pipeline().addLast(PrefaceSwitch.NAME, new PrefaceSwitch(CODEC, new Recorder(http2Received, "http2")));
        embedded.pipeline().addLast(CODEC, codec);
        embedded.pipeline().addLast(UpgradeWindow.NAME, new UpgradeWindow(CODEC, () -> {
            upgradeHandlersMade.incrementAndGet();
            return new HttpServerUpgradeHandler(codec, protocol -> null, 65536);
        }));
        embedded.pipeline().addLast(new Recorder(received, null));
        return embedded;
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, US_ASCII);
    }

    /** Keeps what reaches it; under a name of its own when given one, added where the HTTP/2 handlers would go. */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        private final List<Object> messages;
        private final String name;

        Recorder(List<Object> messages, String name) {
            this.messages = messages;
            this.name = name;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (name != null && !ctx.name().equals(name)) {
                // added under a generated name by the switch: take the name the assertions look for
                ctx.pipeline().replace(this, name, new Recorder(messages, null));
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            messages.add(msg);
        }
    }
}
