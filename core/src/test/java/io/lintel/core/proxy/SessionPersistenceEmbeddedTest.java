package io.lintel.core.proxy;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrSessionPersistence;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.RouteTableCompiler;
import io.lintel.core.route.SocketKey;
import io.lintel.core.server.NettyLeakDetection;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The data plane's side of session persistence: a new session's response carries its token (a {@code Set-Cookie}
 * scoped to the matched prefix, or the session header), and a request carrying it goes to the same endpoint without
 * a new token. A frontend {@link EmbeddedChannel} and backend {@link EmbeddedChannel}s in the pool, one per endpoint.
 */
@ExtendWith(NettyLeakDetection.class)
class SessionPersistenceEmbeddedTest {

    private static final int FIRST_PORT = 9101;
    private static final int SECOND_PORT = 9102;

    private final List<EmbeddedChannel> backends = new ArrayList<>();
    private EmbeddedChannel channel;
    private BackendConnectionPool pool;

    private static IrRule sticky(String name, IrSessionPersistence session) {
        return new IrRule(name, Optional.empty(), List.of(), List.of(backend("b", 1, FIRST_PORT, SECOND_PORT)), 0,
                Optional.of(session));
    }

    private static Ir table() {
        return ir(socket("127.0.0.1", 8080, listener("l", "*", vhost("*",
                prefix("/cart", sticky("cookie", new IrSessionPersistence(IrSessionPersistence.Type.COOKIE, "sid",
                        Optional.of(3_600_000L), IrSessionPersistence.LifetimeType.PERMANENT))),
                prefix("/api", sticky("header", new IrSessionPersistence(IrSessionPersistence.Type.HEADER,
                        "X-Session", Optional.empty(), IrSessionPersistence.LifetimeType.SESSION)))))));
    }

    private void start() {
        ProxyMetrics metrics = ruleName -> (status, nanos) -> { };
        CompiledRouteTable table = new RouteTableCompiler(PluginRegistry.EMPTY, metrics).compile(table());
        BackendConnectionPools pools = new BackendConnectionPools(
                NioSocketChannel.class, BackendPoolSettings.DEFAULTS, Map.of(), metrics);
        ProxyContext context = new ProxyContext(new AtomicReference<>(table), new SocketKey("127.0.0.1", 8080),
                "http", pools);
        channel = new EmbeddedChannel(new HttpServerCodec(), new ProxyHandler(context, false));
        channel.freezeTime();
        pool = pools.forLoop(channel.eventLoop());
        idleBackend(FIRST_PORT);
        idleBackend(SECOND_PORT);
    }

    private void idleBackend(int port) {
        BackendEndpoint endpoint = new BackendEndpoint("127.0.0.1", port, "");
        EmbeddedChannel backend = new EmbeddedChannel(new HttpClientCodec(),
                new BackendHandler(pool, endpoint, null, null));
        pool.release(BackendHandler.of(backend));
        backends.add(backend);
    }

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        backends.forEach(EmbeddedChannel::finishAndReleaseAll);
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

    /** Sends {@code request}, answers it from whichever backend got it, and returns that backend's index and the response. */
    private String[] exchange(String request) {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        int served = -1;
        for (int i = 0; i < backends.size(); i++) {
            if (!drain(backends.get(i)).isEmpty()) {
                assertThat(served).as("one backend got the request").isEqualTo(-1);
                served = i;
            }
        }
        assertThat(served).as("a backend got the request").isNotEqualTo(-1);
        backends.get(served).writeInbound(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                StandardCharsets.US_ASCII));
        String response = drain(channel);
        assertThat(response).startsWith("HTTP/1.1 200 ");
        return new String[] {String.valueOf(served), response};
    }

    private static String header(String response, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ": ([^\r\n]*)\r?$").matcher(response);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void aCookieSessionIsSetOnceAndSticks() {
        start();
        String[] first = exchange("GET /cart/items HTTP/1.1\r\nHost: h\r\n\r\n");
        String setCookie = header(first[1], "Set-Cookie");
        assertThat(setCookie).startsWith("sid=").contains("; Max-Age=3600; Expires=").endsWith("; Path=/cart; HTTPOnly");
        String token = setCookie.substring("sid=".length(), setCookie.indexOf(';'));
        for (int i = 0; i < 20; i++) {
            String[] next = exchange("GET /cart/items HTTP/1.1\r\nHost: h\r\nCookie: a=b; sid=" + token + "\r\n\r\n");
            assertThat(next[0]).as("request %d", i).isEqualTo(first[0]);
            assertThat(header(next[1], "Set-Cookie")).as("a resumed session gets no new cookie").isNull();
        }
    }

    @Test
    void aHeaderSessionIsSetOnceAndSticks() {
        start();
        String[] first = exchange("GET /api/x HTTP/1.1\r\nHost: h\r\n\r\n");
        String token = header(first[1], "X-Session");
        assertThat(token).isNotBlank();
        assertThat(header(first[1], "Set-Cookie")).isNull();
        for (int i = 0; i < 20; i++) {
            String[] next = exchange("GET /api/x HTTP/1.1\r\nHost: h\r\nX-Session: " + token + "\r\n\r\n");
            assertThat(next[0]).isEqualTo(first[0]);
            assertThat(header(next[1], "X-Session")).isNull();
        }
    }

    @Test
    void aForgedCookieStartsANewSession() {
        start();
        String[] first = exchange("GET /cart HTTP/1.1\r\nHost: h\r\nCookie: sid=AAAAforged\r\n\r\n");
        assertThat(header(first[1], "Set-Cookie")).startsWith("sid=").doesNotStartWith("sid=AAAAforged");
    }
}
