package io.lintel.core.proxy;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.direct;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.Ir;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.RouteTableCompiler;
import io.lintel.core.route.SocketKey;
import io.lintel.core.server.NettyLeakDetection;
import io.lintel.core.server.RequestGuard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #14 over HTTP/1.1, handler level: the codec, {@link RequestGuard} and the proxy handler as a client connection
 * has them. Paths are normalised before routing and forwarding; heads a gateway must not route are answered 400 (405,
 * 505) and the connection closed, never forwarded; so are the heads and bodies the codec itself refuses.
 */
@ExtendWith(NettyLeakDetection.class)
class RequestSafetyEmbeddedTest {

    private static final SocketKey SOCKET = new SocketKey("127.0.0.1", 8080);
    private static final int ADMIN_PORT = 1;
    private static final int UPLOAD_PORT = 2;

    private final List<String> recorded = new ArrayList<>();
    private final ProxyMetrics metrics = ruleName -> (status, nanos) -> recorded.add(ruleName + "=" + status);
    private final List<EmbeddedChannel> backends = new ArrayList<>();
    private EmbeddedChannel channel;
    private BackendConnectionPool pool;

    private static Ir table() {
        return ir(socket("127.0.0.1", 8080, listener("l", "*",
                vhost("b.example", prefix("/", direct("b-example", 202))),
                vhost("*",
                        prefix("/public", direct("public", 418)),
                        prefix("/admin", rule("admin", backend("admin", 1, ADMIN_PORT))),
                        prefix("/upload", rule("upload", backend("upload", 1, UPLOAD_PORT)))))));
    }

