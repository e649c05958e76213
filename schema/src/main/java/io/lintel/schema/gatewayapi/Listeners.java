package io.lintel.schema.gatewayapi;

import static io.lintel.schema.ListSchema.listOf;
import static io.lintel.schema.MapSchema.mapOf;
import static io.lintel.schema.ObjectSchema.object;
import static io.lintel.schema.StringSchema.string;

import io.lintel.schema.ListSchema;
import io.lintel.schema.ObjectSchema;
import io.lintel.schema.Schema;
import io.lintel.schema.Violations;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The listeners of a Gateway ({@code spec.listeners}) and of a ListenerSet, which have the same fields and CEL rules,
 * and the parts of them other Gateway fields reuse (references, label selectors). Core validates Gateways with the
 * open {@link #LISTENERS}; the listenerset plugin reads ListenerSets with {@code listeners(ObjectSchema::closed)}.
 */
public final class Listeners {

    private static final Set<String> NO_TLS = Set.of("HTTP", "TCP", "UDP");
    private static final Set<String> NO_HOSTNAME = Set.of("TCP", "UDP");

    /** At most this many TLS options (the CRD's {@code maxProperties}). */
    private static final int MAX_TLS_OPTIONS = 16;

    /** SecretObjectReference, and any reference of optional group and kind, a name and an optional namespace. */
    public static final ObjectSchema SECRET_REF = secretRef(UnaryOperator.identity());

    /**
     * metav1.LabelSelector as the Gateway CRD embeds it (allowedRoutes and allowedListeners
     * {@code namespaces.selector}): key and operator required, no enumeration of operators and no key length (the CRD
     * has none; an operator the selector does not know selects no namespace).
     */
    public static final ObjectSchema LABEL_SELECTOR = labelSelector(UnaryOperator.identity());

    /** A Gateway's or ListenerSet's {@code listeners}, objects open. */
    public static final ListSchema LISTENERS = listeners(UnaryOperator.identity());

    private Listeners() {}

    /**
     * The listeners of a Gateway or a ListenerSet, with the CRD's rules across them: 1-64, names unique, each
     * object passed through {@code finish} ({@link ObjectSchema#closed()} to report unknown fields).
     */
    public static ListSchema listeners(UnaryOperator<ObjectSchema> finish) {
        return listOf(listener(finish)).size(1, 64)
                .unique("Listener name must be unique within the Gateway", item -> ((Map<?, ?>) item).get("name"))
                .rule(Listeners::listenerCombinationsUnique)
                .rule(Listeners::tlsOnlyForTlsProtocols)
                .rule(Listeners::tlsModeSetForTls)
                .rule(Listeners::hostnameNotForTcpUdp);
    }

    /** A SecretObjectReference (a ListenerSet's {@code parentRef} has the same shape), passed through {@code finish}. */
    public static ObjectSchema secretRef(UnaryOperator<ObjectSchema> finish) {
        return finish.apply(object()
                .optional("group", Fields.GROUP)
                .optional("kind", Fields.KIND)
                .required("name", Fields.OBJECT_NAME)
                .optional("namespace", Fields.NAMESPACE));
    }

    /** A label selector, each object passed through {@code finish}. */
    public static ObjectSchema labelSelector(UnaryOperator<ObjectSchema> finish) {
        return finish.apply(object()
                .optional("matchLabels", mapOf(string()))
                .optional("matchExpressions", listOf(finish.apply(object()
                        .required("key", string())
                        .required("operator", string())
                        .optional("values", listOf(string()))))));
    }

    private static ObjectSchema listener(UnaryOperator<ObjectSchema> finish) {
        return finish.apply(object()
                .required("name", Fields.SECTION_NAME)
                .optional("hostname", Fields.HOSTNAME)
                .required("port", Fields.PORT)
                .required("protocol", string().length(1, 255).pattern(Patterns.PROTOCOL))
                .optional("tls", finish.apply(object()
                        .optional("mode", string().oneOf("Terminate", "Passthrough"))
                        .optional("certificateRefs", listOf(secretRef(finish)).size(0, 64))
                        // values of annotation length
                        .optional("options", mapOf(string().length(0, 4096)).maxProperties(MAX_TLS_OPTIONS)))
                        .rule(Listeners::tlsTerminateNeedsCertificates))
                .optional("allowedRoutes", finish.apply(object()
                        .optional("namespaces", finish.apply(object()
                                .optional("from", string().oneOf("All", "Selector", "Same"))
                                .optional("selector", labelSelector(finish)))
                                .rule(Listeners::selectorWhenFromSelector))
                        .optional("kinds", listOf(finish.apply(object()
                                .optional("group", Fields.GROUP)
                                .required("kind", Fields.KIND))).size(0, 8)))));
    }

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

    /** CEL on {@code namespaces} of allowedRoutes and allowedListeners: a selector when {@code from} is Selector. */
    public static void selectorWhenFromSelector(Map<?, ?> namespaces, String path, Violations out) {
        if ("Selector".equals(namespaces.get("from")) && namespaces.get("selector") == null) {
            out.add(Violations.field(path, "selector"), "is required when from is Selector");
        }
    }

    static void listenerCombinationsUnique(List<?> listeners, String path, Violations out) {
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < listeners.size(); i++) {
            Map<?, ?> l = (Map<?, ?>) listeners.get(i);
            List<Object> combination = Arrays.asList(l.get("port"), l.get("protocol"), l.get("hostname"));
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
}
