package io.lintel.core.route;

import static io.lintel.core.route.IrFixtures.direct;
import static io.lintel.core.route.IrFixtures.prefix;
import static io.lintel.core.route.IrFixtures.vhost;
import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrTls;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.testing.TestGatewayTls;
import io.lintel.core.testing.TestTls;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The listeners of the conformance Gateway {@code same-namespace-with-https-listener} (a catch-all, an exact name, a
 * wildcard and an exact name under the wildcard, all on one HTTPS socket): a request whose host selects another
 * listener than the server name gets the 421 rule, exactly where upstream's HTTPRouteHTTPSListenerDetectMisdirectedRequests
 * expects it.
 */
class MisdirectedRequestRoutingTest {

    private static final SocketKey SOCKET = new SocketKey("127.0.0.1", 443);
    private static final IrTls TLS = new IrTls(List.of(IrCertificate.of("infra/cert",
            TestTls.selfSigned("*.org", "*.wildcard.org").material())));

    /** With the gateway-tls plugin's misdirected-request detection (core has none of its own). */
    private final RouteTableCompiler compiler = new RouteTableCompiler(
            PluginRegistry.EMPTY.withGatewayTls(TestGatewayTls.DETECT_MISDIRECTED), ProxyMetrics.NOOP);

    private static IrListener https(String name, String hostname) {
        return new IrListener(name, hostname, List.of(vhost("*", prefix("/", direct("rule-" + name, 200)))),
                Optional.of(TLS));
    }

    private final CompiledRouteTable table = compiler.compile(new Ir(List.of(new IrSocket("127.0.0.1", 443,
            IrProtocol.HTTPS, List.of(https("exact", "second-example.org"), https("under", "fourth-example.wildcard.org"),
                    https("wild", "*.wildcard.org"), https("any", "*"))))));

    private String route(String host, String serverName) {
        return table.routeHost(SOCKET, host, new RouteRequest().reset("GET", "/", new DefaultHttpHeaders()), serverName)
                .name();
    }

    @Test
    void sameListenerIsServed() {
        assertThat(route("example.org", "example.org")).isEqualTo("rule-any");
        assertThat(route("second-example.org", "second-example.org")).isEqualTo("rule-exact");
        assertThat(route("fith-example.wildcard.org", "third-example.wildcard.org")).isEqualTo("rule-wild");
        assertThat(route("example.org", "unknown-example.org")).isEqualTo("rule-any");
    }

    @Test
    void anotherListenerIsMisdirected() {
        assertThat(route("second-example.org", "example.org")).isEqualTo("misdirected");
        assertThat(route("example.org", "second-example.org")).isEqualTo("misdirected");
        assertThat(route("unknown-example.org", "second-example.org")).isEqualTo("misdirected");
        assertThat(route("fourth-example.wildcard.org", "third-example.wildcard.org")).isEqualTo("misdirected");
        assertThat(route("fith-example.wildcard.org", "fourth-example.wildcard.org")).isEqualTo("misdirected");
        assertThat(table.routeHost(SOCKET, "second-example.org", new RouteRequest().reset("GET", "/",
                new DefaultHttpHeaders()), "example.org").directResponseStatus()).isEqualTo(421);
    }

    @Test
    void withoutTheGatewayTlsPluginTheHostDecides() {
        CompiledRouteTable byHost = new RouteTableCompiler(PluginRegistry.EMPTY, ProxyMetrics.NOOP).compile(
                new Ir(List.of(new IrSocket("127.0.0.1", 443, IrProtocol.HTTPS, List.of(https("exact",
                        "second-example.org"), https("any", "*"))))));
        assertThat(byHost.routeHost(SOCKET, "second-example.org", new RouteRequest().reset("GET", "/",
                new DefaultHttpHeaders()), "example.org").name()).isEqualTo("rule-exact");
        assertThat(byHost.routeHost(SOCKET, "example.org", new RouteRequest().reset("GET", "/",
                new DefaultHttpHeaders()), "second-example.org").name()).isEqualTo("rule-any");
    }

    @Test
    void withoutServerNameTheHostDecides() {
        assertThat(route("second-example.org", "")).isEqualTo("rule-exact");
        assertThat(table.route(SOCKET, "second-example.org", new RouteRequest().reset("GET", "/",
                new DefaultHttpHeaders())).name()).isEqualTo("rule-exact");
    }

    @Test
    void aSocketWithOneTlsListenerIsNotChecked() {
        CompiledRouteTable single = compiler.compile(new Ir(List.of(new IrSocket("127.0.0.1", 443, IrProtocol.HTTPS,
                List.of(https("exact", "second-example.org"))))));

        assertThat(single.routeHost(SOCKET, "other.org", new RouteRequest().reset("GET", "/", new DefaultHttpHeaders()),
                "second-example.org").name()).isEqualTo("none");
    }
}
