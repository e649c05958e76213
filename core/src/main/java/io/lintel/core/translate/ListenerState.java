package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.lintel.core.ir.IrCertificate;
import io.lintel.core.ir.IrClientValidation;
import io.lintel.core.ir.IrTlsOptions;
import io.lintel.core.ir.IrVirtualHost;
import io.lintel.spi.config.ResourceKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the translator found out about one Gateway listener; filled in by several passes of one translation. */
final class ListenerState {

    record Kind(String group, String kind) {}

    final GatewayState gateway;
    /** The ListenerSet that contributes this listener to {@link #gateway}; null for the Gateway's own listeners. */
    final ListenerSetState listenerSet;
    final Listener spec;
    final String name;
    final int port;
    final String protocol;
    /** The listener's hostname, or {@code "*"}. */
    final String hostname;
    final List<Kind> supportedKinds = new ArrayList<>();
    /** The loaded {@code tls.certificateRefs}, in order; empty unless every reference resolved. */
    final List<IrCertificate> certificates = new ArrayList<>();
    /** The validated {@code tls.options}; empty when none are set. */
    Optional<IrTlsOptions> tlsOptions = Optional.empty();
    /** Client certificate validation from the Gateway's {@code tls.frontend}; empty when none applies. */
    Optional<IrClientValidation> clientValidation = Optional.empty();
    /** True when some references are unresolved yet the listener is served without them (FrontendClientValidation). */
    boolean servedWithUnresolvedRefs;

    boolean accepted = true;
    String acceptedReason = "Accepted";
    String acceptedMessage = "Listener is valid";
    boolean resolvedRefs = true;
    String resolvedRefsReason = "ResolvedRefs";
    String resolvedRefsMessage = "All references are resolved";
    String conflictReason;
    String conflictMessage;

    /** Routes attached here, each with the hostnames it serves on this listener ({@code "*"}: any). */
    final Map<ResourceKey, Set<String>> routes = new TreeMap<>();
    /** The same, by hostname: the routes serving each hostname, most specific hostname first. */
    final TreeMap<String, TreeSet<ResourceKey>> routesByHostname = new TreeMap<>(Hostnames.MOST_SPECIFIC_FIRST);
    /** The virtual hosts the IR was last assembled with, by hostname (kept for route-only changes). */
    final TreeMap<String, IrVirtualHost> virtualHosts = new TreeMap<>(Hostnames.MOST_SPECIFIC_FIRST);

    ListenerState(GatewayState gateway, Listener spec) {
        this(gateway, spec, null);
    }

    ListenerState(GatewayState gateway, Listener spec, ListenerSetState listenerSet) {
        this.gateway = gateway;
        this.listenerSet = listenerSet;
        this.spec = spec;
        this.name = spec.getName();
        this.port = spec.getPort();
        this.protocol = spec.getProtocol();
        this.hostname = spec.getHostname() == null || spec.getHostname().isEmpty() ? Hostnames.ANY : spec.getHostname();
    }

    String irName() {
        return listenerSet == null ? "gateway/" + gateway.namespace + "/" + gateway.name + "/listener/" + name
                : "listenerset/" + listenerSet.namespace + "/" + listenerSet.name + "/listener/" + name;
    }

    /**
     * The namespace of the resource that declares this listener: the default namespace of its certificate references
     * and the namespace {@code allowedRoutes.namespaces.from: Same} means.
     */
    String namespace() {
        return listenerSet == null ? gateway.namespace : listenerSet.namespace;
    }

    /** The kind that declares this listener, as ReferenceGrants name it in {@code from}. */
    String declaringKind() {
        return listenerSet == null ? "Gateway" : "ListenerSet";
    }

    /** {@code Gateway ns/name} or {@code ListenerSet ns/name}: who declares the listener, for messages. */
    String declaredBy() {
        return listenerSet == null ? "Gateway " + gateway.namespace + "/" + gateway.name
                : "ListenerSet " + listenerSet.namespace + "/" + listenerSet.name;
    }

