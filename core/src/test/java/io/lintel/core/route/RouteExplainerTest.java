package io.lintel.core.route;

import static io.lintel.core.route.IrFixtures.backend;
import static io.lintel.core.route.IrFixtures.ir;
import static io.lintel.core.route.IrFixtures.listener;
import static io.lintel.core.route.IrFixtures.match;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.rule;
import static io.lintel.core.route.IrFixtures.socket;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lintel.core.ir.IrHeaderMatch;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrQueryParamMatch;
import io.lintel.core.ir.IrRouteMatch;
import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrValueMatchType;
import io.lintel.core.ir.IrVirtualHost;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.route.RouteExplanation.HostCandidate;
import io.lintel.core.route.RouteExplanation.MatchCandidate;
import io.lintel.core.route.RouteExplanation.Verdict;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RouteExplainerTest {

    private static final SocketKey SOCKET = new SocketKey("127.0.0.1", 8080);
    private final RouteTableCompiler compiler = new RouteTableCompiler(PluginRegistry.EMPTY, ProxyMetrics.NOOP);

    private static IrRule named(String name, String ruleName) {
        return new IrRule(name, Optional.of(ruleName), List.of(), List.of(backend("default/" + ruleName + ":80", 1, 9001)), 0);
    }

    private static IrRouteMatch header(String path, String name, String value, IrRule rule) {
        return match(new IrPathMatch(IrPathMatch.Type.PREFIX, path),
                List.of(new IrHeaderMatch(IrValueMatchType.EXACT, name, value)), List.of(), null, rule);
    }

    private static IrRouteMatch method(String path, String method, IrRule rule) {
        return match(new IrPathMatch(IrPathMatch.Type.PREFIX, path), List.of(), List.of(), method, rule);
    }

    private static RouteExplainer.Request request(String method, String host, String target, String... headers) {
        HttpHeaders httpHeaders = new DefaultHttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            httpHeaders.add(headers[i], headers[i + 1]);
        }
        return new RouteExplainer.Request(method, host, target, httpHeaders);
    }

    /** Three routes on one host: a header-gated canary, a POST-only rule, then the catch-all of /api. */
    private CompiledRouteTable shop() {
        IrRule canary = named("httproute/default/canary/rule/0", "canary");
        IrRule post = named("httproute/default/api/rule/1", "writes");
        IrRule api = named("httproute/default/api/rule/0", "reads");
        return compiler.compile(ir(socket("127.0.0.1", 8080,
                listener("gateway/default/gw/listener/shop", "shop.example.com",
                        vhost("shop.example.com", header("/api", "x-env", "canary", canary), method("/api", "POST", post),
                                prefix("/api", api))),
                listener("gateway/default/gw/listener/wild", "*.example.com",
                        vhost("*.example.com", prefix("/", named("httproute/default/wild/rule/0", "wild")))),
                listener("gateway/default/gw/listener/any", "*",
                        vhost("*", prefix("/", named("httproute/default/any/rule/0", "any")))))));
    }

    @Test
    void namesTheListenerRuleAndBackendAndWhyEachEarlierMatchDidNotApply() {
        RouteExplanation explanation = RouteExplainer.explain(shop(), SOCKET,
                request("GET", "Shop.Example.com:8080", "/api/cart?id=7"), 100);

        assertThat(explanation.host()).isEqualTo("shop.example.com");
        assertThat(explanation.path()).isEqualTo("/api/cart");
        assertThat(explanation.listeners()).extracting(HostCandidate::name, HostCandidate::verdict).containsExactly(
                tuple("gateway/default/gw/listener/shop", Verdict.SELECTED),
                tuple("gateway/default/gw/listener/wild", Verdict.LESS_SPECIFIC),
                tuple("gateway/default/gw/listener/any", Verdict.LESS_SPECIFIC));
        assertThat(explanation.matches()).extracting(MatchCandidate::rule).containsExactly(
                "httproute/default/canary/rule/0", "httproute/default/api/rule/1", "httproute/default/api/rule/0");
        assertThat(explanation.matches().get(0).mismatch())
                .isEqualTo(new MatchMismatch("header", "x-env", "Exact canary", null));
        assertThat(explanation.matches().get(0).mismatch().describe())
                .isEqualTo("header x-env: requires Exact canary, request has none");
        assertThat(explanation.matches().get(1).mismatch()).isEqualTo(new MatchMismatch("method", "method", "POST", "GET"));
        assertThat(explanation.matches().get(2).matched()).isTrue();
        assertThat(explanation.result().matched()).isTrue();
        assertThat(explanation.result().listener()).isEqualTo("gateway/default/gw/listener/shop");
        assertThat(explanation.result().route()).isEqualTo("httproute/default/api");
        assertThat(explanation.result().rule()).isEqualTo("httproute/default/api/rule/0");
        assertThat(explanation.result().ruleName()).isEqualTo("reads");
        assertThat(explanation.result().backends()).containsExactly(new BackendState("default/reads:80", 1, 0,
                List.of(new BackendState.Endpoint("127.0.0.1", 9001, false))));
        assertThat(explanation.notes()).isEmpty();
    }

    @Test
    void aHostNoListenerNamesFallsToTheCatchAllAndTheOthersAreHostMismatches() {
        RouteExplanation explanation = RouteExplainer.explain(shop(), SOCKET, request("GET", "other.org", "/x"), 100);

        assertThat(explanation.listeners()).extracting(HostCandidate::verdict)
                .containsExactly(Verdict.HOST_MISMATCH, Verdict.HOST_MISMATCH, Verdict.SELECTED);
        assertThat(explanation.result().rule()).isEqualTo("httproute/default/any/rule/0");
    }

    @Test
    void aRequestNothingMatchesIsTheNotFoundRuleWithEveryMatchExplained() {
        RouteExplanation explanation = RouteExplainer.explain(shop(), SOCKET,
                request("GET", "shop.example.com", "/web/../checkout"), 100);

        assertThat(explanation.path()).as("normalised as the data plane does").isEqualTo("/checkout");
        assertThat(explanation.matches()).hasSize(3).allSatisfy(match -> assertThat(match.matched()).isFalse());
        assertThat(explanation.matches().get(2).mismatch().describe())
                .isEqualTo("path: requires PathPrefix /api, request has /checkout");
        assertThat(explanation.result().matched()).isFalse();
        assertThat(explanation.result().rule()).isEqualTo("none");
        assertThat(explanation.result().directResponseStatus()).isEqualTo(404);
    }

    @Test
    void aQueryParameterConditionIsExplainedWithTheDecodedValue() {
        IrRule v2 = named("httproute/default/v/rule/0", "v2");
        CompiledRouteTable table = compiler.compile(ir(socket("127.0.0.1", 8080, listener("gateway/default/gw/listener/h", "*",
                vhost("*", match(new IrPathMatch(IrPathMatch.Type.PREFIX, "/"), List.of(),
                        List.of(new IrQueryParamMatch(IrValueMatchType.REGULAR_EXPRESSION, "v", "2\\d*")), null, v2))))));

        RouteExplanation explanation = RouteExplainer.explain(table, SOCKET, request("GET", "h", "/?v=1%20x"), 100);

        assertThat(explanation.matches().get(0).mismatch())
                .isEqualTo(new MatchMismatch("query", "v", "RegularExpression 2\\d*", "1 x"));
    }

    @Test
    void theLimitKeepsTheListShortButNeverDropsTheMatchThatApplied() {
        List<IrRouteMatch> matches = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            matches.add(IrFixtures.prefix("/p" + i, named("httproute/default/r" + i + "/rule/0", "r" + i)));
        }
        matches.add(IrFixtures.prefix("/", named("httproute/default/last/rule/0", "last")));
        CompiledRouteTable table = compiler.compile(ir(socket("127.0.0.1", 8080,
                listener("gateway/default/gw/listener/h", "*", new IrVirtualHost("*", matches)))));

        RouteExplanation explanation = RouteExplainer.explain(table, SOCKET, request("GET", "h", "/x"), 5);

        assertThat(explanation.matches()).hasSize(6);
        assertThat(explanation.matchesNotShown()).isEqualTo(25);
        assertThat(explanation.matches().get(5).rule()).isEqualTo("httproute/default/last/rule/0");
        assertThat(explanation.result().rule()).isEqualTo("httproute/default/last/rule/0");
    }

    @Test
    void aSocketThatIsNotServedIsSaidToBeSo() {
        RouteExplanation explanation = RouteExplainer.explain(shop(), new SocketKey("127.0.0.1", 9999),
                request("GET", "shop.example.com", "/"), 100);

        assertThat(explanation.protocol()).isEqualTo("NONE");
        assertThat(explanation.notes()).containsExactly(
                "no HTTP socket 127.0.0.1:9999 in the configuration served: requests there are not accepted");
        assertThat(explanation.result().matched()).isFalse();
    }

    /**
     * Random requests over overlapping paths, headers, methods and query parameters on an indexed host (more matches
     * than {@link CompiledVirtualHost#INDEX_THRESHOLD}): the explained answer is the lookup's, and the walk agrees.
     */
    @Test
    void agreesWithTheIndexedLookupOnRandomRequests() {
        List<IrRouteMatch> matches = new ArrayList<>();
        String[] paths = {"/a/b", "/a", "/b", "/"};
        int rule = 0;
        for (String path : paths) {
            matches.add(header(path, "x-v", "1", named("httproute/default/r" + rule + "/rule/0", "h" + rule++)));
            matches.add(method(path, "POST", named("httproute/default/r" + rule + "/rule/0", "m" + rule++)));
            matches.add(match(new IrPathMatch(IrPathMatch.Type.EXACT, path + "/x"), List.of(),
                    List.of(new IrQueryParamMatch(IrValueMatchType.EXACT, "q", "1")), null,
                    named("httproute/default/r" + rule + "/rule/0", "q" + rule++)));
            matches.add(match(new IrPathMatch(IrPathMatch.Type.REGULAR_EXPRESSION, path + "[0-9]+"), List.of(), List.of(),
                    null, named("httproute/default/r" + rule + "/rule/0", "x" + rule++)));
            matches.add(prefix(path, named("httproute/default/r" + rule + "/rule/0", "p" + rule++)));
        }
        CompiledRouteTable table = compiler.compile(ir(socket("127.0.0.1", 8080,
                listener("gateway/default/gw/listener/h", "*", new IrVirtualHost("*", matches)))));
        assertThat(table.sockets().get(SOCKET).listeners().select("h").virtualHosts().select("h").indexed()).isTrue();
        Random random = new Random(17);
        String[] targets = {"/a/b/x?q=1", "/a/b/c", "/a/x?q=2", "/a12", "/b/x?q=1", "/b", "/c", "/a/b7", "/", "/b3"};
        for (int i = 0; i < 500; i++) {
            String method = random.nextInt(3) == 0 ? "POST" : "GET";
            String target = targets[random.nextInt(targets.length)];
            RouteExplainer.Request request = random.nextBoolean()
                    ? request(method, "h", target, "x-v", random.nextBoolean() ? "1" : "2")
                    : request(method, "h", target);

            RouteExplanation explanation = RouteExplainer.explain(table, SOCKET, request, 100);

            String lookedUp = table.routeHost(SOCKET, "h",
                    new RouteRequest().reset(method, target, request.headers())).name();
            assertThat(explanation.result().rule()).as("%s %s %s", method, target, request.headers()).isEqualTo(lookedUp);
            assertThat(explanation.notes()).as("%s %s", method, target).isEmpty();
        }
    }
}
