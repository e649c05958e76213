package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrFilter;
import io.lintel.spi.kind.BackendProtocolRequirement;
import io.lintel.spi.kind.BackendRef;
import io.lintel.spi.kind.HttpRouteKind;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Resolves a route's backendRef to a Service port and its ready endpoints (from EndpointSlices). An unusable
 * reference still yields a backend, one that answers 500, so that its valid siblings keep their share. The backends
 * of a route of a plugin's HTTP-family kind (also those of its filters, e.g. a mirror) without an {@code appProtocol}
 * are spoken to with the kind's default protocol (a GRPCRoute's over h2c).
 */
final class BackendResolver {

    /** A resolved backend; {@code reason} and {@code message} are set when the reference is invalid. */
    record Resolution(IrBackend backend, String reason, String message) {
        boolean valid() {
            return reason == null;
        }
    }

    private final ResourceIndex index;
    private final ReferenceGrants grants;
    private final Set<String> appProtocols;
    private final BackendTlsPolicies tlsPolicies;
    /** What the backends of each route kind without an {@code appProtocol} (or {@code http}) are spoken to with. */
    private final Map<String, BackendProtocolRequirement> defaultProtocols;
    /** Where the Services looked up are noted while {@link #recording} runs; null otherwise. */
    private Set<String> reads;
    /** {@link #endpoints} by {@code "namespace/name portName"} (names hold no spaces). */
    private final Map<String, List<IrEndpoint>> endpointsByPort = new HashMap<>();

    /** @param appProtocols the {@code appProtocol} values a backend protocol plugin serves */
    BackendResolver(ResourceIndex index, ReferenceGrants grants, Set<String> appProtocols) {
        this(index, grants, appProtocols, BackendTlsPolicies.NONE);
    }

    /** @param tlsPolicies the BackendTLSPolicies that say how to speak TLS to Service ports */
    BackendResolver(ResourceIndex index, ReferenceGrants grants, Set<String> appProtocols,
            BackendTlsPolicies tlsPolicies) {
        this(index, grants, appProtocols, tlsPolicies, Map.of());
    }

    /**
     * @param defaultProtocols by route kind (e.g. {@code GRPCRoute}), what its backends without an
     *     {@code appProtocol} are spoken to with; the kinds left out speak HTTP/1.1 to them
     */
    BackendResolver(ResourceIndex index, ReferenceGrants grants, Set<String> appProtocols,
            BackendTlsPolicies tlsPolicies, Map<String, BackendProtocolRequirement> defaultProtocols) {
        this.index = index;
        this.grants = grants;
        this.appProtocols = Set.copyOf(appProtocols);
        this.tlsPolicies = tlsPolicies;
        this.defaultProtocols = Map.copyOf(defaultProtocols);
    }

    /** By kind (e.g. {@code GRPCRoute}), the protocol of its backends without an {@code appProtocol}, if it asks one. */
    static Map<String, BackendProtocolRequirement> defaultProtocols(List<HttpRouteKind> kinds) {
        Map<String, BackendProtocolRequirement> byKind = new HashMap<>();
        for (HttpRouteKind kind : kinds) {
            kind.defaultBackendProtocol().ifPresent(protocol -> byKind.put(kind.kind().kind(), protocol));
        }
        return byKind;
    }

    /** Runs {@code work}, noting in {@code services} the {@code namespace/name} of every Service it resolves. */
    <T> T recording(Set<String> services, Supplier<T> work) {
        Set<String> outer = reads;
        reads = services;
        try {
            return work.get();
        } finally {
            reads = outer;
        }
    }

    Resolution resolve(String routeNamespace, HTTPBackendRef ref, String fieldPath, List<IrFilter> filters) {
        return resolve("HTTPRoute", routeNamespace, ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName(),
                ref.getPort(), Objects.requireNonNullElse(ref.getWeight(), 1), fieldPath, filters);
    }

    /**
     * Resolves a backendRef of a route that relays connections or datagrams (a plugin's kind: TLSRoute, TCPRoute,
     * UDPRoute). The bytes are relayed as they are, so the Service port's {@code appProtocol} does not matter (and is
     * left empty); a Service port of {@code transport} (TCP or UDP) is preferred when the number has both.
     */
    Resolution resolveStream(String routeGroup, String routeKind, String transport, String routeNamespace,
            BackendRef ref, String fieldPath) {
        return resolve(routeGroup, routeKind, transport, routeNamespace, ref.group(), ref.kind(),
                ref.namespace().orElse(null), ref.name(), ref.port().orElse(null), ref.weight(), fieldPath, List.of());
    }

