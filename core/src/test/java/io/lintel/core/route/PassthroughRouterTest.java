package io.lintel.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrPassthrough;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrTls;
import io.lintel.core.ir.IrTlsRoute;
import io.lintel.core.testing.TestTls;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PassthroughRouterTest {

    private static final IrCertificate CERTIFICATE = IrCertificate.of("infra/c", TestTls.selfSigned("h.test").material());

    private static IrTlsRoute route(String name, String hostname, IrBackend... backends) {
        return new IrTlsRoute(name, hostname, List.of(backends));
    }

    private static IrBackend backend(String address, int weight) {
        return new IrBackend(address, weight, "", List.of(new IrEndpoint(address, 443)), 0, List.of());
    }

    private static IrListener passthrough(String hostname, IrTlsRoute... routes) {
        return IrListener.passthrough("tls-" + hostname, hostname, new IrPassthrough(List.of(routes)));
    }

    private static IrListener https(String hostname) {
        return new IrListener("https-" + hostname, hostname, List.of(),
                Optional.of(new IrTls(List.of(CERTIFICATE))));
    }

    private static PassthroughRouter router(IrListener... listeners) {
        return PassthroughRouter.compile(new IrSocket("127.0.0.1", 443, IrProtocol.TLS, List.of(listeners)));
    }

    private static String relayedTo(PassthroughRouter router, String serverName) {
        PassthroughRouter.Decision decision = router.route(serverName);
        assertThat(decision).isInstanceOf(PassthroughRouter.Relay.class);
        return ((PassthroughRouter.Relay) decision).route().name();
    }

    @Test
    void picksTheMostSpecificRouteHostname() {
        PassthroughRouter router = router(passthrough("*",
                route("exact", "a.example.com", backend("10.0.0.1", 1)),
                route("long-wildcard", "*.b.example.com", backend("10.0.0.2", 1)),
                route("wildcard", "*.example.com", backend("10.0.0.3", 1)),
                route("any", "*", backend("10.0.0.4", 1))));

        assertThat(relayedTo(router, "a.example.com")).isEqualTo("exact");
        assertThat(relayedTo(router, "A.Example.COM")).isEqualTo("exact");
        assertThat(relayedTo(router, "x.b.example.com")).isEqualTo("long-wildcard");
        assertThat(relayedTo(router, "b.example.com")).isEqualTo("wildcard");
        assertThat(relayedTo(router, "example.org")).isEqualTo("any");
    }

    @Test
    void theFirstRouteOfAHostnameWins() {
        PassthroughRouter router = router(passthrough("*",
                route("older", "a.example.com", backend("10.0.0.1", 1)),
                route("newer", "a.example.com", backend("10.0.0.2", 1))));

        assertThat(relayedTo(router, "a.example.com")).isEqualTo("older");
    }

    @Test
    void rejectsWithoutServerNameOrMatchingRoute() {
        PassthroughRouter router = router(passthrough("*.example.com",
                route("wildcard", "*.example.com", backend("10.0.0.1", 1))));

        assertThat(router.route(null)).isInstanceOf(PassthroughRouter.Reject.class);
        assertThat(router.route("")).isInstanceOf(PassthroughRouter.Reject.class);
        assertThat(router.route("example.com")).isInstanceOf(PassthroughRouter.Reject.class);
        assertThat(router.route("a.example.org")).isInstanceOf(PassthroughRouter.Reject.class);
    }

    @Test
    void namesOfHttpsListenersAreTerminated() {
        PassthroughRouter router = router(https("secure.example.com"),
                passthrough("*.example.com", route("wildcard", "*.example.com", backend("10.0.0.1", 1))));

        assertThat(router.route("secure.example.com")).isInstanceOf(PassthroughRouter.Terminate.class);
        assertThat(relayedTo(router, "app.example.com")).isEqualTo("wildcard");
        // as on an HTTPS socket, names no listener takes get the fallback certificate
        assertThat(router.route("other.org")).isInstanceOf(PassthroughRouter.Terminate.class);
        assertThat(router.route(null)).isInstanceOf(PassthroughRouter.Terminate.class);
    }

    @Test
    void invalidOrEmptyBackendsYieldNoEndpoint() {
        IrBackend invalid = new IrBackend("infra/missing:443", 1, "", List.of(), 500, List.of());
        IrBackend noEndpoints = new IrBackend("infra/empty:443", 1, "", List.of(), 0, List.of());
        PassthroughRouter router = router(passthrough("*",
                route("invalid", "invalid.test", invalid),
                route("empty", "empty.test", noEndpoints),
                route("weighted", "weighted.test", backend("10.0.0.1", 0), backend("10.0.0.2", 1))));

        assertThat(((PassthroughRouter.Relay) router.route("invalid.test")).route().pickEndpoint()).isNull();
        assertThat(((PassthroughRouter.Relay) router.route("empty.test")).route().pickEndpoint()).isNull();
        for (int i = 0; i < 20; i++) {
            assertThat(((PassthroughRouter.Relay) router.route("weighted.test")).route().pickEndpoint().address())
                    .isEqualTo("10.0.0.2");
        }
    }

    @Test
    void aTerminateListenerRelaysDecrypted() {
        IrListener terminate = new IrListener("terminate", "t.example.com", List.of(),
                Optional.of(new IrTls(List.of(CERTIFICATE))),
                Optional.of(new IrPassthrough(List.of(route("terminated", "*", backend("10.0.0.1", 1))))));
        PassthroughRouter router = router(terminate, passthrough("*", route("raw", "*", backend("10.0.0.2", 1))));

        PassthroughRouter.Decision decrypted = router.route("t.example.com");
        PassthroughRouter.Decision raw = router.route("p.example.com");

        assertThat(decrypted).isEqualTo(new PassthroughRouter.Relay(((PassthroughRouter.Relay) decrypted).route(), true));
        assertThat(((PassthroughRouter.Relay) decrypted).route().name()).isEqualTo("terminated");
        assertThat(((PassthroughRouter.Relay) raw).decrypt()).isFalse();
        assertThat(((PassthroughRouter.Relay) raw).route().name()).isEqualTo("raw");
    }
}
