package io.lintel.core.admin;

import static java.util.Objects.requireNonNull;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrPassthrough;
import io.lintel.core.ir.IrRouteMatch;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrTlsRoute;
import io.lintel.core.ir.IrVirtualHost;
import io.lintel.spi.config.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which resources {@code /status} and {@code /config} show: the query parameters {@code kind}, {@code namespace}
 * and {@code name}, each an exact match, combined with AND; a parameter given several times matches any of its
 * values; an absent parameter matches everything. {@code namespace=} (empty) selects cluster-scoped resources.
 *
 * @param kinds e.g. {@code HTTPRoute}; empty: any kind
 * @param namespaces empty: any namespace
 * @param names empty: any name
 */
record ResourceFilter(Set<String> kinds, Set<String> namespaces, Set<String> names) {

    static final ResourceFilter ALL = new ResourceFilter(Set.of(), Set.of(), Set.of());

    private static final Set<String> PARAMETERS = Set.of("kind", "namespace", "name");

    ResourceFilter {
        kinds = Set.copyOf(requireNonNull(kinds, "kinds"));
        namespaces = Set.copyOf(requireNonNull(namespaces, "namespaces"));
        names = Set.copyOf(requireNonNull(names, "names"));
    }

    /**
     * The filter a request's query parameters describe.
     *
     * @throws IllegalArgumentException naming a parameter other than {@code kind}, {@code namespace}, {@code name}
     */
    static ResourceFilter of(String path, Map<String, List<String>> parameters) {
        Set<String> unknown = new TreeSet<>(parameters.keySet());
        unknown.removeAll(PARAMETERS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("GET " + path + ": unknown query parameter(s) " + unknown
                    + " (expected: kind, namespace, name)");
        }
        return new ResourceFilter(
                Set.copyOf(parameters.getOrDefault("kind", List.of())),
                Set.copyOf(parameters.getOrDefault("namespace", List.of())),
                Set.copyOf(parameters.getOrDefault("name", List.of())));
    }

    boolean selectsAll() {
        return kinds.isEmpty() && namespaces.isEmpty() && names.isEmpty();
    }

    boolean matches(ResourceKey key) {
        return matches(key.kind(), key.namespace(), key.name());
    }

    boolean matches(String kind, String namespace, String name) {
        return (kinds.isEmpty() || kinds.contains(kind))
                && (namespaces.isEmpty() || namespaces.contains(namespace))
                && (names.isEmpty() || names.contains(name));
    }

    /**
     * Whether an IR name ({@code gateway/<ns>/<gateway>/listener/<l>}, {@code httproute/<ns>/<name>/rule/<i>/...},
     * {@code tlsroute/<ns>/<name>}) belongs to a selected resource; its kind is in lower case, so kinds are compared
     * ignoring case.
     */
    boolean matchesIrName(String irName) {
        String[] parts = irName.split("/", 4);
        if (parts.length < 3) {
            return false;
        }
        if (!kinds.isEmpty() && kinds.stream().noneMatch(kind -> kind.toLowerCase(Locale.ROOT).equals(parts[0]))) {
            return false;
        }
        return (namespaces.isEmpty() || namespaces.contains(parts[1])) && (names.isEmpty() || names.contains(parts[2]));
    }

    /**
     * The part of {@code ir} that selected resources contribute: a selected Gateway's listeners whole, and of other
     * listeners the route matches (and relayed routes) of selected routes; sockets, listeners and virtual hosts
     * left empty are dropped.
     */
    Ir select(Ir ir) {
        if (selectsAll()) {
            return ir;
        }
        List<IrSocket> sockets = new ArrayList<>();
        for (IrSocket socket : ir.sockets()) {
            List<IrListener> listeners = new ArrayList<>();
            for (IrListener listener : socket.listeners()) {
                select(listener).ifPresent(listeners::add);
            }
            if (!listeners.isEmpty()) {
                sockets.add(new IrSocket(socket.address(), socket.port(), socket.protocol(), listeners));
            }
        }
        return new Ir(sockets);
    }

    private Optional<IrListener> select(IrListener listener) {
        if (matchesIrName(listener.name())) {
            return Optional.of(listener);
        }
        List<IrVirtualHost> virtualHosts = new ArrayList<>();
        for (IrVirtualHost virtualHost : listener.virtualHosts()) {
            List<IrRouteMatch> matches = virtualHost.matches().stream().filter(m -> matchesIrName(m.name())).toList();
            if (!matches.isEmpty()) {
                virtualHosts.add(new IrVirtualHost(virtualHost.hostname(), matches));
            }
        }
        Optional<IrPassthrough> passthrough = listener.passthrough().map(p -> new IrPassthrough(
                p.routes().stream().filter(route -> matchesIrName(route.name())).toList()));
        List<IrTlsRoute> relayed = passthrough.map(IrPassthrough::routes).orElse(List.of());
        if (virtualHosts.isEmpty() && relayed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IrListener(listener.name(), listener.hostname(), virtualHosts, listener.tls(), passthrough));
    }
}