    /**
     * A backendRef of a route of a plugin's HTTP-family kind {@code routeKind} (e.g. GRPCRoute; ReferenceGrants are
     * looked up for that kind).
     */
    Resolution resolve(String routeKind, String routeNamespace, BackendRef ref, String fieldPath,
            List<IrFilter> filters) {
        return resolve(routeKind, routeNamespace, ref.group(), ref.kind(), ref.namespace().orElse(null), ref.name(),
                ref.port().orElse(null), ref.weight(), fieldPath, filters);
    }

    /**
     * Resolves a {@code BackendObjectReference} inside a filter's configuration (raw, e.g. a mirror's
     * {@code backendRef}): weight 1, no filters of its own.
     */
    Resolution resolve(String routeNamespace, Map<?, ?> ref, String fieldPath) {
        return resolve("HTTPRoute", routeNamespace, ref, fieldPath);
    }

    /** {@link #resolve(String, Map, String)} for a route of kind {@code routeKind}. */
    Resolution resolve(String routeKind, String routeNamespace, Map<?, ?> ref, String fieldPath) {
        Integer port = ref.get("port") instanceof Number n ? n.intValue() : null;
        return resolve(routeKind, routeNamespace, (String) ref.get("group"), (String) ref.get("kind"),
                (String) ref.get("namespace"), String.valueOf(ref.get("name")), port, 1, fieldPath, List.of());
    }

    private Resolution resolve(String routeKind, String routeNamespace, String refGroup, String refKind,
            String refNamespace, String refName, Integer port, int weight, String fieldPath, List<IrFilter> filters) {
        return resolve(GatewayEvaluator.GROUP, routeKind, null, routeNamespace, refGroup, refKind, refNamespace, refName,
                port, weight, fieldPath, filters);
    }

    /**
     * @param streamTransport for a route that relays connections or datagrams: the transport of its Service ports
     *     ({@code TCP} or {@code UDP}); null for HTTP-like routes
     */
    private Resolution resolve(String routeGroup, String routeKind, String streamTransport, String routeNamespace,
            String refGroup, String refKind, String refNamespace, String refName, Integer port, int weight,
            String fieldPath, List<IrFilter> filters) {
        String group = Objects.requireNonNullElse(refGroup, "");
        String kind = Objects.requireNonNullElse(refKind, "Service");
        String ns = Objects.requireNonNullElse(refNamespace, routeNamespace);
        String name = ns + "/" + refName + (port == null ? "" : ":" + port);
        if (!group.isEmpty() || !kind.equals("Service")) {
            return invalid(name, weight, filters, "InvalidKind", fieldPath + ": unsupported backend kind "
                    + (group.isEmpty() ? "" : group + "/") + kind + " (expected Service)");
        }
        if (!grants.permits(routeGroup, routeKind, routeNamespace, "", "Service", ns, refName)) {
            return invalid(name, weight, filters, "RefNotPermitted", fieldPath + ": Service " + ns + "/" + refName
                    + " is in another namespace and no ReferenceGrant in namespace " + ns
                    + " allows " + routeKind + "s from namespace " + routeNamespace + " to refer to it");
        }
        if (reads != null) {
            reads.add(ns + "/" + refName);
        }
        Service service = index.services.get(ns + "/" + refName);
        if (service == null) {
            return invalid(name, weight, filters, "BackendNotFound", fieldPath + ": Service " + ns + "/" + refName
                    + " not found");
        }
        ServicePort servicePort = servicePort(service, port, streamTransport == null ? "TCP" : streamTransport);
        if (servicePort == null) {
            return invalid(name, weight, filters, "BackendNotFound", fieldPath + ": Service " + ns + "/" + refName
                    + " has no port " + port);
        }
        List<IrEndpoint> endpoints = endpoints(ns + "/" + refName, Objects.requireNonNullElse(servicePort.getName(), ""));
        String appProtocol = Objects.requireNonNullElse(servicePort.getAppProtocol(), "");
        if (streamTransport != null) {
            return new Resolution(new IrBackend(name, weight, "", endpoints, 0, filters), null, null);
        }
        if (!isPlainHttp(appProtocol) && !appProtocols.contains(appProtocol)) {
            // GEP-1911: never downgrade to a protocol the backend did not ask for
            return invalid(name, weight, filters, "UnsupportedProtocol", fieldPath + ": Service " + ns + "/"
                    + refName + " port " + port + " has appProtocol " + appProtocol
                    + ", which no backend protocol plugin serves (supported: "
                    + String.join(", ", new java.util.TreeSet<>(appProtocols)) + (appProtocols.isEmpty() ? "" : ", ")
                    + "http or none for HTTP/1.1)");
        }
        BackendTlsSettings.Outcome tls = BackendTlsSettings.of(tlsPolicies, ns, refName, servicePort, appProtocol);
        BackendProtocolRequirement required = defaultProtocols.get(routeKind);
        if (required != null && isPlainHttp(appProtocol)) {
            // e.g. gRPC needs HTTP/2 end to end: without appProtocol (or http), speak h2c, as Envoy Gateway does
            if (!appProtocols.contains(required.appProtocol())) {
                return invalid(name, weight, filters, "UnsupportedProtocol", fieldPath + ": " + required.traffic()
                        + " backend Service " + ns + "/" + refName + " port " + port + " needs "
                        + required.protocolName() + " (" + required.appProtocol()
                        + "), and no backend protocol plugin serves it (e.g. " + required.plugin() + ")");
            }
            appProtocol = required.appProtocol();
        }
        appProtocol = isPlainHttp(appProtocol) ? "" : appProtocol;
        // A policy that cannot be honoured fails its backend's requests; the reference itself is fine.
        return new Resolution(new IrBackend(name, weight, appProtocol, endpoints, tls.failed() ? 502 : 0, filters,
                tls.tls()), null, null);
    }

