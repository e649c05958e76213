package io.lintel.core.translate.validate;

import io.lintel.schema.IpAddresses;
import io.lintel.schema.Violations;
import io.lintel.schema.gatewayapi.Patterns;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The Gateway CRD's cross-field (CEL) rules. */
final class GatewayRules {

    private static final Set<String> NO_TLS = Set.of("HTTP", "TCP", "UDP");
    private static final Set<String> NO_HOSTNAME = Set.of("TCP", "UDP");

    /**
     * The listener's protocol as the Gateway CRD's listener rules compare it: case-sensitively
     * ({@code l.protocol in ['HTTP', 'TCP', 'UDP']}, {@code l.protocol == 'HTTPS'}), so {@code udp} is none of them.
     */
    private static String protocol(Map<?, ?> listener) {
        return String.valueOf(listener.get("protocol"));
    }

    static void tlsTerminateNeedsCertificates(Map<?, ?> tls, String path, Violations out) {
        String mode = (String) tls.get("mode");
        if (mode == null || mode.equals("Terminate")) {
            boolean certs = tls.get("certificateRefs") instanceof List<?> l && !l.isEmpty();
            boolean options = tls.get("options") instanceof Map<?, ?> m && !m.isEmpty();
            if (!certs && !options) {
                out.add(Violations.field(path, "certificateRefs"), "certificateRefs or options must be specified when mode is Terminate");
            }
        }
    }

    static void selectorWhenFromSelector(Map<?, ?> namespaces, String path, Violations out) {
        if ("Selector".equals(namespaces.get("from")) && namespaces.get("selector") == null) {
            out.add(Violations.field(path, "selector"), "is required when from is Selector");
        }
    }

    static void listenerCombinationsUnique(List<?> listeners, String path, Violations out) {
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < listeners.size(); i++) {
            Map<?, ?> l = (Map<?, ?>) listeners.get(i);
            List<Object> combination = java.util.Arrays.asList(l.get("port"), l.get("protocol"), l.get("hostname"));
            if (!seen.add(combination)) {
                out.add(Violations.index(path, i),
                        "Combination of port, protocol and hostname must be unique for each listener (port "
                                + l.get("port") + ", protocol " + l.get("protocol") + ", hostname "
                                + Objects.requireNonNullElse(l.get("hostname"), "(none)") + " is repeated)");
            }
        }
    }

    static void tlsOnlyForTlsProtocols(List<?> listeners, String path, Violations out) {
        for (int i = 0; i < listeners.size(); i++) {
            Map<?, ?> l = (Map<?, ?>) listeners.get(i);
            if (NO_TLS.contains(protocol(l)) && l.get("tls") != null) {
                out.add(Violations.index(path, i) + ".tls", "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']");
            }
            if ("HTTPS".equals(protocol(l)) && l.get("tls") instanceof Map<?, ?> tls
                    && "Passthrough".equals(tls.get("mode"))) {
                out.add(Violations.index(path, i) + ".tls.mode", "tls mode must be Terminate for protocol HTTPS");
            }
        }
    }

    /** CEL: a TLS listener has {@code tls} with a mode (the mode defaults to Terminate once {@code tls} is given). */
    static void tlsModeSetForTls(List<?> listeners, String path, Violations out) {
        for (int i = 0; i < listeners.size(); i++) {
            Map<?, ?> l = (Map<?, ?>) listeners.get(i);
            if ("TLS".equals(protocol(l)) && l.get("tls") == null) {
                out.add(Violations.index(path, i) + ".tls", "tls mode must be set for protocol TLS");
            }
        }
    }

    static void hostnameNotForTcpUdp(List<?> listeners, String path, Violations out) {
        for (int i = 0; i < listeners.size(); i++) {
            Map<?, ?> l = (Map<?, ?>) listeners.get(i);
            if (NO_HOSTNAME.contains(protocol(l)) && l.get("hostname") != null) {
                out.add(Violations.index(path, i) + ".hostname", "hostname must not be specified for protocols ['TCP', 'UDP']");
            }
        }
    }

    static void addressValueMatchesType(Map<?, ?> address, String path, Violations out) {
        Object type = address.get("type");
        String value = (String) address.get("value");
        if (value == null) {
            return;
        }
        if (type == null || "IPAddress".equals(type)) {
            if (!IpAddresses.isIpAddress(value)) {
                out.add(Violations.field(path, "value"), "\"" + value + "\" is not a valid IP address (expected for type IPAddress)");
            }
        } else if ("Hostname".equals(type) && !value.matches(Patterns.HOSTNAME)) {
            out.add(Violations.field(path, "value"), "Hostname value must be empty or contain only valid characters (matching "
                    + Patterns.HOSTNAME + ")");
        }
    }

    static void addressesUnique(List<?> addresses, String path, Violations out) {
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < addresses.size(); i++) {
            Map<?, ?> a = (Map<?, ?>) addresses.get(i);
            Object type = Objects.requireNonNullElse(a.get("type"), "IPAddress");
            if (("IPAddress".equals(type) || "Hostname".equals(type)) && a.get("value") != null && !seen.add(List.of(type, a.get("value")))) {
                out.add(Violations.index(path, i), type + " values must be unique (" + a.get("value") + " is repeated)");
            }
        }
    }

    private GatewayRules() {}
}
