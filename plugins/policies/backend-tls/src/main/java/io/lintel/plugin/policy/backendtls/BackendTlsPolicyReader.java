package io.lintel.plugin.policy.backendtls;

import io.lintel.plugin.route.support.RouteFields;
import io.lintel.schema.Schema;
import io.lintel.schema.Violations;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.kind.FieldViolation;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.policy.BackendTlsPolicyDescription;
import io.lintel.spi.policy.BackendTlsPolicyKind;
import io.lintel.spi.policy.BackendTlsTarget;
import io.lintel.spi.policy.BackendTlsValidation;
import io.lintel.spi.policy.CaCertificateRef;
import io.lintel.spi.policy.SubjectAltName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * BackendTLSPolicy as the CRD defines it: validated with {@link BackendTlsPolicySchemas}, and described for core as
 * the Services it targets and the TLS they ask for. Stateless and thread-safe.
 */
final class BackendTlsPolicyReader implements BackendTlsPolicyKind {

    static final ResourceKind KIND = ResourceKind.of(RouteFields.GATEWAY_GROUP, "BackendTLSPolicy", "v1", "v1alpha3");

    private static final Schema DOCUMENT = RouteFields.document(BackendTlsPolicySchemas.SPEC);
    private static final String CA_REFS = "spec.validation.caCertificateRefs";

    @Override
    public ResourceKind kind() {
        return KIND;
    }

    @Override
    public Set<GatewayFeature> features() {
        return Set.of(GatewayFeature.BackendTLSPolicy, GatewayFeature.BackendTLSPolicySANValidation);
    }

    @Override
    public List<FieldViolation> validate(KubernetesDocument document) {
        Violations out = new Violations(KIND.kind() + " " + document.apiVersion());
        DOCUMENT.check(document.content(), "", out);
        return out.list().stream().map(v -> new FieldViolation(v.fieldPath(), v.message())).toList();
    }

    @Override
    public BackendTlsPolicyDescription describe(KubernetesDocument document) {
        Map<?, ?> spec = (Map<?, ?>) document.content().get("spec");
        Map<?, ?> validation = (Map<?, ?>) spec.get("validation");
        return new BackendTlsPolicyDescription(targets(spec), new BackendTlsValidation(
                (String) validation.get("hostname"), subjectAltNames(validation),
                "System".equals(validation.get("wellKnownCACertificates")), caCertificateRefs(validation)),
                options(spec), "spec.options");
    }

    /** The core Services among {@code targetRefs}: other kinds are left to the implementations that serve them. */
    private static List<BackendTlsTarget> targets(Map<?, ?> spec) {
        List<BackendTlsTarget> targets = new ArrayList<>();
        for (Object item : (List<?>) spec.get("targetRefs")) {
            Map<?, ?> ref = (Map<?, ?>) item;
            if ("".equals(ref.get("group")) && "Service".equals(ref.get("kind"))) {
                targets.add(new BackendTlsTarget((String) ref.get("name"),
                        (String) Objects.requireNonNullElse(ref.get("sectionName"), "")));
            }
        }
        return targets;
    }

    private static List<SubjectAltName> subjectAltNames(Map<?, ?> validation) {
        List<SubjectAltName> names = new ArrayList<>();
        for (Object item : list(validation.get("subjectAltNames"))) {
            Map<?, ?> san = (Map<?, ?>) item;
            boolean uri = "URI".equals(san.get("type"));
            names.add(new SubjectAltName(uri ? SubjectAltName.Type.URI : SubjectAltName.Type.HOSTNAME,
                    (String) san.get(uri ? "uri" : "hostname")));
        }
        return names;
    }

    private static List<CaCertificateRef> caCertificateRefs(Map<?, ?> validation) {
        List<?> refs = list(validation.get("caCertificateRefs"));
        List<CaCertificateRef> out = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            Map<?, ?> ref = (Map<?, ?>) refs.get(i);
            out.add(new CaCertificateRef((String) ref.get("group"), (String) ref.get("kind"), (String) ref.get("name"),
                    Violations.index(CA_REFS, i)));
        }
        return out;
    }

    /** The options; an entry without a value counts as an empty value, which core refuses for every key it knows. */
    private static Map<String, String> options(Map<?, ?> spec) {
        Map<String, String> options = new LinkedHashMap<>();
        if (spec.get("options") instanceof Map<?, ?> written) {
            written.forEach((key, value) -> options.put(String.valueOf(key), value == null ? "" : (String) value));
        }
        return options;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> items ? items : List.of();
    }

    @Override
    public String toString() {
        return KIND + " (backend TLS policy)";
    }
}
