package io.lintel.core.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayInfrastructure;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpecAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalParametersReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.lintel.core.translate.decode.DecodedResource;
import io.lintel.core.translate.decode.UnservedRouteKinds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, for one Gateway of ours, its addresses and the validity of each listener (protocol, route kinds,
 * certificate references, protocol conflicts within the Gateway). Routes are attached later.
 */
final class GatewayEvaluator {

    static final String GROUP = "gateway.networking.k8s.io";

    /** Protocols that can share a port (one class per port). */
    private static final Map<String, String> PORT_CLASS = Map.of(
            "HTTP", "HTTP", "HTTPS", "TLS", "TLS", "TLS", "TCP", "TCP", "UDP", "UDP");

    private static final String SERVED_PROTOCOLS = "HTTP, HTTPS, TLS, TCP, UDP";

    private final String defaultBindAddress;
    private final Optional<String> assignableAddress;
    private final ListenerCertificates certificates;
    private final FrontendClientValidation frontendValidation;
    /** The route kinds each listener protocol accepts (core's and the loaded plugins'). */
    private final RouteKinds routeKinds;

    GatewayEvaluator(String defaultBindAddress, Optional<String> assignableAddress, ListenerCertificates certificates,
            FrontendClientValidation frontendValidation, RouteKinds routeKinds) {
        this.defaultBindAddress = defaultBindAddress;
        this.assignableAddress = assignableAddress;
        this.certificates = certificates;
        this.frontendValidation = frontendValidation;
        this.routeKinds = routeKinds;
    }

    GatewayState evaluate(DecodedResource<Gateway> resource) {
        GatewayState gateway = new GatewayState(resource);
        addresses(gateway, resource.object());
        gateway.tls = frontendValidation.settings(resource.object());
        FrontendClientValidation.ForGateway frontend = frontendValidation.forGateway(gateway.namespace, gateway.tls);
        gateway.insecureFrontendValidation = frontend.insecureModeMessage();
        for (Listener spec : resource.object().getSpec().getListeners()) {
            ListenerState listener = new ListenerState(gateway, spec);
            gateway.listeners.add(listener);
            protocol(listener);
            routeKinds(listener);
            certificates(listener);
            tlsOptions(listener);
            frontend.apply(listener);
        }
        protocolConflicts(gateway);
        parameters(gateway, resource.object());
        noValidListener(gateway);
        return gateway;
    }

    /**
     * Checks a listener a ListenerSet adds to its Gateway as the Gateway's own are checked (protocol, route kinds,
     * certificates, TLS options); conflicts with other listeners are {@link SocketConflicts}' part.
     */
    void evaluateAttached(ListenerState listener) {
        protocol(listener);
        routeKinds(listener);
        certificates(listener);
        tlsOptions(listener);
    }

    private void addresses(GatewayState gateway, Gateway object) {
        List<String> unsupported = new ArrayList<>();
        List<GatewaySpecAddress> requested = object.getSpec().getAddresses();
        for (int i = 0; i < requested.size(); i++) {
            GatewaySpecAddress a = requested.get(i);
            String type = Objects.requireNonNullElse(a.getType(), "IPAddress");
            String value = a.getValue();
            if (!type.equals("IPAddress")) {
                unsupported.add(type + " " + (value == null || value.isEmpty() ? "(no value)" : value));
            } else if (value != null && !value.isEmpty()) {
                addAddress(gateway, value);
            } else if (assignableAddress.isPresent()) {
                addAddress(gateway, assignableAddress.get());
            } else {
                gateway.unassignedAddresses.add("spec.addresses[" + i + "]");
            }
        }
        if (!unsupported.isEmpty()) {
            gateway.accepted = false;
            gateway.acceptedReason = "UnsupportedAddress";
            gateway.acceptedMessage = "only IPAddress addresses are supported, not " + String.join(", ", unsupported);
        } else if (requested.isEmpty()) {
            gateway.addresses.add(defaultBindAddress);
        }
    }

    private static void addAddress(GatewayState gateway, String address) {
        if (!gateway.addresses.contains(address)) {
            gateway.addresses.add(address);
        }
    }

    /** Lintel defines no parameters kind yet, so any {@code infrastructure.parametersRef} cannot be resolved. */
    private static void parameters(GatewayState gateway, Gateway object) {
        GatewayInfrastructure infrastructure = object.getSpec().getInfrastructure();
        if (infrastructure == null || infrastructure.getParametersRef() == null || !gateway.accepted) {
            return;
        }
        LocalParametersReference ref = infrastructure.getParametersRef();
        gateway.accepted = false;
        gateway.acceptedReason = "InvalidParameters";
        gateway.acceptedMessage = "spec.infrastructure.parametersRef: " + ref.getGroup() + "/" + ref.getKind() + " "
                + ref.getName() + " is not supported (Lintel takes no Gateway parameters)";
    }

    /** The spec accepts a Gateway only when at least one of its listeners is. */
    private static void noValidListener(GatewayState gateway) {
        if (!gateway.accepted || gateway.listeners.isEmpty()) {
            return;
        }
        boolean anyValid = gateway.listeners.stream().anyMatch(l -> l.accepted && l.conflictReason == null);
        if (!anyValid) {
            gateway.accepted = false;
            gateway.acceptedReason = "ListenersNotValid";
            gateway.acceptedMessage = "no listener is valid: "
                    + String.join(", ", gateway.listeners.stream().map(l -> l.name).toList());
        }
    }

