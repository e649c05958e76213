package io.lintel.core.proxy;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrFilter;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.RouteTableCompiler;
import io.lintel.core.route.SocketKey;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Not a test the build runs (the name matches no surefire pattern): prints the bytes the request path allocates per
 * HTTP/1.1 keep-alive request, proxy and both codecs included, with {@link EmbeddedChannel}s on both sides, so
 * that two versions of the data plane can be compared. {@code mvn -pl core -am test -Dtest=ExchangeAllocationProbe
 * -Dsurefire.failIfNoSpecifiedTests=false}. Figures include the embedded channels' own per-message costs, which are
 * the same in both versions. Run it without paranoid leak detection, which allocates a record per buffer:
 * {@code -Dsurefire.argLine=-Dio.netty.leakDetection.level=disabled}.
 */
class ExchangeAllocationProbe {

    private static final int PORT = 9100;
    private static final FilterKey PASS = FilterKey.filterType("Pass");

    record Spec() implements FilterSpec {}

    @Test
    void bytesPerRequest() {
        // the access log and debug lines would dwarf the request path
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        System.out.printf("plain:    %d bytes/request%n", measure("/plain"));
        System.out.printf("filtered: %d bytes/request%n", measure("/filtered"));
    }

    private static long measure(String path) {
        HttpFilterFactory pass = new HttpFilterFactory() {
            @Override
            public FilterKey key() {
                return PASS;
            }

            @Override
            public FilterSpec translate(FilterConfig config) {
                return new Spec();
            }

            @Override
            public HttpFilter create(FilterSpec spec) {
                return (request, next) -> next.proceed(request);
            }
        };
        PluginRegistry registry = new PluginRegistry(List.of("test"), Map.of(PASS, pass), Map.of(), List.of(),
                Map.of(), PluginRegistry.CORE_FEATURES);
        CompiledRouteTable table = new RouteTableCompiler(registry, ProxyMetrics.NOOP).compile(
                ir(socket("127.0.0.1", 8080, listener("l", "*", vhost("*",
                        prefix("/plain", rule("plain", backend("b", 1, PORT))),
                        prefix("/filtered", rule("filtered", List.of(new IrFilter(PASS, new Spec())),
                                backend("b", 1, PORT))))))));
        BackendConnectionPools pools = new BackendConnectionPools(
                NioSocketChannel.class, BackendPoolSettings.DEFAULTS, Map.of(), ProxyMetrics.NOOP);
        ProxyContext context = new ProxyContext(new AtomicReference<>(table), new SocketKey("127.0.0.1", 8080),
                "http", pools);
        EmbeddedChannel client = new EmbeddedChannel(new HttpServerCodec(), new ProxyHandler(context, false));
        BackendConnectionPool pool = pools.forLoop(client.eventLoop());
        EmbeddedChannel backend = new EmbeddedChannel(new HttpClientCodec(),
                new BackendHandler(pool, new BackendEndpoint("127.0.0.1", PORT, ""), null, null));
        pool.release(BackendHandler.of(backend));
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        try {
            for (int i = 0; i < 50_000; i++) {
                exchange(client, backend, request, response);
            }
            int n = 200_000;
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < n; i++) {
                exchange(client, backend, request, response);
            }
            return (threads.getThreadAllocatedBytes(id) - before) / n;
        } finally {
            client.finishAndReleaseAll();
            backend.finishAndReleaseAll();
        }
    }

    private static void exchange(EmbeddedChannel client, EmbeddedChannel backend, byte[] request, byte[] response) {
        client.writeInbound(Unpooled.wrappedBuffer(request));
        assertThat(drain(backend)).isPositive();
        backend.writeInbound(Unpooled.wrappedBuffer(response));
        assertThat(drain(client)).isPositive();
    }

    private static int drain(EmbeddedChannel channel) {
        int bytes = 0;
        Object msg;
        while ((msg = channel.readOutbound()) != null) {
            if (msg instanceof ByteBuf buf) {
                bytes += buf.readableBytes();
            }
            ReferenceCountUtil.release(msg);
        }
        return bytes;
    }
}
