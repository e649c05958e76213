package io.lintel.core.route;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.ir.IrHeaderMatch;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrQueryParamMatch;
import io.lintel.core.ir.IrRouteMatch;
import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrVirtualHost;
import java.util.List;
import java.util.Optional;

/** Small builders for IR values in tests. */
public final class IrFixtures {

    private IrFixtures() {}

    public static Ir ir(IrSocket... sockets) {
        return new Ir(List.of(sockets));
    }

    public static IrSocket socket(String address, int port, IrListener... listeners) {
        return new IrSocket(address, port, IrProtocol.HTTP, List.of(listeners));
    }

    public static IrListener listener(String name, String hostname, IrVirtualHost... virtualHosts) {
        return new IrListener(name, hostname, List.of(virtualHosts));
    }

    public static IrVirtualHost vhost(String hostname, IrRouteMatch... matches) {
        return new IrVirtualHost(hostname, List.of(matches));
    }

    public static IrRouteMatch prefix(String path, IrRule rule) {
        return match(new IrPathMatch(IrPathMatch.Type.PREFIX, path), List.of(), List.of(), null, rule);
    }

    public static IrRouteMatch match(IrPathMatch path, List<IrHeaderMatch> headers, List<IrQueryParamMatch> query,
            String method, IrRule rule) {
        return new IrRouteMatch(rule.name() + "/match/0", path, headers, query, Optional.ofNullable(method), rule);
    }

    public static IrRule rule(String name, IrBackend... backends) {
        return new IrRule(name, Optional.empty(), List.of(), List.of(backends), 0);
    }

    public static IrRule rule(String name, List<IrFilter> filters, IrBackend... backends) {
        return new IrRule(name, Optional.empty(), filters, List.of(backends), 0);
    }

    public static IrRule direct(String name, int status) {
        return new IrRule(name, Optional.empty(), List.of(), List.of(), status);
    }

    public static IrBackend backend(String name, int weight, int... ports) {
        List<IrEndpoint> endpoints = java.util.Arrays.stream(ports).mapToObj(p -> new IrEndpoint("127.0.0.1", p)).toList();
        return new IrBackend(name, weight, "", endpoints, 0, List.of());
    }

    public static IrBackend invalidBackend(String name, int status) {
        return new IrBackend(name, 1, "", List.of(), status, List.of());
    }
}
