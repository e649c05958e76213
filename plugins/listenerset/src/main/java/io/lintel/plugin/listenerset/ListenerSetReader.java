package io.lintel.plugin.listenerset;

import io.lintel.schema.ObjectSchema;
import io.lintel.schema.Violations;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.kind.AllowedRoutes;
import io.lintel.spi.kind.CertificateRef;
import io.lintel.spi.kind.FieldViolation;
import io.lintel.spi.kind.GatewayListener;
import io.lintel.spi.kind.LabelSelector;
import io.lintel.spi.kind.ListenerSetDescription;
import io.lintel.spi.kind.ListenerSetKind;
import io.lintel.spi.kind.ListenerTls;
import io.lintel.spi.kind.ParentRef;
import io.lintel.spi.kind.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * ListenerSet as the CRD defines it: validated with {@link ListenerSetSchemas}, and described for core as its parent
 * Gateway and its listeners, CRD defaults applied. Stateless and thread-safe.
 */
final class ListenerSetReader implements ListenerSetKind {

    static final ResourceKind KIND = ResourceKind.of(ParentRef.GATEWAY_GROUP, "ListenerSet", "v1");

    @Override
    public ResourceKind kind() {
        return KIND;
    }

    @Override
    public Set<GatewayFeature> features() {
        return Set.of(GatewayFeature.ListenerSet);
    }

    @Override
    public List<FieldViolation> validate(KubernetesDocument document) {
        List<FieldViolation> violations = check(document, ListenerSetSchemas.SPEC);
        return violations.isEmpty() ? check(document, ListenerSetSchemas.CLOSED_SPEC) : violations;
    }

    private static List<FieldViolation> check(KubernetesDocument document, ObjectSchema spec) {
        Violations out = new Violations(KIND.kind() + " " + document.apiVersion());
        Object value = document.content().get("spec");
        if (value == null) {
            out.add("spec", "is required");
        } else {
            spec.check(value, "spec", out);
        }
        return out.list().stream().map(v -> new FieldViolation(v.fieldPath(), v.message())).toList();
    }

    @Override
    public ListenerSetDescription describe(KubernetesDocument document) {
        Map<?, ?> spec = (Map<?, ?>) document.content().get("spec");
        Map<?, ?> parent = (Map<?, ?>) spec.get("parentRef");
        ParentRef parentRef = new ParentRef(string(parent, "group", ParentRef.GATEWAY_GROUP),
                string(parent, "kind", "Gateway"), optional(parent, "namespace"), (String) parent.get("name"),
                Optional.empty(), Optional.empty());
        List<GatewayListener> listeners = new ArrayList<>();
        for (Object item : (List<?>) spec.get("listeners")) {
            listeners.add(listener((Map<?, ?>) item));
        }
        return new ListenerSetDescription(parentRef, listeners);
    }

    private static GatewayListener listener(Map<?, ?> listener) {
        Optional<ListenerTls> tls = listener.get("tls") instanceof Map<?, ?> t ? Optional.of(tls(t)) : Optional.empty();
        AllowedRoutes allowedRoutes = listener.get("allowedRoutes") instanceof Map<?, ?> a ? allowedRoutes(a)
                : AllowedRoutes.DEFAULT;
        return new GatewayListener((String) listener.get("name"), optional(listener, "hostname"),
                ((Number) listener.get("port")).intValue(), (String) listener.get("protocol"), tls, allowedRoutes);
    }

    private static ListenerTls tls(Map<?, ?> tls) {
        List<CertificateRef> refs = new ArrayList<>();
        for (Object item : list(tls.get("certificateRefs"))) {
            Map<?, ?> ref = (Map<?, ?>) item;
            refs.add(new CertificateRef(string(ref, "group", ""), string(ref, "kind", "Secret"),
                    optional(ref, "namespace"), (String) ref.get("name")));
        }
        // an option written without a value has the empty value
        Map<String, String> options = new LinkedHashMap<>();
        if (tls.get("options") instanceof Map<?, ?> written) {
            written.forEach((key, value) -> options.put(String.valueOf(key), value == null ? "" : (String) value));
        }
        return new ListenerTls(string(tls, "mode", "Terminate"), refs, options);
    }

    private static AllowedRoutes allowedRoutes(Map<?, ?> allowed) {
        Map<?, ?> namespaces = allowed.get("namespaces") instanceof Map<?, ?> n ? n : Map.of();
        Optional<LabelSelector> selector = namespaces.get("selector") instanceof Map<?, ?> s
                ? Optional.of(selector(s)) : Optional.empty();
        List<AllowedRoutes.RouteKind> kinds = new ArrayList<>();
        for (Object item : list(allowed.get("kinds"))) {
            Map<?, ?> kind = (Map<?, ?>) item;
            kinds.add(new AllowedRoutes.RouteKind(string(kind, "group", ParentRef.GATEWAY_GROUP),
                    (String) kind.get("kind")));
        }
        return new AllowedRoutes(string(namespaces, "from", "Same"), selector, kinds);
    }

    private static LabelSelector selector(Map<?, ?> selector) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (selector.get("matchLabels") instanceof Map<?, ?> written) {
            written.forEach((key, value) -> labels.put(String.valueOf(key), String.valueOf(value)));
        }
        List<LabelSelector.Requirement> requirements = new ArrayList<>();
        for (Object item : list(selector.get("matchExpressions"))) {
            Map<?, ?> r = (Map<?, ?>) item;
            requirements.add(new LabelSelector.Requirement((String) r.get("key"), (String) r.get("operator"),
                    list(r.get("values")).stream().map(String::valueOf).toList()));
        }
        return new LabelSelector(labels, requirements);
    }

    private static String string(Map<?, ?> object, String field, String fallback) {
        return (String) Objects.requireNonNullElse(object.get(field), fallback);
    }

    private static Optional<String> optional(Map<?, ?> object, String field) {
        return Optional.ofNullable((String) object.get(field));
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> items ? items : List.of();
    }

    @Override
    public String toString() {
        return KIND + " (listener set)";
    }
}