    private void protocol(ListenerState listener) {
        boolean terminatesTls = listener.protocol.equals("HTTPS") || listener.terminatesTlsRoutes();
        if (listener.protocol.equals("HTTP") || listener.protocol.equals("TCP") || listener.datagram()
                || listener.passthrough()
                || (terminatesTls && certificates.canLoad())) {
            return;
        }
        listener.accepted = false;
        if (terminatesTls) {
            boolean tlsRoutes = listener.protocol.equals("TLS");
            listener.acceptedReason = tlsRoutes ? "UnsupportedValue" : "UnsupportedProtocol";
            listener.acceptedMessage = "protocol " + listener.protocol + (tlsRoutes ? " with tls.mode Terminate" : "")
                    + " needs a TLS plugin to load certificates (e.g. tls-pem), and none is loaded";
            return;
        }
        listener.acceptedReason = "UnsupportedProtocol";
        listener.acceptedMessage = "protocol " + listener.protocol + " is not supported (supported: " + SERVED_PROTOCOLS
                + ")";
    }

    private void routeKinds(ListenerState listener) {
        if (listener.protocol.equals("TLS") && !listener.accepted) {
            // a TLS listener Lintel cannot serve supports no kind at all (TLSRouteListenerTerminateNotSupported)
            return;
        }
        List<ListenerState.Kind> possible = routeKinds.forProtocol(listener.protocol);
        List<RouteGroupKind> requested = listener.spec.getAllowedRoutes() == null
                ? List.of() : listener.spec.getAllowedRoutes().getKinds();
        if (requested.isEmpty()) {
            listener.supportedKinds.addAll(possible);
            return;
        }
        List<String> invalid = new ArrayList<>();
        List<String> unserved = new ArrayList<>();
        for (RouteGroupKind k : requested) {
            ListenerState.Kind kind = new ListenerState.Kind(Objects.requireNonNullElse(k.getGroup(), GROUP), k.getKind());
            if (possible.contains(kind)) {
                if (!listener.supportedKinds.contains(kind)) {
                    listener.supportedKinds.add(kind);
                }
            } else {
                invalid.add((kind.group().isEmpty() ? "" : kind.group() + "/") + kind.kind());
                if (!routeKinds.served(kind)) {
                    UnservedRouteKinds.builtInPlugin(kind.group(), kind.kind())
                            .ifPresent(plugin -> unserved.add(kind.kind() + " (" + plugin + ")"));
                }
            }
        }
        if (!invalid.isEmpty()) {
            listener.resolvedRefs = false;
            listener.resolvedRefsReason = "InvalidRouteKinds";
            listener.resolvedRefsMessage = "route kinds not supported on protocol " + listener.protocol + ": "
                    + String.join(", ", invalid) + (unserved.isEmpty() ? ""
                            : "; no loaded plugin serves " + String.join(", ", unserved));
        }
    }

    /**
     * Loads the certificates of a listener with {@code tls}. A bad reference overrides an earlier
     * {@code InvalidRouteKinds} reason: without its certificate the listener cannot be served at all.
     */
    private void certificates(ListenerState listener) {
        if (listener.spec.getTls() == null) {
            return;
        }
        List<SecretObjectReference> refs = listener.spec.getTls().getCertificateRefs();
        for (int i = 0; i < refs.size(); i++) {
            ListenerCertificates.Resolution resolution = certificates.resolve(listener.declaringKind(),
                    listener.namespace(), refs.get(i));
            if (!resolution.resolved()) {
                listener.resolvedRefs = false;
                listener.resolvedRefsReason = resolution.reason();
                listener.resolvedRefsMessage = "tls.certificateRefs[" + i + "]: " + resolution.message();
                listener.certificates.clear();
                return;
            }
            if (resolution.certificate() != null) {
                listener.certificates.add(resolution.certificate());
            }
        }
    }

    /** Invalid {@code tls.options} refuse the listener: serving it with weaker TLS than asked is not an option. */
    private static void tlsOptions(ListenerState listener) {
        if (listener.spec.getTls() == null || !listener.accepted) {
            return;
        }
        TlsOptionKeys.Parsed parsed = TlsOptionKeys.parse(listener.spec.getTls().getOptions());
        if (parsed.valid()) {
            listener.tlsOptions = parsed.options();
        } else {
            listener.accepted = false;
            listener.acceptedReason = TlsOptionKeys.UNSUPPORTED_VALUE;
            listener.acceptedMessage = parsed.problem();
        }
    }

    /** The class of protocols that can share a port with {@code protocol} (HTTPS and TLS: both are TLS). */
    static String portClass(String protocol) {
        return PORT_CLASS.getOrDefault(protocol, protocol);
    }

    private static void protocolConflicts(GatewayState gateway) {
        Map<Integer, Set<String>> classesByPort = new HashMap<>();
        Map<Integer, Set<String>> protocolsByPort = new HashMap<>();
        for (ListenerState l : gateway.listeners) {
            String portClass = PORT_CLASS.getOrDefault(l.protocol, l.protocol);
            if (!portClass.equals("UDP")) {
                classesByPort.computeIfAbsent(l.port, p -> new java.util.TreeSet<>()).add(portClass);
                protocolsByPort.computeIfAbsent(l.port, p -> new java.util.TreeSet<>()).add(l.protocol);
            }
        }
        for (ListenerState l : gateway.listeners) {
            Set<String> classes = classesByPort.get(l.port);
            if (classes != null && classes.size() > 1) {
                l.conflict("ProtocolConflict", "port " + l.port + " is used by listeners of incompatible protocols ("
                        + String.join(", ", protocolsByPort.get(l.port)) + ")");
            }
        }
    }
}
