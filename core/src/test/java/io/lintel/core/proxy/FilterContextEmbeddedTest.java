package io.lintel.core.proxy;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.ir.IrRule;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.RouteTableCompiler;
import io.lintel.core.route.SocketKey;
import io.lintel.core.server.NettyLeakDetection;
import io.lintel.spi.filter.ExchangeOutcome;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.filter.HttpHeadersView;
import io.lintel.spi.filter.HttpNext;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import io.lintel.spi.filter.RequestAttribute;
import io.lintel.spi.filter.RuleRef;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The data plane's side of SPI v2 (issue 13): the request context filters get (client, rule, attributes, event loop),
 * the opt-in buffered body with its bound (HTTP/1.1 with Content-Length and chunked, HTTP/2), completion listeners
 * called once, and heads a filter wraps, replaces or makes itself. A frontend {@link EmbeddedChannel} with the proxy
 * handler and backend {@link EmbeddedChannel}s in the pool, so both wires are the test's.
 */
@ExtendWith(NettyLeakDetection.class)
class FilterContextEmbeddedTest {

    private static final SocketKey SOCKET = new SocketKey("127.0.0.1", 8080);
    private static final int PORT = 9100;
    private static final int BOUND = 32;
    private static final RequestAttribute<String> PRINCIPAL = RequestAttribute.of("principal", String.class);

    record Spec() implements FilterSpec {}

    private final List<ExchangeOutcome> outcomes = new ArrayList<>();
    private final List<HttpRequestContext> contexts = new ArrayList<>();
    private final List<String> bodiesSeen = new ArrayList<>();
    private final List<EmbeddedChannel> backends = new ArrayList<>();
    private EmbeddedChannel channel;
    private BackendConnectionPool pool;

