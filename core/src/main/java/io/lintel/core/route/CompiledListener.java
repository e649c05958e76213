package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

/** A listener of a socket: its virtual hosts by hostname. */
public final class CompiledListener {

    private final String name;
    private final HostSelector<CompiledVirtualHost> virtualHosts;

    public CompiledListener(String name, HostSelector<CompiledVirtualHost> virtualHosts) {
        this.name = requireNonNull(name, "name");
        this.virtualHosts = requireNonNull(virtualHosts, "virtualHosts");
    }

    /** The rule for a normalised host and request, or null when no virtual host or match applies. */
    public CompiledRule route(String host, RouteRequest request) {
        CompiledVirtualHost virtualHost = virtualHosts.select(host);
        return virtualHost == null ? null : virtualHost.route(request);
    }

    /** The listener's virtual hosts by hostname, for {@link RouteExplainer}. */
    HostSelector<CompiledVirtualHost> virtualHosts() {
        return virtualHosts;
    }

    public String name() {
        return name;
    }
}
