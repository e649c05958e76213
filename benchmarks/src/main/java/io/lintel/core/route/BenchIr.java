package io.lintel.core.route;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrRouteMatch;
import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrVirtualHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** IRs of N routes in the layouts the benchmarks measure, built by hand from the IR records. */
public final class BenchIr {

    static final SocketKey SOCKET = new SocketKey("127.0.0.1", 8080);

    /** How N routes are laid out. */
    public enum Layout {
        /** Each route its own hostname {@code h<i>.example.com}, path prefix {@code /}. */
        HOSTS,
        /** One hostname, path prefixes {@code /p<i>/}. */
        PREFIX,
        /** One hostname, exact paths {@code /e<i>}. */
        EXACT,
        /** One hostname, regular expressions {@code /r<i>/[a-z]+}. */
        REGEX;

        /** The host a request for route {@code i} carries. */
        String host(int i) {
            return this == HOSTS ? "h" + i + ".example.com" : "example.com";
        }

        /** A request path that route {@code i} (and no earlier route) matches. */
        String path(int i) {
            return switch (this) {
                case HOSTS -> "/";
                case PREFIX -> "/p" + i + "/items";
                case EXACT -> "/e" + i;
                case REGEX -> "/r" + i + "/abc";
            };
        }

        IrPathMatch pathMatch(int i) {
            return switch (this) {
                case HOSTS -> IrPathMatch.MATCH_ALL;
                case PREFIX -> new IrPathMatch(IrPathMatch.Type.PREFIX, "/p" + i + "/");
                case EXACT -> new IrPathMatch(IrPathMatch.Type.EXACT, "/e" + i);
                case REGEX -> new IrPathMatch(IrPathMatch.Type.REGULAR_EXPRESSION, "/r" + i + "/[a-z]+");
            };
        }
    }

    private BenchIr() {}

    static IrRouteMatch route(Layout layout, int i, int generation) {
        String name = "httproute/default/r" + i + "/rule/0";
        IrBackend backend = new IrBackend("default/svc" + i + ":80", 1, "",
                List.of(new IrEndpoint("10.0." + (i >> 8 & 255) + "." + (i & 255), 8080 + generation)), 0, List.of());
        IrRule rule = new IrRule(name, Optional.empty(), List.of(), List.of(backend), 0);
        return new IrRouteMatch(name + "/match/0", layout.pathMatch(i), List.of(), List.of(), Optional.empty(), rule);
    }

    /** The virtual hosts of N routes. */
    static List<IrVirtualHost> virtualHosts(Layout layout, int routes) {
        List<IrVirtualHost> hosts = new ArrayList<>();
        if (layout == Layout.HOSTS) {
            for (int i = 0; i < routes; i++) {
                hosts.add(new IrVirtualHost(layout.host(i), List.of(route(layout, i, 0))));
            }
        } else {
            List<IrRouteMatch> matches = new ArrayList<>(routes);
            for (int i = 0; i < routes; i++) {
                matches.add(route(layout, i, 0));
            }
            hosts.add(new IrVirtualHost(layout.host(0), matches));
        }
        return hosts;
    }

    /**
     * The same virtual hosts with route {@code changed} changed (its backend's port): the virtual host holding it is
     * a new instance, every other one (and every other match and rule) the same instance.
     */
    static List<IrVirtualHost> withChangedRoute(Layout layout, List<IrVirtualHost> hosts, int changed, int generation) {
        List<IrVirtualHost> result = new ArrayList<>(hosts);
        if (layout == Layout.HOSTS) {
            result.set(changed, new IrVirtualHost(layout.host(changed), List.of(route(layout, changed, generation))));
        } else {
            List<IrRouteMatch> matches = new ArrayList<>(hosts.get(0).matches());
            matches.set(changed, route(layout, changed, generation));
            result.set(0, new IrVirtualHost(hosts.get(0).hostname(), matches));
        }
        return result;
    }

    static Ir ir(List<IrVirtualHost> hosts) {
        IrListener listener = new IrListener("gateway/default/gw/listener/http", "*", hosts);
        return new Ir(List.of(new IrSocket(SOCKET.address(), SOCKET.port(), IrProtocol.HTTP, List.of(listener))));
    }
}
