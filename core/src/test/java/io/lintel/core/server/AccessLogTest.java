package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.observe.ExchangeObserver;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The access log ({@code io.lintel.access}, on with {@code lintel.accessLog.format}): one line per request, naming the
 * route, the rule and its GEP-995 name, the backend and the endpoint.
 */
@ExtendWith(NettyLeakDetection.class)
class AccessLogTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger accessLogger = (Logger) LoggerFactory.getLogger("io.lintel.access");
    private Level previousLevel;
    private ExchangeObserver observer;
    private NettyDataPlane dataPlane;
    private TestBackend backend;
    private int port;

    @BeforeEach
    void start() throws Exception {
        previousLevel = accessLogger.getLevel();
        accessLogger.setLevel(Level.INFO);
        lines.start();
        accessLogger.addAppender(lines);
        System.setProperty("lintel.accessLog.format", "text");
        try {
            observer = ExchangeObserver.fromSettings();
        } finally {
            System.clearProperty("lintel.accessLog.format");
        }
        ExchangeObserver.install(observer);
        backend = new TestBackend("A");
        port = RawHttp.freePort();
        dataPlane = new NettyDataPlane(new EventLoops(1, true), PluginRegistry.EMPTY, ProxyMetrics.NOOP,
                DataPlaneSettings.DEFAULTS);
        IrRule named = new IrRule("httproute/infra/web/rule/1", Optional.of("checkout"), List.of(),
                List.of(backend("infra/shop:80", 1, backend.port())), 0);
        IrListener listener = new IrListener("l", "*", List.of(vhost("*",
                prefix("/shop", named),
                prefix("/", rule("httproute/infra/web/rule/0", backend("infra/web:80", 1, backend.port()))))),
                Optional.empty());
        assertThat(dataPlane.apply(new Ir(List.of(new IrSocket("127.0.0.1", port, IrProtocol.HTTP, List.of(listener))))))
                .isEmpty();
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backend.close();
        accessLogger.detachAppender(lines);
        accessLogger.setLevel(previousLevel);
        ExchangeObserver.install(null);
        observer.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void logsOneLinePerRequestWithTheRuleName() throws Exception {
        HttpResponse<String> response = get("/shop/cart?id=7");

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !lines.list.isEmpty());
        assertThat(messages()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("start_time=")
                .contains(" client=127.0.0.1 protocol=HTTP/1.1 method=GET authority=127.0.0.1:" + port
                        + " path=/shop/cart?id=7 status=200 bytes_in=0 bytes_out=" + response.body().length() + " ")
                .contains(" route=httproute/infra/web rule=1 rule_name=checkout backend=infra/shop:80 endpoint=127.0.0.1:"
                        + backend.port() + " upstream_ms=")
                .endsWith(" attempts=1 trace_id=- flags=-"));
    }

    @Test
    void unnamedRulesAndLocalAnswersAreLoggedToo() throws Exception {
        get("/other");
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.list.size() == 1);
        assertThat(messages().get(0)).contains(" route=httproute/infra/web rule=0 rule_name=- backend=infra/web:80 ");

        dataPlane.apply(new Ir(List.of(new IrSocket("127.0.0.1", port, IrProtocol.HTTP, List.of(new IrListener("l",
                "only.test", List.of(), Optional.empty()))))));
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.list.size() == 2);
        assertThat(messages().get(1)).contains(" status=404 ").endsWith(" route=- rule=none rule_name=- backend=-"
                + " endpoint=- upstream_ms=- attempts=0 trace_id=- flags=local");
    }

    @Test
    void writesNothingWhenTheLoggerIsOff() throws Exception {
        accessLogger.setLevel(Level.OFF);

        assertThat(get("/shop").statusCode()).isEqualTo(200);
        assertThat(get("/").statusCode()).isEqualTo(200);

        assertThat(lines.list).isEmpty();
    }

    @Test
    void writesNothingWhenTheSettingIsOff() throws Exception {
        ExchangeObserver.install(null);

        assertThat(get("/shop").statusCode()).isEqualTo(200);

        assertThat(lines.list).isEmpty();
    }

    @Test
    void carriesTheTraceIdTheClientSentEvenWithoutTracing() throws Exception {
        client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

        await().atMost(Duration.ofSeconds(10)).until(() -> lines.list.size() == 1);
        assertThat(messages().get(0)).contains(" trace_id=4bf92f3577b34da6a3ce929d0e0e4736 ");
        // tracing is off: the request went on as the client sent it
        assertThat(backend.lastHeaders().get("traceparent"))
                .containsExactly("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }
}
