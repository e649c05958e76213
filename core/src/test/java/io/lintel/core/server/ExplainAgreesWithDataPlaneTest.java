package io.lintel.core.server;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.match;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrHeaderMatch;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrQueryParamMatch;
import io.lintel.core.ir.IrRouteMatch;
import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrValueMatchType;
import io.lintel.core.ir.IrVirtualHost;
import io.lintel.core.route.RouteExplainer;
import io.lintel.core.route.RouteExplanation;
import io.lintel.core.route.SocketKey;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code explain} against the data plane itself: a configuration of overlapping listener hostnames, route hostnames,
 * paths, headers, methods and query parameters, every rule's backend answering with the rule's name; 200 random
 * requests go through the proxy, and for each the rule {@link RouteExplainer} names is the rule that answered.
 */
@ExtendWith(NettyLeakDetection.class)
class ExplainAgreesWithDataPlaneTest {

    private static final String[] HOSTS = {"a.example.com", "b.example.com", "x.org", "deep.b.example.com"};
    private static final String[] TARGETS = {"/", "/api", "/api/v1", "/api/v1/users?q=1", "/api/v2?q=2", "/static/app.js",
            "/api/../static/x", "/apix", "/users/42", "/users/abc?q=1"};

    private final List<TestBackend> backends = new ArrayList<>();
    private LoopbackDataPlane dataPlane;

    @BeforeEach
    void start() throws Exception {
        dataPlane = LoopbackDataPlane.start();
    }

    @AfterEach
    void stop() {
        dataPlane.close();
        backends.forEach(TestBackend::close);
    }

    /** A rule whose one backend answers with the rule's name. */
    private IrRule rule(String name) throws Exception {
        TestBackend backend = new TestBackend(name);
        backends.add(backend);
        return new IrRule(name, Optional.empty(), List.of(), List.of(backend("default/" + backends.size() + ":80", 1,
                backend.port())), 0);
    }

    private static IrRouteMatch when(IrPathMatch.Type type, String path, String header, String method, String query,
            IrRule rule) {
        return match(new IrPathMatch(type, path),
                header == null ? List.of() : List.of(new IrHeaderMatch(IrValueMatchType.EXACT, "x-v", header)),
                query == null ? List.of() : List.of(new IrQueryParamMatch(IrValueMatchType.REGULAR_EXPRESSION, "q", query)),
                method, rule);
    }

    /** The matches of one route hostname, in the Gateway API's precedence order (as the translator sorts them). */
    private List<IrRouteMatch> matches(String route) throws Exception {
        return List.of(
                when(IrPathMatch.Type.EXACT, "/api/v1", null, null, null, rule(route + "/rule/0")),
                when(IrPathMatch.Type.PREFIX, "/api/v1", "1", "POST", null, rule(route + "/rule/1")),
                when(IrPathMatch.Type.PREFIX, "/api/v1", "1", null, null, rule(route + "/rule/2")),
                when(IrPathMatch.Type.PREFIX, "/api", null, null, "[12]", rule(route + "/rule/3")),
                when(IrPathMatch.Type.PREFIX, "/api", null, "POST", null, rule(route + "/rule/4")),
                when(IrPathMatch.Type.PREFIX, "/static", null, null, null, rule(route + "/rule/5")),
                when(IrPathMatch.Type.REGULAR_EXPRESSION, "/users/[0-9]+", null, null, null, rule(route + "/rule/6")));
    }

    @Test
    void theExplainedRuleIsTheRuleThatAnswers() throws Exception {
        int port = dataPlane.port();
        List<IrRouteMatch> wildcard = new ArrayList<>(matches("httproute/default/wild"));
        wildcard.add(when(IrPathMatch.Type.PREFIX, "/", "2", null, null, rule("httproute/default/wild-v2/rule/0")));
        dataPlane.serve(IrProtocol.HTTP,
                new IrListener("gateway/default/gw/listener/a", "a.example.com", List.of(
                        new IrVirtualHost("a.example.com", matches("httproute/default/a")))),
                new IrListener("gateway/default/gw/listener/wild", "*.example.com", List.of(
                        new IrVirtualHost("deep.b.example.com", matches("httproute/default/deep")),
                        new IrVirtualHost("*.example.com", wildcard))),
                new IrListener("gateway/default/gw/listener/any", "*", List.of(
                        new IrVirtualHost("*", List.of(when(IrPathMatch.Type.PREFIX, "/users", null, null, null,
                                rule("httproute/default/any/rule/0")))))));
        SocketKey socket = new SocketKey("127.0.0.1", port);
        Random random = new Random(4242);
        Set<String> answered = new HashSet<>();
        int notFound = 0;
        for (int i = 0; i < 200; i++) {
            String host = HOSTS[random.nextInt(HOSTS.length)];
            String target = TARGETS[random.nextInt(TARGETS.length)];
            String method = random.nextInt(3) == 0 ? "POST" : "GET";
            String header = switch (random.nextInt(3)) {
                case 0 -> "1";
                case 1 -> "2";
                default -> null;
            };
            HttpHeaders headers = new DefaultHttpHeaders();
            if (header != null) {
                headers.add("X-V", header);
            }

            String response = RawHttp.exchange(port, method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (header == null ? "" : "X-V: " + header + "\r\n") + "Content-Length: 0\r\nConnection: close\r\n\r\n");
            RouteExplanation explanation = RouteExplainer.explain(dataPlane.dataPlane().currentTable(), socket,
                    new RouteExplainer.Request(method, host, target, headers), 100);

            String request = method + " " + host + target + " x-v=" + header;
            if (RawHttp.status(response) == 404) {
                assertThat(explanation.result().matched()).as(request).isFalse();
                notFound++;
            } else {
                answered.add(RawHttp.body(response));
                assertThat(RawHttp.status(response)).as(request).isEqualTo(200);
                assertThat(explanation.result().rule()).as(request).isEqualTo(RawHttp.body(response));
            }
        }
        // the configuration is exercised: many rules answered, and some requests matched nothing
        assertThat(answered).hasSizeGreaterThan(15);
        assertThat(notFound).isPositive();
    }
}
