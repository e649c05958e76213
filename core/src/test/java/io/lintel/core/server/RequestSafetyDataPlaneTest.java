package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.direct;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #14 against a running data plane on loopback: raw HTTP/1.1 bytes, h2c by upgrade (JDK client) and by prior
 * knowledge (a Netty HTTP/2 client, for what the JDK client will not send: CONNECT, dot segments in {@code :path}).
 * The backend records the request-target and Host it received.
 */
@ExtendWith(NettyLeakDetection.class)
class RequestSafetyDataPlaneTest {

    private LoopbackDataPlane dataPlane;
    private HttpServer backend;
    private final AtomicReference<String> seenTarget = new AtomicReference<>();
    private final AtomicReference<String> seenHost = new AtomicReference<>();
    private int port;

    @BeforeEach
    void start() throws IOException {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        backend.createContext("/", exchange -> {
            seenTarget.set(exchange.getRequestURI().toString());
            seenHost.set(exchange.getRequestHeaders().getFirst("Host"));
            exchange.getRequestBody().readAllBytes();
            byte[] body = "backend".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        backend.start();
        dataPlane = LoopbackDataPlane.start();
        port = dataPlane.port();
        dataPlane.apply(ir(socket("127.0.0.1", port, listener("l", "*", vhost("*",
                prefix("/admin", direct("admin", 403)),
                prefix("/public", rule("public", backend("b", 1, backend.getAddress().getPort()))))))));
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backend.stop(0);
    }

    // ---- HTTP/1.1, raw bytes -----------------------------------------------------------------------------------

    @Test
    void dotSegmentsCannotLeaveTheMatchedPrefix() throws IOException {
        String response = RawHttp.get(port, "h", "/public/../admin/x");
        assertThat(RawHttp.status(response)).isEqualTo(403);
        assertThat(seenTarget.get()).as("never forwarded").isNull();
    }

    @Test
    void theBackendReceivesTheNormalisedPathAndTheQueryAsSent() throws IOException {
        String response = RawHttp.get(port, "h", "/public/./a/%2e%2e/b//c/%7Ed?x=/../y&z=%2e%2e");
        assertThat(RawHttp.status(response)).isEqualTo(200);
        assertThat(seenTarget.get()).isEqualTo("/public/b/c/~d?x=/../y&z=%2e%2e");
    }

    @Test
    void encodedSlashesReachTheBackendUnchanged() throws IOException {
        assertThat(RawHttp.status(RawHttp.get(port, "h", "/public/a%2F..%2Fb"))).isEqualTo(200);
        assertThat(seenTarget.get()).isEqualTo("/public/a%2F..%2Fb");
    }

    @Test
    void absoluteFormIsRoutedByItsAuthorityAndForwardedInOriginForm() throws IOException {
        String response = RawHttp.exchange(port,
                "GET http://b.example/public/x HTTP/1.1\r\nHost: a.example\r\nConnection: close\r\n\r\n");
        assertThat(RawHttp.status(response)).isEqualTo(200);
        assertThat(seenTarget.get()).isEqualTo("/public/x");
        assertThat(seenHost.get()).isEqualTo("b.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /public HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "GET /public HTTP/1.1\r\n\r\n",
        "GET /public/\u0000 HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET /public HTTP/1.1\r\nHost: a b\r\n\r\n",
        "GET /public HTTP/1.1\r\nHost: a/b\r\n\r\n",
        "GET /public HTTP/1.1\r\nHost: u@a\r\n\r\n",
        "GET * HTTP/1.1\r\nHost: h\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n",
        "POST /public HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        "POST /public HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "GET /public HTTP/1.1\r\nHost: h\r\nX-A: b\r\n c\r\n\r\n",
        "POST /public HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
    })
    void refusedWith400AndClosedNeverForwarded(String request) throws IOException {
        // RawHttp.exchange reads to the end of the stream: it returns because Lintel closed the connection
        String response = RawHttp.exchange(port, request);
        assertThat(RawHttp.status(response)).isEqualTo(400);
        assertThat(response).containsIgnoringCase("connection: close");
        assertThat(seenTarget.get()).isNull();
    }

    @Test
    void connectIs405AndOtherVersionsAre505() throws IOException {
        assertThat(RawHttp.status(RawHttp.exchange(port, "CONNECT b:443 HTTP/1.1\r\nHost: b:443\r\n\r\n")))
                .isEqualTo(405);
        assertThat(RawHttp.status(RawHttp.exchange(port, "GET /public HTTP/1.2\r\nHost: h\r\n\r\n"))).isEqualTo(505);
        assertThat(RawHttp.status(RawHttp.exchange(port, "GET /public HTTP/2.0\r\nHost: h\r\n\r\n"))).isEqualTo(505);
        assertThat(seenTarget.get()).isNull();
    }

    // ---- h2c -------------------------------------------------------------------------------------------------

    @Test
    void h2cByUpgradeNormalisesThePathToo() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> first = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/public/../admin/x")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(403);
        HttpResponse<String> second = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/public/%2e%2e/public//y")).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(seenTarget.get()).isEqualTo("/public/y");
    }

    @Test
    void h2PriorKnowledgePathIsNormalisedAndConnectIsRefused() throws Exception {
        try (H2Client client = new H2Client(port)) {
            assertThat(client.status(new DefaultHttp2Headers().method("GET").scheme("http").authority("h")
                    .path("/public/../admin/x"))).isEqualTo("403");
            assertThat(client.status(new DefaultHttp2Headers().method("GET").scheme("http").authority("h")
                    .path("/public/./q/../r"))).isEqualTo("200");
            assertThat(seenTarget.get()).isEqualTo("/public/r");
            seenTarget.set(null);
            assertThat(client.status(new DefaultHttp2Headers().method("CONNECT").authority("b.example:443")))
                    .isEqualTo("405");
            // not validated on the way out, so that the server sees it; Netty's server codec may reset the stream
            assertThat(client.status(new DefaultHttp2Headers(false, false, 8).method("GET").scheme("http")
                    .authority("h").path("/public/a\u0001b"))).isIn("400", "reset");
            assertThat(client.status(new DefaultHttp2Headers().method("GET").scheme("http").authority("a b")
                    .path("/public"))).isEqualTo("400");
            // Netty's HTTP/2-to-HTTP conversion refuses a host field that contradicts :authority (the stream ends)
            assertThat(client.status(new DefaultHttp2Headers().method("GET").scheme("http").authority("h")
                    .path("/public").add("host", "other"))).isIn("400", "reset");
            assertThat(seenTarget.get()).isNull();
            assertThat(client.status(new DefaultHttp2Headers().method("GET").scheme("http").authority("h")
                    .path("/public").add("host", "h"))).isEqualTo("200");
        }
    }

    /** HTTP/2 with prior knowledge, one stream per request, the response's :status. */
    private static final class H2Client implements AutoCloseable {
        private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        private final Channel connection;

        H2Client(int port) throws InterruptedException {
            connection = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                    new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                        }
                    })
                    .connect("127.0.0.1", port).sync().channel();
        }

        String status(Http2Headers headers) throws Exception {
            CompletableFuture<String> status = new CompletableFuture<>();
            Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                    .handler(new SimpleChannelInboundHandler<Http2StreamFrame>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
                            if (frame instanceof Http2HeadersFrame head) {
                                status.complete(String.valueOf(head.headers().status()));
                            }
                        }

                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) {
                            status.complete("reset");
                        }
                    }).open().sync().getNow();
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true)).sync();
            return status.get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            connection.close().syncUninterruptibly();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