    /**
     * The Service's port numbered {@code port}, of {@code transport} (TCP or UDP; a Service's port without protocol is
     * TCP) when it has one of each (e.g. DNS on 53), else the first of that number.
     */
    private static ServicePort servicePort(Service service, Integer port, String transport) {
        if (service.getSpec() == null) {
            return null;
        }
        ServicePort first = null;
        for (ServicePort candidate : service.getSpec().getPorts()) {
            if (Objects.equals(candidate.getPort(), port)) {
                if (Objects.requireNonNullElse(candidate.getProtocol(), "TCP").equals(transport)) {
                    return candidate;
                }
                first = first == null ? candidate : first;
            }
        }
        return first;
    }

    /** No {@code appProtocol}, or one naming HTTP/1.1 (IANA service name {@code http}, any case). */
    private static boolean isPlainHttp(String appProtocol) {
        return appProtocol.isEmpty() || appProtocol.equalsIgnoreCase("http")
                || appProtocol.equalsIgnoreCase(BackendTlsSettings.HTTPS);
    }

    /**
     * The ready endpoints of a Service port (by name, {@code ""} when unnamed) from its EndpointSlices; immutable, and
     * the same list for every reference to that port: at 10 000 routes 20 000 backendRefs read 100 Service ports,
     * and each computed its endpoints anew (and the IR held 20 000 copies). The index does not change for as long
     * as this resolver lives (a change to a Service or EndpointSlice is translated with a new one).
     */
    List<IrEndpoint> endpoints(String service, String portName) {
        return endpointsByPort.computeIfAbsent(service + " " + portName, key -> readyEndpoints(service, portName));
    }

    private List<IrEndpoint> readyEndpoints(String service, String portName) {
        Set<IrEndpoint> endpoints = new LinkedHashSet<>();
        for (EndpointSlice slice : index.slicesByService.getOrDefault(service, List.of())) {
            if ("FQDN".equals(slice.getAddressType())) {
                continue;
            }
            EndpointPort port = slice.getPorts().stream()
                    .filter(p -> Objects.requireNonNullElse(p.getName(), "").equals(portName))
                    .findFirst().orElse(null);
            if (port == null || port.getPort() == null) {
                continue;
            }
            for (Endpoint endpoint : slice.getEndpoints()) {
                boolean notReady = endpoint.getConditions() != null && Boolean.FALSE.equals(endpoint.getConditions().getReady());
                if (!notReady) {
                    endpoint.getAddresses().forEach(a -> endpoints.add(new IrEndpoint(a, port.getPort())));
                }
            }
        }
        return List.copyOf(endpoints);
    }

    private static Resolution invalid(String name, int weight, List<IrFilter> filters, String reason, String message) {
        return new Resolution(new IrBackend(name, weight, "", List.of(), 500, filters), reason, message);
    }
}
