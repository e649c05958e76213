package io.lintel.plugin.protocol.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.server.NettyLeakDetection;
import io.lintel.spi.backend.BackendChannelSetup;
import io.lintel.spi.backend.CodecLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plugin's side of a backend connection, without sockets: the codec it installs applies the limits core gives
 * it, and it takes the connection over after a {@code 101} only when that answers the handshake the request began.
 */
@ExtendWith(NettyLeakDetection.class)
class WebSocketSwitchProtocolsTest {

    /** RFC 6455 section 1.3's example key and the accept value that answers it. */
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private final WebSocketBackendProtocol protocol = new WebSocketBackendProtocol();
    private final EmbeddedChannel backend = new EmbeddedChannel();
    private final BackendChannelSetup setup = new BackendChannelSetup() {
        @Override
        public <T> T pipeline(Class<T> pipelineType) {
            return pipelineType.cast(backend.pipeline());
        }

        @Override
        public CodecLimits codecLimits() {
            return new CodecLimits(4096, 2048, 8192, 65536);
        }
    };

    @AfterEach
    void close() {
        backend.finishAndReleaseAll();
    }

    private void sendHandshake() {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws");
        request.headers().set(HttpHeaderNames.UPGRADE, "websocket").set(HttpHeaderNames.CONNECTION, "Upgrade")
                .set(HttpHeaderNames.SEC_WEBSOCKET_KEY, KEY).set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
        backend.writeOutbound(request);
        ReferenceCountUtil.release(backend.readOutbound());
    }

    private void backendSends(String text) {
        backend.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    @Test
    void acceptedHandshakeHandsTheConnectionOverAsBytes() {
        protocol.initialize(setup);
        sendHandshake();
        backendSends("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + ACCEPT + "\r\n\r\n\u0081\u0002hi");
        HttpResponse head = backend.readInbound();
        assertThat(head.status().code()).isEqualTo(101);

        assertThat(protocol.switchProtocols(setup)).isTrue();

        ChannelPipeline pipeline = backend.pipeline();
        assertThat(pipeline.get(HttpClientCodec.class)).isNull();
        assertThat(pipeline.get(WebSocketHandshakeCheck.class)).isNull();
        // what came with the 101 (a first frame) reaches core as bytes, and so does what follows
        StringBuilder bytes = new StringBuilder();
        Object msg;
        backendSends("\u0081\u0003you");
        while ((msg = backend.readInbound()) != null) {
            if (msg instanceof ByteBuf buf) {
                bytes.append(buf.toString(StandardCharsets.ISO_8859_1));
            } else {
                assertThat(msg).as("only the 101's empty end may remain").isInstanceOf(LastHttpContent.class);
            }
            ReferenceCountUtil.release(msg);
        }
        assertThat(bytes.toString()).isEqualTo("\u0081\u0002hi\u0081\u0003you");
    }

    @Test
    void aSwitchThatDoesNotAnswerTheKeyIsRefused() {
        protocol.initialize(setup);
        sendHandshake();
        backendSends("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: not-the-answer\r\n\r\n");
        ReferenceCountUtil.release(backend.readInbound());

        assertThat(protocol.switchProtocols(setup)).isFalse();
        assertThat(backend.pipeline().get(HttpClientCodec.class)).as("still HTTP").isNotNull();
    }

    @Test
    void aSwitchToAnotherProtocolIsRefused() {
        protocol.initialize(setup);
        sendHandshake();
        backendSends("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + ACCEPT + "\r\n\r\n");
        ReferenceCountUtil.release(backend.readInbound());

        assertThat(protocol.switchProtocols(setup)).isFalse();
    }

    @Test
    void theCodecAppliesTheConfiguredHeaderLimit() {
        protocol.initialize(setup);
        sendHandshake();
        backendSends("HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(3000) + "\r\nContent-Length: 0\r\n\r\n");

        HttpResponse head = backend.readInbound();
        assertThat(head.decoderResult().isFailure()).as("a 3000-byte header beyond the 2048-byte limit").isTrue();
        ReferenceCountUtil.release(head);
    }
}