    /** True when both listeners are declared by the same resource (hostnames may repeat only across resources). */
    boolean sameDeclarer(ListenerState other) {
        return gateway == other.gateway && listenerSet == other.listenerSet;
    }

    boolean programmed() {
        return accepted && conflictReason == null
                && (resolvedRefs || resolvedRefsReason.equals("InvalidRouteKinds") || servedWithUnresolvedRefs);
    }

    /** True when the data plane serves this listener. */
    boolean served() {
        return gateway.accepted && programmed()
                && (protocol.equals("HTTP") || protocol.equals("TCP") || datagram() || passthrough()
                        || ((protocol.equals("HTTPS") || terminatesTlsRoutes()) && !certificates.isEmpty()));
    }

    /**
     * True for a TLS listener in Terminate mode (the default mode): it terminates TLS with its certificates and
     * relays the decrypted bytes of TLSRoute connections.
     */
    boolean terminatesTlsRoutes() {
        return protocol.equals("TLS") && !passthrough();
    }

    /**
     * True when the listener relays whole connections to the backends of TLSRoutes or TCPRoutes, or datagrams to
     * those of UDPRoutes (no HTTP).
     */
    boolean relays() {
        return protocol.equals("TLS") || protocol.equals("TCP") || datagram();
    }

    /** True for a UDP listener: a datagram socket, which may share its port number with a TCP one. */
    boolean datagram() {
        return protocol.equals("UDP");
    }

    /** True for a TLS listener in Passthrough mode (TLSRoutes; TLS is relayed, not terminated). */
    boolean passthrough() {
        return protocol.equals("TLS") && spec.getTls() != null && "Passthrough".equals(spec.getTls().getMode());
    }

    boolean allows(String group, String kind) {
        return supportedKinds.contains(new Kind(group, kind));
    }

    void attach(ResourceKey route, String routeHostname) {
        routes.computeIfAbsent(route, k -> new LinkedHashSet<>()).add(routeHostname);
        routesByHostname.computeIfAbsent(routeHostname, h -> new TreeSet<>()).add(route);
    }

    /** Undoes every {@link #attach} of {@code route}; returns the hostnames it served here (empty when none). */
    Set<String> detach(ResourceKey route) {
        Set<String> hostnames = routes.remove(route);
        if (hostnames == null) {
            return Set.of();
        }
        for (String hostname : hostnames) {
            TreeSet<ResourceKey> keys = routesByHostname.get(hostname);
            keys.remove(route);
            if (keys.isEmpty()) {
                routesByHostname.remove(hostname);
            }
        }
        return hostnames;
    }

    void conflict(String reason, String message) {
        if (conflictReason == null) {
            conflictReason = reason;
            conflictMessage = message;
        }
    }

    Map<String, Object> status(String time) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        List<Map<String, Object>> kinds = new ArrayList<>();
        supportedKinds.forEach(k -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", k.group());
            m.put("kind", k.kind());
            kinds.add(m);
        });
        s.put("supportedKinds", kinds);
        s.put("attachedRoutes", routes.size());
        Conditions c = new Conditions(gateway.generation, time);
        if (conflictReason != null) {
            c.add("Accepted", false, conflictReason, conflictMessage);
            c.add("Conflicted", true, conflictReason, conflictMessage);
        } else {
            c.add("Accepted", accepted, acceptedReason, acceptedMessage);
            c.add("Conflicted", false, "NoConflicts", "No conflicts");
        }
        boolean programmed = gateway.accepted && programmed();
        c.add("Programmed", programmed, programmed ? "Programmed" : "Invalid",
                programmed ? "Listener is programmed" : "Listener is not served: " + notServedBecause());
        c.add("ResolvedRefs", resolvedRefs, resolvedRefsReason, resolvedRefsMessage);
        s.put("conditions", c.list());
        return s;
    }

    private String notServedBecause() {
        if (!gateway.accepted) {
            return "the Gateway is not accepted";
        }
        if (conflictReason != null) {
            return conflictMessage;
        }
        return accepted ? resolvedRefsMessage : acceptedMessage;
    }
}
