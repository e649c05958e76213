package io.lintel.core.proxy;

import static io.lintel.core.route.IrFixtures.direct;
import static io.lintel.core.route.IrFixtures.invalidBackend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.Ir;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.RouteTableCompiler;
import io.lintel.core.route.SocketKey;
import io.lintel.core.server.NettyLeakDetection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeakDetection.class)
class ProxyHandlerEmbeddedTest {

    private static final SocketKey SOCKET = new SocketKey("127.0.0.1", 8080);

    private final List<String> recorded = new ArrayList<>();
    private final ProxyMetrics metrics = ruleName -> (status, nanos) -> recorded.add(ruleName + "=" + status);
    private EmbeddedChannel channel;

    private EmbeddedChannel channel(Ir ir) {
        CompiledRouteTable table = new RouteTableCompiler(PluginRegistry.EMPTY, metrics).compile(ir);
        BackendConnectionPools pools = new BackendConnectionPools(
                NioSocketChannel.class, BackendPoolSettings.DEFAULTS, Map.of(), metrics);
        ProxyContext context = new ProxyContext(new AtomicReference<>(table), SOCKET, "http", pools);
        channel = new EmbeddedChannel(
                new HttpServerCodec(new HttpDecoderConfig().setMaxInitialLineLength(64).setMaxHeaderSize(256)),
                new ProxyHandler(context, false));
        return channel;
    }

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    private String send(String request) {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            out.append(buf.toString(StandardCharsets.US_ASCII));
            buf.release();
        }
        return out.toString();
    }

    private static Ir table() {
        return ir(socket("127.0.0.1", 8080, listener("l", "*", vhost("*",
                prefix("/direct", direct("direct-rule", 418)),
                prefix("/invalid", rule("invalid-rule", invalidBackend("bad", 500))),
                prefix("/nobackend", rule("empty-rule"))))));
    }

    @Test
    void answers404WhenNothingMatchesAndKeepsTheConnection() {
        channel(table());
        String response = send("GET /nothing HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 404 ").contains("content-length: 0");
        assertThat(channel.isActive()).isTrue();
        assertThat(recorded).containsExactly("none=404");
    }

    @Test
    void servesPipelinedRequestsInOrder() {
        channel(table());
        String response = send("GET /direct HTTP/1.1\r\nHost: h\r\n\r\nGET /nothing HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 418 ");
        assertThat(response.indexOf("HTTP/1.1 404 ")).isGreaterThan(0);
        assertThat(recorded).containsExactly("direct-rule=418", "none=404");
    }

    @Test
    void answersDirectResponseStatusAndInvalidBackendStatus() {
        channel(table());
        assertThat(send("GET /direct HTTP/1.1\r\nHost: h\r\n\r\n")).startsWith("HTTP/1.1 418 ");
        assertThat(send("GET /invalid HTTP/1.1\r\nHost: h\r\n\r\n")).startsWith("HTTP/1.1 500 ");
        assertThat(send("GET /nobackend HTTP/1.1\r\nHost: h\r\n\r\n")).startsWith("HTTP/1.1 500 ");
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void closesAfterAnsweringAClientThatAskedToClose() {
        channel(table());
        assertThat(send("GET /nothing HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 404 ").contains("connection: close");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void answersUnreadBodyWithCloseAndReleasesIt() {
        channel(table());
        String response = send("POST /nothing HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n12345");
        assertThat(response).startsWith("HTTP/1.1 404 ").contains("connection: close");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void tooLongRequestLineIs414() {
        channel(table());
        String response = send("GET /" + "a".repeat(100) + " HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 414 ");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void tooLargeHeadersAre431() {
        channel(table());
        String response = send("GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + "b".repeat(300) + "\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 431 ");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void malformedRequestIs400() {
        channel(table());
        String response = send("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: abc\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(channel.isActive()).isFalse();
    }
}
