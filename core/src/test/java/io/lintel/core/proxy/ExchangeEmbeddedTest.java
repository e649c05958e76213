package io.lintel.core.proxy;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.RouteTableCompiler;
import io.lintel.core.route.SocketKey;
import io.lintel.core.server.NettyLeakDetection;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.filter.HttpHeadersView;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * One request's state never reaches the next one on the same connection (issue 13's leaks), and the data plane keeps
 * its side of the filter contract (heads a filter made itself are honoured, a filter that throws is answered 500 and
 * logged). A frontend {@link EmbeddedChannel} with the proxy handler, and backend {@link EmbeddedChannel}s put into
 * the event loop's pool as idle connections, so that both wires are under the test's control (and time too, for
 * timers and a filter's backoff).
 */
@ExtendWith(NettyLeakDetection.class)
class ExchangeEmbeddedTest {

    private static final SocketKey SOCKET = new SocketKey("127.0.0.1", 8080);
    private static final int ANSWER_PORT = 9001;
    private static final int COUNTED_PORT = 9002;
    private static final int PLAIN_PORT = 9003;

    record Spec() implements FilterSpec {}

    private final List<String> recorded = new ArrayList<>();
    private final ProxyMetrics metrics = ruleName -> (status, nanos) -> recorded.add(ruleName + "=" + status);
    /** How often the backend-level filter of {@code /counted} ran. */
    private final AtomicInteger counted = new AtomicInteger();
    private final List<EmbeddedChannel> backends = new ArrayList<>();
    private EmbeddedChannel channel;
    private BackendConnectionPool pool;

    private static HttpFilterFactory factory(String type, Supplier<HttpFilter> create) {
        FilterKey key = FilterKey.filterType(type);
        return new HttpFilterFactory() {
            @Override
            public FilterKey key() {
                return key;
            }

            @Override
            public FilterSpec translate(FilterConfig config) {
                return new Spec();
            }

            @Override
            public HttpFilter create(FilterSpec spec) {
                return create.get();
            }
        };
    }

    private final List<HttpFilterFactory> factories = List.of(
            // sends the request on, then answers itself anyway (e.g. an authorisation check that lost a race)
            factory("AnswerAfterProceed", () -> (request, next) -> {
                next.proceed(request);
                return CompletableFuture.completedFuture(next.respond(403, "text/plain", null));
            }),
            // a 100 ms request timeout, and one retry after a 500 ms backoff (which outlives the timeout)
            factory("BackoffRetry", () -> (request, next) -> {
                request.requestTimeout(Duration.ofMillis(100));
                return next.proceed(request).handle((response, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(response);
                    }
                    CompletableFuture<HttpResponseHead> retried = new CompletableFuture<>();
                    next.schedule(() -> retry(request, next, retried), Duration.ofMillis(500));
                    return retried;
                }).thenCompose(stage -> stage);
            }),
            factory("Count", () -> (request, next) -> {
                counted.incrementAndGet();
                return next.proceed(request);
            }),
            // passes on a head of its own: another path, its own headers, timeouts through the original
            factory("Replace", () -> (request, next) -> next.proceed(new ReplacedHead(request))),
            factory("Throw", () -> (request, next) -> {
                throw new IllegalStateException("broken filter");
            }),
            // completes with a response head of its own, made from the backend's
            factory("OwnResponse", () -> (request, next) -> next.proceed(request).thenApply(OwnResponseHead::new)));

    /** A filter's own request head: changes path and headers without touching core's head. */
    private static final class ReplacedHead implements HttpRequestHead {
        private final HttpRequestHead original;
        private final HttpHeadersView headers = new NettyHeadersView(new DefaultHttpHeaders());

        ReplacedHead(HttpRequestHead original) {
            this.original = original;
            for (Map.Entry<String, String> header : original.headers()) {
                headers.add(header.getKey(), header.getValue());
            }
            headers.set("X-Replaced", "yes");
        }

        @Override
        public String method() {
            return original.method();
        }

        @Override
        public String scheme() {
            return original.scheme();
        }

        @Override
        public String authority() {
            return original.authority();
        }

        @Override
        public void authority(String authority) {
            headers.set("Host", authority);
        }

        @Override
        public String pathAndQuery() {
            return "/replaced" + original.pathAndQuery();
        }

        @Override
        public void pathAndQuery(String pathAndQuery) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HttpHeadersView headers() {
            return headers;
        }

        @Override
        public void requestTimeout(Duration timeout) {
            original.requestTimeout(timeout);
        }
    }

    /** A filter's own response head: another status, the backend's headers and one more. */
    private static final class OwnResponseHead implements HttpResponseHead {
        private final HttpHeadersView headers = new NettyHeadersView(new DefaultHttpHeaders());
        private int status = 203;

        OwnResponseHead(HttpResponseHead backend) {
            for (Map.Entry<String, String> header : backend.headers()) {
                headers.add(header.getKey(), header.getValue());
            }
            headers.set("X-Own", "yes");
            headers.set("Content-Length", "999");  // framing is the data plane's: must not reach the client
        }

        @Override
        public int status() {
            return status;
        }

        @Override
        public void status(int status) {
            this.status = status;
        }

        @Override
        public HttpHeadersView headers() {
            return headers;
        }
    }

    private static void retry(HttpRequestHead request, HttpNext next, CompletableFuture<HttpResponseHead> result) {
        CompletionStage<HttpResponseHead> stage;
        try {
            stage = next.proceed(request);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        stage.whenComplete((response, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(response);
            }
        });
    }

    private static IrFilter filter(String type) {
        return new IrFilter(FilterKey.filterType(type), new Spec());
    }

    private static Ir table() {
        IrBackend counted = new IrBackend("counted-backend", 1, "", List.of(new IrEndpoint("127.0.0.1", COUNTED_PORT)),
                0, List.of(filter("Count")), Optional.empty());
        return ir(socket("127.0.0.1", 8080, listener("l", "*", vhost("*",
                prefix("/answer", rule("answer", List.of(filter("AnswerAfterProceed")),
                        backend("a", 1, ANSWER_PORT))),
                prefix("/retry", rule("retry", List.of(filter("BackoffRetry")), backend("a", 1, ANSWER_PORT))),
                prefix("/counted", rule("counted", counted)),
                prefix("/plain", rule("plain", backend("p", 1, PLAIN_PORT))),
                prefix("/replace", rule("replace", List.of(filter("Replace")), backend("p", 1, PLAIN_PORT))),
                prefix("/throw", rule("throw", List.of(filter("Throw")), backend("p", 1, PLAIN_PORT))),
                prefix("/own", rule("own", List.of(filter("OwnResponse")), backend("p", 1, PLAIN_PORT)))))));
    }

    private EmbeddedChannel channel() {
        Map<FilterKey, HttpFilterFactory> byKey = new HashMap<>();
        factories.forEach(f -> byKey.put(f.key(), f));
        PluginRegistry registry = new PluginRegistry(List.of("test"), byKey, Map.of(), List.of(), Map.of(),
                PluginRegistry.CORE_FEATURES);
        CompiledRouteTable table = new RouteTableCompiler(registry, metrics).compile(table());
        BackendConnectionPools pools = new BackendConnectionPools(
                NioSocketChannel.class, BackendPoolSettings.DEFAULTS, Map.of(), metrics);
        ProxyContext context = new ProxyContext(new AtomicReference<>(table), SOCKET, "http", pools);
        channel = new EmbeddedChannel(new HttpServerCodec(), new ProxyHandler(context, false));
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

    private void clientSends(String request) {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
    }

    /** What the client got since the last call. */
    private String clientReceived() {
        return drain(channel);
    }

    /** What a backend connection got since the last call (bytes, or the messages' names when not encoded). */
    private static String drain(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        Object msg;
        while ((msg = ch.readOutbound()) != null) {
            if (msg instanceof ByteBuf buf) {
                out.append(buf.toString(StandardCharsets.US_ASCII));
            } else {
                out.append(msg.getClass().getSimpleName()).append('\n');
            }
            ReferenceCountUtil.release(msg);
        }
        return out.toString();
    }

    private static void backendSends(EmbeddedChannel backend, String response) {
        backend.writeInbound(Unpooled.copiedBuffer(response, StandardCharsets.US_ASCII));
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    /**
     * Leak (a): a filter that answers after calling {@code proceed} left the attempt's response promise behind; the
     * next request on the connection then looked like a retry, and one with a body was refused with 502.
     */
    @Test
    void filterAnsweringAfterProceedDoesNotTurnThePipelinedRequestIntoARetry() {
        channel();
        EmbeddedChannel answerBackend = idleBackend(ANSWER_PORT);
        EmbeddedChannel countedBackend = idleBackend(COUNTED_PORT);

        clientSends("GET /answer HTTP/1.1\r\nHost: h\r\n\r\n"
                + "POST /counted HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc");

        drain(answerBackend);  // the request may or may not have been flushed before the attempt was dropped
        assertThat(answerBackend.isActive()).as("the abandoned attempt's connection is closed").isFalse();
        assertThat(drain(countedBackend)).startsWith("POST /counted HTTP/1.1\r\n").endsWith("\r\n\r\nabc");
        backendSends(countedBackend, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        String received = clientReceived();
        assertThat(received).startsWith("HTTP/1.1 403 ");
        assertThat(received.substring(received.indexOf("HTTP/1.1", 1))).startsWith("HTTP/1.1 200 ").endsWith("ok");
        assertThat(recorded).containsExactly("answer=403", "counted=200");
        assertThat(counted).hasValue(1);
        assertThat(channel.isActive()).isTrue();
    }

    /**
     * Leak (b): a retry whose backoff outlived the request timeout ran when the next (pipelined) request was being
     * served, and read that request's rule: it ran the other route's backend filters.
     */
    @Test
    void retryAfterTheRequestTimeoutNeverTouchesThePipelinedRequest() {
        channel();
        EmbeddedChannel retryBackend = idleBackend(ANSWER_PORT);
        EmbeddedChannel countedBackend = idleBackend(COUNTED_PORT);

        clientSends("GET /retry HTTP/1.1\r\nHost: h\r\n\r\nGET /counted HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(drain(retryBackend)).startsWith("GET /retry HTTP/1.1\r\n");

        advance(150);  // the request timeout: 504, then the pipelined request is served
        assertThat(clientReceived()).startsWith("HTTP/1.1 504 ");
        assertThat(drain(countedBackend)).startsWith("GET /counted HTTP/1.1\r\n");
        assertThat(counted).hasValue(1);

        advance(600);  // the retry's backoff ends while /counted is still waiting for its backend
        assertThat(counted).as("the late retry ran another route's backend filter").hasValue(1);
        assertThat(clientReceived()).isEmpty();

        backendSends(countedBackend, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(clientReceived()).startsWith("HTTP/1.1 200 ").endsWith("ok");
        assertThat(recorded).containsExactly("retry=504", "counted=200");
        assertThat(channel.isActive()).isTrue();
    }

    /**
     * Leak (c): a backend protocol delivering an unrequested 101 as one {@code FullHttpResponse}: the head failed the
     * exchange (502), then its content was processed anyway and completed the ended exchange a second time.
     */
    @Test
    void unrequestedSwitchingProtocolsAsFullResponseEndsTheExchangeOnce() {
        channel();
        EmbeddedChannel backend = new EmbeddedChannel(
                new BackendHandler(pool, new BackendEndpoint("127.0.0.1", PLAIN_PORT, ""),
                        () -> "test/full-responses", null));
        pool.release(BackendHandler.of(backend));
        backends.add(backend);

        clientSends("GET /plain HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(drain(backend)).contains("HttpRequest");
        backend.writeInbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS,
                Unpooled.copiedBuffer("not http any more", StandardCharsets.US_ASCII)));

        String received = clientReceived();
        assertThat(received).startsWith("HTTP/1.1 502 ").doesNotContain("not http");
        assertThat(received.indexOf("HTTP/1.1", 1)).isNegative();
        assertThat(recorded).containsExactly("plain=502");
        assertThat(backend.isActive()).isFalse();
        assertThat(channel.isActive()).as("the client's connection stays usable").isTrue();

        EmbeddedChannel next = idleBackend(PLAIN_PORT);
        clientSends("GET /plain HTTP/1.1\r\nHost: h\r\n\r\n");
        backendSends(next, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(clientReceived()).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\nok");
        assertThat(recorded).containsExactly("plain=502", "plain=200");
    }

    /**
     * A backend protocol plugin that refuses to switch protocols after the backend's 101 (a WebSocket handshake that
     * did not answer the client's key): the client gets 502 instead of a tunnel, and no 101.
     */
    @Test
    void aSwitchTheBackendProtocolRefusesIsAnswered502() {
        channel();
        // a protocol whose switchProtocols keeps its default: it knows no upgrades
        EmbeddedChannel backend = new EmbeddedChannel(new HttpClientCodec(),
                new BackendHandler(pool, new BackendEndpoint("127.0.0.1", PLAIN_PORT, ""), () -> "test/no-upgrades",
                        null));
        pool.release(BackendHandler.of(backend));
        backends.add(backend);

        clientSends("GET /plain HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        assertThat(drain(backend)).containsIgnoringCase("upgrade: websocket");
        backendSends(backend, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");

        assertThat(clientReceived()).startsWith("HTTP/1.1 502 ").doesNotContain("101");
        assertThat(recorded).containsExactly("plain=502");
        assertThat(backend.isActive()).isFalse();
    }

    /** (d) A backend that resets in the middle of the response body: the client sees the response cut off. */
    @Test
    void backendResetMidBodyClosesTheClientConnectionOnce() {
        channel();
        EmbeddedChannel backend = idleBackend(PLAIN_PORT);

        clientSends("GET /plain HTTP/1.1\r\nHost: h\r\n\r\nGET /plain HTTP/1.1\r\nHost: h\r\n\r\n");
        backendSends(backend, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello");
        assertThat(clientReceived()).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\nhello");

        backend.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        assertThat(backend.isActive()).isFalse();
        assertThat(channel.isActive()).as("the client must see that the response is incomplete").isFalse();
        assertThat(clientReceived()).isEmpty();
        assertThat(recorded).containsExactly("plain=200");
    }

    /** (d) A backend that resets before its response head, on a request with a body: 502, connection kept. */
    @Test
    void backendResetBeforeTheHeadIs502() {
        channel();
        EmbeddedChannel backend = idleBackend(PLAIN_PORT);

        clientSends("POST /plain HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc");
        assertThat(drain(backend)).endsWith("\r\n\r\nabc");
        backend.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));

        assertThat(clientReceived()).startsWith("HTTP/1.1 502 ");
        assertThat(recorded).containsExactly("plain=502");
        assertThat(channel.isActive()).isTrue();
    }

    // ---- the filter contract ---------------------------------------------------------------------------------

    @Test
    void headAFilterPassesOnIsTheOneSent() {
        channel();
        EmbeddedChannel backend = idleBackend(PLAIN_PORT);

        clientSends("POST /replace HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc");
        String sent = drain(backend);
        assertThat(sent).startsWith("POST /replaced/replace HTTP/1.1\r\n").containsIgnoringCase("x-replaced: yes")
                .containsIgnoringCase("host: h").containsIgnoringCase("content-length: 3").endsWith("\r\n\r\nabc");
        backendSends(backend, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(clientReceived()).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\nok");
    }

    @Test
    void responseHeadAFilterMadeItselfIsTheOneSent() {
        channel();
        EmbeddedChannel backend = idleBackend(PLAIN_PORT);

        clientSends("GET /own HTTP/1.1\r\nHost: h\r\n\r\n");
        backendSends(backend, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Backend: b\r\n\r\nok");
        String received = clientReceived();
        assertThat(received).startsWith("HTTP/1.1 203 ").containsIgnoringCase("x-own: yes")
                .containsIgnoringCase("x-backend: b").containsIgnoringCase("content-length: 2")
                .endsWith("\r\n\r\nok");
        assertThat(recorded).containsExactly("own=203");
    }

    @Test
    void filterThatThrowsIsAnswered500AndLoggedWithItsRule() {
        Logger log = (Logger) LoggerFactory.getLogger(FilterFailureLog.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try {
            channel();
            clientSends("GET /throw HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(clientReceived()).startsWith("HTTP/1.1 500 ");
            assertThat(channel.isActive()).isTrue();
            clientSends("GET /throw HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(clientReceived()).startsWith("HTTP/1.1 500 ");
            assertThat(recorded).containsExactly("throw=500", "throw=500");
        } finally {
            log.detachAppender(lines);
        }
        // at most one WARN per interval for the whole process (an earlier test may have used it up)
        assertThat(lines.list).hasSizeLessThanOrEqualTo(2)
                .allSatisfy(line -> assertThat(line.getFormattedMessage()).startsWith("throw: filter ")
                        .contains("threw java.lang.IllegalStateException: broken filter"));
        assertThat(lines.list.stream().filter(line -> line.getLevel() == Level.WARN))
                .hasSizeLessThanOrEqualTo(1);
    }

    // ---- HTTP/2 streams (one handler, one exchange per stream) -------------------------------------------------

    private EmbeddedChannel http2Stream() {
        channel();
        channel.close();  // the HTTP/1.1 frontend is not used here
        channel.finishAndReleaseAll();
        Map<FilterKey, HttpFilterFactory> byKey = new HashMap<>();
        factories.forEach(f -> byKey.put(f.key(), f));
        PluginRegistry registry = new PluginRegistry(List.of("test"), byKey, Map.of(), List.of(), Map.of(),
                PluginRegistry.CORE_FEATURES);
        CompiledRouteTable table = new RouteTableCompiler(registry, metrics).compile(table());
        BackendConnectionPools pools = new BackendConnectionPools(
                NioSocketChannel.class, BackendPoolSettings.DEFAULTS, Map.of(), metrics);
        channel = new EmbeddedChannel(new ProxyHandler(
                new ProxyContext(new AtomicReference<>(table), SOCKET, "http", pools), true));
        pool = pools.forLoop(channel.eventLoop());
        return channel;
    }

    private static HttpHeaders http2Headers() {
        return new DefaultHttpHeaders().set("host", "h").set("x-http2-stream-id", "3").set("x-http2-scheme", "http");
    }

    @Test
    void http2StreamIsForwardedAsOneExchange() {
        http2Stream();
        EmbeddedChannel backend = idleBackend(PLAIN_PORT);

        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                HttpMethod.GET, "/plain", Unpooled.EMPTY_BUFFER, http2Headers(),
                EmptyHttpHeaders.INSTANCE));
        assertThat(drain(backend)).startsWith("GET /plain HTTP/1.1\r\n").doesNotContainIgnoringCase("x-http2");
        backendSends(backend, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        Object response = channel.readOutbound();
        try {
            assertThat(response).isInstanceOf(FullHttpResponse.class);
            FullHttpResponse full = (FullHttpResponse) response;
            assertThat(full.status().code()).isEqualTo(200);
            assertThat(full.content().toString(StandardCharsets.US_ASCII)).isEqualTo("ok");
            assertThat(full.headers().contains("connection")).isFalse();
        } finally {
            ReferenceCountUtil.release(response);
        }
        assertThat(recorded).containsExactly("plain=200");
        assertThat(pool.idleCount(new BackendEndpoint("127.0.0.1", PLAIN_PORT, ""))).isEqualTo(1);
    }

    @Test
    void http2LocalAnswerWhileTheBodyStreamsResetsTheStream() {
        http2Stream();

        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1,
                HttpMethod.POST, "/nothing", http2Headers()));
        Object response = channel.readOutbound();
        try {
            assertThat(response).isInstanceOf(FullHttpResponse.class);
            assertThat(((FullHttpResponse) response).status().code()).isEqualTo(404);
        } finally {
            ReferenceCountUtil.release(response);
        }
        assertThat(channel.isActive()).as("the stream ends: nobody reads the rest of the body").isFalse();
        assertThat(recorded).containsExactly("none=404");
    }
}