    private EmbeddedChannel channel() {
        CompiledRouteTable table = new RouteTableCompiler(PluginRegistry.EMPTY, metrics).compile(table());
        BackendConnectionPools pools = new BackendConnectionPools(
                NioSocketChannel.class, BackendPoolSettings.DEFAULTS, Map.of(), metrics);
        ProxyContext context = new ProxyContext(new AtomicReference<>(table), SOCKET, "http", pools);
        channel = new EmbeddedChannel(new HttpServerCodec(), RequestGuard.HTTP1, new ProxyHandler(context, false));
        channel.freezeTime();
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

    private String send(String request) {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        return drain(channel);
    }

    private static String drain(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        Object msg;
        while ((msg = ch.readOutbound()) != null) {
            if (msg instanceof ByteBuf buf) {
                out.append(buf.toString(StandardCharsets.ISO_8859_1));
            }
            ReferenceCountUtil.release(msg);
        }
        return out.toString();
    }

    // ---- normalisation -----------------------------------------------------------------------------------------

    @Test
    void routesAndForwardsTheNormalisedPath() {
        channel();
        EmbeddedChannel admin = idleBackend(ADMIN_PORT);
        send("GET /public/../admin/x?q=/../y HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(drain(admin)).startsWith("GET /admin/x?q=/../y HTTP/1.1\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/public/%2e%2e/admin", "/public/%2E%2E/admin", "/public/.%2e/admin", "//public/../admin",
            "/public/./../admin", "/../../admin"})
    void encodedAndMergedVariantsReachTheSameRoute(String target) {
        channel();
        EmbeddedChannel admin = idleBackend(ADMIN_PORT);
        send("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(drain(admin)).startsWith("GET /admin HTTP/1.1\r\n");
    }

    @Test
    void encodedSlashesAreNoSeparators() {
        channel();
        assertThat(send("GET /public/..%2Fadmin HTTP/1.1\r\nHost: h\r\n\r\n")).startsWith("HTTP/1.1 418 ");
        assertThat(recorded).containsExactly("public=418");
    }

    @Test
    void absoluteFormRoutesByItsAuthorityAndIsForwardedInOriginForm() {
        channel();
        assertThat(send("GET http://b.example/x HTTP/1.1\r\nHost: a.example\r\n\r\n")).startsWith("HTTP/1.1 202 ");
        EmbeddedChannel admin = idleBackend(ADMIN_PORT);
        send("GET http://c.example:8080/admin/../admin/y?z HTTP/1.1\r\nHost: a.example\r\n\r\n");
        String forwarded = drain(admin);
        assertThat(forwarded).startsWith("GET /admin/y?z HTTP/1.1\r\n").containsIgnoringCase("host: c.example:8080\r\n");
        assertThat(forwarded).doesNotContain("a.example");
    }

    // ---- refused heads -----------------------------------------------------------------------------------------

    private void assertRefused(String request, int status) {
        channel();
        EmbeddedChannel admin = idleBackend(ADMIN_PORT);
        String response = send(request);
        assertThat(response).startsWith("HTTP/1.1 " + status + " ").containsIgnoringCase("connection: close");
        assertThat(channel.isActive()).as("connection closed").isFalse();
        assertThat(drain(admin)).as("nothing forwarded").isEmpty();
    }

    @Test
    void twoHostHeadersAre400() {
        assertRefused("GET /admin HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400);
    }

    @Test
    void http11WithoutHostIs400() {
        assertRefused("GET /admin HTTP/1.1\r\n\r\n", 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0001", "\u001f", "\u007f"})
    void controlCharacterInTheTargetIs400(String ctl) {
        assertRefused("GET /admin/a" + ctl + "b HTTP/1.1\r\nHost: h\r\n\r\n", 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a/b", "user@a", "a,b c", "[::1", "a:x"})
    void invalidHostIs400(String host) {
        assertRefused("GET /admin HTTP/1.1\r\nHost: " + host + "\r\n\r\n", 400);
    }

    @Test
    void asteriskFormIs400ForEveryMethod() {
        assertRefused("GET * HTTP/1.1\r\nHost: h\r\n\r\n", 400);
        close();
        assertRefused("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n", 400);
    }

    @Test
    void connectIs405WithAllowAndNeverForwarded() {
        assertRefused("CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n", 405);
        close();
        channel();
        assertThat(send("CONNECT /admin HTTP/1.1\r\nHost: h\r\n\r\n")).startsWith("HTTP/1.1 405 ")
                .containsIgnoringCase("allow: GET, HEAD, POST");
    }

    @Test
    void otherHttpVersionsAre505() {
        assertRefused("GET /admin HTTP/1.2\r\nHost: h\r\n\r\n", 505);
        close();
        assertRefused("GET /admin HTTP/2.0\r\nHost: h\r\n\r\n", 505);
    }

    // ---- what the codec refuses --------------------------------------------------------------------------------

    @Test
    void contentLengthWithTransferEncodingIs400() {
        assertRefused("POST /admin HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n", 400);
    }

    @Test
    void repeatedContentLengthIs400EvenWhenEqual() {
        assertRefused("POST /admin HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400);
        close();
        assertRefused("POST /admin HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 400);
    }

    @Test
    void transferEncodingNotEndingInChunkedIs400() {
        assertRefused("POST /admin HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n3\r\nabc\r\n", 400);
    }

    @Test
    void bareLineFeedIs400() {
        assertRefused("GET /admin HTTP/1.1\nHost: h\n\n", 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz", "-3", "ffffffffffffffffff", " 3"})
    void invalidChunkSizeIs400AndTheBackendConnectionIsClosed(String size) {
        channel();
        EmbeddedChannel upload = idleBackend(UPLOAD_PORT);
        // the head streams to the backend before the body comes
        assertThat(send("POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n")).isEmpty();
        assertThat(drain(upload)).startsWith("POST /upload HTTP/1.1\r\n");
        String response = send(size + "\r\nabc\r\n0\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400 ").containsIgnoringCase("connection: close");
        assertThat(channel.isActive()).isFalse();
        // the backend connection is closed: the backend never sees a complete request
        assertThat(drain(upload)).doesNotContain("abc");
        assertThat(upload.isActive()).isFalse();
    }

    @Test
    void aRefusedPipelinedRequestIsAnsweredInItsTurn() {
        channel();
        String response = send("GET /public HTTP/1.1\r\nHost: h\r\n\r\nGET * HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 418 ");
        assertThat(response.indexOf("HTTP/1.1 400 ")).isGreaterThan(0);
        assertThat(channel.isActive()).isFalse();
        assertThat(recorded).containsExactly("public=418", "none=400");
    }
}