    private static HttpFilterFactory factory(String type, HttpFilter filter) {
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
            public HttpFilter create(FilterSpec spec, RuleRef rule) {
                return filter;
            }
        };
    }

    /** Reads the body: passes its length and text on as headers, and records the exchange's end. */
    private final HttpFilter bodyFilter = new HttpFilter() {
        @Override
        public CompletableFuture<HttpResponseHead> filter(HttpRequestHead request, HttpNext next) {
            HttpRequestContext context = next.context();
            ByteBuffer body = context.requestBody().orElseThrow();
            assertThat(body.isReadOnly()).isTrue();
            byte[] bytes = new byte[body.remaining()];
            body.get(bytes);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            bodiesSeen.add(text);
            request.headers().set("X-Body", text);
            context.onComplete(outcomes::add);
            return next.proceed(request).toCompletableFuture();
        }

        @Override
        public boolean needsRequestBody() {
            return true;
        }
    };

    private final List<HttpFilterFactory> factories = List.of(
            factory("Body", bodyFilter),
            // leaves an attribute for the next filter and records the context
            factory("Authenticate", (request, next) -> {
                contexts.add(next.context());
                next.context().attribute(PRINCIPAL, "alice");
                next.context().onComplete(outcomes::add);
                return next.proceed(request);
            }),
            factory("Authorize", (request, next) -> {
                request.headers().set("X-Principal", next.context().attribute(PRINCIPAL));
                return next.proceed(request);
            }),
            // a wrapper that changes the path and delegates everything else, headers included
            factory("Wrap", (request, next) -> next.proceed(new PathWrapper(request, "/wrapped"))),
            // a head of its own: another method and authority; the body and its framing stay the data plane's
            factory("Replace", (request, next) -> next.proceed(new OwnRequestHead("PUT", "other.example", "/own"))),
            // answers with a head of its own, never calling proceed
            factory("Deny", (request, next) -> CompletableFuture.completedFuture(new OwnResponseHead(451))));

    private static IrRule rule(String name, String... filters) {
        List<IrFilter> list = new ArrayList<>();
        for (String type : filters) {
            list.add(new IrFilter(FilterKey.filterType(type), new Spec()));
        }
        return new IrRule("httproute/default/" + name + "/rule/0", Optional.of("r-" + name), list,
                List.of(backend("b", 1, PORT)), 0);
    }

    private static Ir table() {
        return ir(socket("127.0.0.1", 8080, listener("l", "*", vhost("*",
                prefix("/body", rule("body", "Body")),
                prefix("/auth", rule("auth", "Authenticate", "Authorize")),
                prefix("/wrap", rule("wrap", "Wrap")),
                prefix("/replace", rule("replace", "Replace")),
                prefix("/deny", rule("deny", "Deny"))))));
    }

    private ProxyContext context() {
        Map<FilterKey, HttpFilterFactory> byKey = new HashMap<>();
        factories.forEach(f -> byKey.put(f.key(), f));
        PluginRegistry registry = new PluginRegistry(List.of("test"), byKey, Map.of(), List.of(), Map.of(),
                PluginRegistry.CORE_FEATURES);
        CompiledRouteTable table = new RouteTableCompiler(registry, ProxyMetrics.NOOP).compile(table());
        BackendConnectionPools pools = new BackendConnectionPools(
                NioSocketChannel.class, BackendPoolSettings.DEFAULTS, Map.of(), ProxyMetrics.NOOP);
        return new ProxyContext(new AtomicReference<>(table), SOCKET, "http", pools, BOUND);
    }

    private void http1() {
        ProxyContext context = context();
        channel = new EmbeddedChannel(new HttpServerCodec(), new ProxyHandler(context, false));
        pool = context.pools().forLoop(channel.eventLoop());
    }

    private void http2Stream() {
        ProxyContext context = context();
        channel = new EmbeddedChannel(new ProxyHandler(context, true));
        pool = context.pools().forLoop(channel.eventLoop());
    }

    private EmbeddedChannel idleBackend() {
        EmbeddedChannel backend = new EmbeddedChannel(new HttpClientCodec(),
                new BackendHandler(pool, new BackendEndpoint("127.0.0.1", PORT, ""), null, null));
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

    private void clientSends(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    private static void backendSends(EmbeddedChannel backend, String response) {
        backend.writeInbound(Unpooled.copiedBuffer(response, StandardCharsets.US_ASCII));
    }

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

    // ---- the buffered body ------------------------------------------------------------------------------------------

    @Test
    void aChunkedBodyIsReadWholeBeforeTheFilterRunsThenForwardedUnchanged() {
        http1();
        EmbeddedChannel backend = idleBackend();

        clientSends("POST /body HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        assertThat(bodiesSeen).as("the filter waits for the whole body").isEmpty();
        assertThat(drain(backend)).isEmpty();
        clientSends("6\r\n world\r\n0\r\n\r\n");

        assertThat(bodiesSeen).containsExactly("hello world");
        String forwarded = drain(backend);
        assertThat(forwarded).startsWith("POST /body HTTP/1.1\r\n").contains("X-Body: hello world\r\n")
                .endsWith("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        backendSends(backend, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(drain(channel)).startsWith("HTTP/1.1 200 ").endsWith("ok");
        assertThat(outcomes).hasSize(1);
        ExchangeOutcome outcome = outcomes.get(0);
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.requestBodyBytes()).isEqualTo(11);
        assertThat(outcome.responseBodyBytes()).isEqualTo(2);
        assertThat(outcome.failed()).isFalse();
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void aContentLengthBodyIsHandedOverAndSentWithItsLength() {
        http1();
        EmbeddedChannel backend = idleBackend();

        clientSends("POST /body HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc");

        assertThat(bodiesSeen).containsExactly("abc");
        assertThat(drain(backend)).contains("Content-Length: 3\r\n").contains("X-Body: abc\r\n").endsWith("\r\n\r\nabc");
        backendSends(backend, "HTTP/1.1 204 No Content\r\n\r\n");
        assertThat(drain(channel)).startsWith("HTTP/1.1 204 ");
    }

    @Test
    void aDeclaredLengthBeyondTheBoundIs413WithoutRunningTheFilter() {
        http1();
        EmbeddedChannel backend = idleBackend();

        clientSends("POST /body HTTP/1.1\r\nHost: h\r\nContent-Length: " + (BOUND + 1) + "\r\n\r\nabc");

        assertThat(drain(channel)).startsWith("HTTP/1.1 413 ");
        assertThat(bodiesSeen).isEmpty();
        assertThat(drain(backend)).isEmpty();
        assertThat(channel.isActive()).as("the rest of the body is not read: the connection closes").isFalse();
    }

    @Test
    void aChunkedBodyGrowingBeyondTheBoundIs413() {
        http1();
        EmbeddedChannel backend = idleBackend();

        clientSends("POST /body HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n"
                + "x".repeat(20) + "\r\n");
        assertThat(drain(channel)).isEmpty();
        clientSends("14\r\n" + "y".repeat(20) + "\r\n");

        assertThat(drain(channel)).startsWith("HTTP/1.1 413 ");
        assertThat(bodiesSeen).isEmpty();
        assertThat(drain(backend)).isEmpty();
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aClientStallingInABodyReadForTheFiltersIsClosedWhenIdle() {
        http1();
        EmbeddedChannel backend = idleBackend();

        clientSends("POST /body HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc");
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);

        assertThat(channel.isActive()).as("nothing is being answered yet: the idle connection is closed").isFalse();
        assertThat(bodiesSeen).isEmpty();
        assertThat(drain(backend)).isEmpty();
    }

    @Test
    void aClientExpectingContinueGetsItFromTheGateway() {
        http1();
        EmbeddedChannel backend = idleBackend();

        clientSends("POST /body HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
        assertThat(drain(channel)).startsWith("HTTP/1.1 100 Continue\r\n");
        clientSends("hi");

        assertThat(bodiesSeen).containsExactly("hi");
        assertThat(drain(backend)).doesNotContainIgnoringCase("expect").endsWith("\r\n\r\nhi");
    }

    @Test
    void anHttp2StreamsBodyIsReadWholeToo() {
        http2Stream();
        EmbeddedChannel backend = idleBackend();
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        // as the HTTP/2 codec converts a HEADERS frame without END_STREAM or content-length
        headers.set("host", "h").set("x-http2-stream-id", "3").set("x-http2-scheme", "http")
                .set("transfer-encoding", "chunked");

        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/body", headers));
        channel.writeInbound(new DefaultHttpContent(Unpooled.copiedBuffer("ab", StandardCharsets.US_ASCII)));
        assertThat(bodiesSeen).isEmpty();
        channel.writeInbound(new DefaultLastHttpContent(Unpooled.copiedBuffer("cd", StandardCharsets.US_ASCII)));

        assertThat(bodiesSeen).containsExactly("abcd");
        assertThat(drain(backend)).contains("X-Body: abcd\r\n").endsWith("2\r\nab\r\n2\r\ncd\r\n0\r\n\r\n");
        backendSends(backend, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        Object response = channel.readOutbound();
        try {
            assertThat(((HttpResponse) response).status().code()).isEqualTo(200);
        } finally {
            ReferenceCountUtil.release(response);
        }
        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.requestBodyBytes()).isEqualTo(4));
    }

    @Test
    void anHttp2BodyBeyondTheBoundIs413AndResetsTheStream() {
        http2Stream();
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.set("host", "h").set("x-http2-stream-id", "3").set("x-http2-scheme", "http")
                .set("transfer-encoding", "chunked");

        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/body", headers));
        channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[BOUND + 1])));

        Object response = channel.readOutbound();
        try {
            assertThat(((HttpResponse) response).status().code()).isEqualTo(413);
        } finally {
            ReferenceCountUtil.release(response);
        }
        assertThat(channel.isActive()).as("the stream is reset rather than read to its end").isFalse();
        assertThat(bodiesSeen).isEmpty();
    }

    @Test
    void anHttp2BodyThatCameWithItsHeadIsBoundedToo() {
        http2Stream();
        EmbeddedChannel backend = idleBackend();
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.set("host", "h").set("x-http2-stream-id", "3").set("x-http2-scheme", "http");

        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/body",
                Unpooled.wrappedBuffer(new byte[BOUND + 1]), headers, new DefaultHttpHeaders()));

        Object response = channel.readOutbound();
        try {
            assertThat(((HttpResponse) response).status().code()).isEqualTo(413);
        } finally {
            ReferenceCountUtil.release(response);
        }
        assertThat(bodiesSeen).isEmpty();
        assertThat(drain(backend)).isEmpty();
    }

    // ---- the context and completion ---------------------------------------------------------------------------------

    @Test
    void filtersShareOneContextWithClientRuleAttributesAndLoop() {
        http1();
        EmbeddedChannel backend = idleBackend();

        clientSends("GET /auth HTTP/1.1\r\nHost: h\r\n\r\n");

        assertThat(drain(backend)).contains("X-Principal: alice\r\n");
        HttpRequestContext context = contexts.get(0);
        assertThat(context.rule()).isEqualTo(new RuleRef("HTTPRoute", "default", "auth", 0, "r-auth"));
        assertThat(context.remoteAddress()).isEqualTo(channel.remoteAddress());
        assertThat(context.localAddress()).isEqualTo(channel.localAddress());
        assertThat(context.tls()).isEmpty();
        assertThat(context.requestBody()).as("no filter of the rule asked for the body").isEmpty();
        assertThat(context.eventLoop()).isSameAs(channel.eventLoop());
        assertThat(outcomes).isEmpty();

        backendSends(backend, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(200);
            assertThat(o.failed()).isFalse();
        });
        // a listener added after the end is called at once, and the end is not told again
        List<ExchangeOutcome> late = new ArrayList<>();
        context.onComplete(late::add);
        assertThat(late).hasSize(1);
        assertThat(outcomes).hasSize(1);
        drain(channel);
    }

    @Test
    void aClientGoingAwayMidResponseEndsTheExchangeFailedOnce() {
        http1();
        EmbeddedChannel backend = idleBackend();

        clientSends("GET /auth HTTP/1.1\r\nHost: h\r\n\r\n");
        drain(backend);
        backendSends(backend, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        channel.close();

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.failed()).isTrue();
            assertThat(o.status()).isEqualTo(200);
            assertThat(o.responseBodyBytes()).isEqualTo(3);
        });
        assertThat(backend.isActive()).as("the unfinished backend exchange is dropped").isFalse();
        drain(channel);
    }

    @Test
    void aResponseThatCameInOneBackendReadLeavesInOneWriteAsWithoutFilters() {
        http1();
        EmbeddedChannel backend = idleBackend();

        clientSends("GET /auth HTTP/1.1\r\nHost: h\r\n\r\n");
        drain(backend);
        backendSends(backend, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        // the filters passed the head on inside the backend's read: the head waits for its body, not flushed alone
        List<String> written = new ArrayList<>();
        Object msg;
        while ((msg = channel.readOutbound()) != null) {
            written.add(((ByteBuf) msg).toString(StandardCharsets.US_ASCII));
            ReferenceCountUtil.release(msg);
        }
        assertThat(written).singleElement().satisfies(
                text -> assertThat(text).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\nok"));
    }

    // ---- heads a filter wraps, replaces or makes ------------------------------------------------------------------

    @Test
    void aWrappedHeadIsSentWithTheWrappersPathAndTheOriginalsHeaders() {
        http1();
        EmbeddedChannel backend = idleBackend();

        clientSends("GET /wrap?q=1 HTTP/1.1\r\nHost: h\r\nX-Client: yes\r\n\r\n");

        assertThat(drain(backend)).startsWith("GET /wrapped HTTP/1.1\r\n").contains("X-Client: yes\r\n")
                .contains("Host: h\r\n");
    }

    @Test
    void aHeadOfTheFiltersOwnIsSentWithTheDataPlanesBodyAndFraming() {
        http1();
        EmbeddedChannel backend = idleBackend();

        clientSends("POST /replace HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nX-Client: yes\r\n\r\nabc");

        String forwarded = drain(backend);
        assertThat(forwarded).startsWith("PUT /own HTTP/1.1\r\n").contains("host: other.example\r\n")
                .containsIgnoringCase("content-length: 3\r\n").doesNotContain("X-Client").endsWith("\r\n\r\nabc");
    }

    @Test
    void aResponseHeadOfTheFiltersOwnIsAnsweredWithAnEmptyBody() {
        http1();
        EmbeddedChannel backend = idleBackend();

        clientSends("GET /deny HTTP/1.1\r\nHost: h\r\n\r\n");

        String answered = drain(channel);
        assertThat(answered).startsWith("HTTP/1.1 451 ").contains("x-reason: policy\r\n")
                .contains("content-length: 0\r\n").doesNotContain("999");
        assertThat(drain(backend)).isEmpty();
        assertThat(channel.isActive()).isTrue();
    }

    /** Changes the path; everything else, headers included, is the original's. */
    private record PathWrapper(HttpRequestHead original, String path) implements HttpRequestHead {
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
            original.authority(authority);
        }

        @Override
        public String pathAndQuery() {
            return path;
        }

        @Override
        public void pathAndQuery(String pathAndQuery) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HttpHeadersView headers() {
            return original.headers();
        }
    }

    /** A request head that owes nothing to core's. */
    private static final class OwnRequestHead implements HttpRequestHead {
        private final String method;
        private String authority;
        private String path;
        private final HttpHeadersView headers = new NettyHeadersView(new DefaultHttpHeaders());

        OwnRequestHead(String method, String authority, String path) {
            this.method = method;
            this.authority = authority;
            this.path = path;
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String scheme() {
            return "http";
        }

        @Override
        public String authority() {
            return authority;
        }

        @Override
        public void authority(String authority) {
            this.authority = authority;
        }

        @Override
        public String pathAndQuery() {
            return path;
        }

        @Override
        public void pathAndQuery(String pathAndQuery) {
            this.path = pathAndQuery;
        }

        @Override
        public HttpHeadersView headers() {
            return headers;
        }
    }

    /** A response head that owes nothing to core's, with a framing header that must not reach the client. */
    private static final class OwnResponseHead implements HttpResponseHead {
        private final HttpHeadersView headers = new NettyHeadersView(new DefaultHttpHeaders());
        private int status;

        OwnResponseHead(int status) {
            this.status = status;
            headers.set("x-reason", "policy");
            headers.set("content-length", "999");
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

}
