package io.lintel.core.translate.decode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;

/**
 * Turns documents (plain map trees) into typed fabric8 objects with fabric8's own (Jackson 3) serialization.
 * Gateway API documents of older versions (v1beta1, v1alpha2, v1alpha3) are decoded as v1, so each kind has one class,
 * except GRPCRoute, which is read in v1 only (Gateway API v1.2 stopped serving its v1alpha2).
 * A document with a wrongly typed value or an unknown field is reported and not decoded.
 *
 * <p>Thread-safe.
 */
public final class DocumentDecoder {

    private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
    private static final Set<String> GATEWAY_KINDS = Set.of("GatewayClass", "Gateway", "HTTPRoute", "GRPCRoute",
            "ReferenceGrant", "TLSRoute", "TCPRoute", "BackendTLSPolicy");
    /** Kinds whose older versions Gateway API v1.2 no longer serves: only v1 is read. */
    private static final Set<String> V1_ONLY_KINDS = Set.of("GRPCRoute");
    private static final Map<String, String> CORE_KINDS = Map.of(
            "/Service", "v1",
            "/Namespace", "v1",
            "/Secret", "v1",
            "/ConfigMap", "v1",
            "discovery.k8s.io/EndpointSlice", "discovery.k8s.io/v1");

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    /** True for the kinds the translator reads; other kinds are left for plugins. */
    public boolean reads(String group, String kind) {
        return GATEWAY_GROUP.equals(group) ? GATEWAY_KINDS.contains(kind) : CORE_KINDS.containsKey(group + "/" + kind);
    }

    /**
     * Decodes one document of a kind this decoder {@link #reads}.
     *
     * @return the typed object, or empty after reporting why to {@code problems}
     */
    public Optional<DecodedResource<HasMetadata>> decode(KubernetesDocument document, Consumer<ConfigProblem> problems) {
        String group = document.key().group();
        String kind = document.key().kind();
        String apiVersion = GATEWAY_GROUP.equals(group) ? GATEWAY_GROUP + "/v1" : CORE_KINDS.get(group + "/" + kind);
        if (!GATEWAY_GROUP.equals(group) && !apiVersion.equals(document.apiVersion())) {
            problems.accept(problem(document, "apiVersion", "unsupported apiVersion \"" + document.apiVersion() + "\" for "
                    + kind + " (expected " + apiVersion + ")"));
            return Optional.empty();
        }
        if (GATEWAY_GROUP.equals(group) && V1_ONLY_KINDS.contains(kind) && !apiVersion.equals(document.apiVersion())) {
            problems.accept(problem(document, "apiVersion", "unsupported apiVersion \"" + document.apiVersion() + "\" for "
                    + kind + " (expected " + apiVersion + "; Gateway API v1.2 removed the older versions)"));
            return Optional.empty();
        }
        Class<? extends KubernetesResource> type = serialization.getRegisteredKubernetesResource(apiVersion, kind);
        Map<String, Object> content = new LinkedHashMap<>(document.content());
        content.put("apiVersion", apiVersion);
        if (GATEWAY_GROUP.equals(group) && kind.equals("Gateway")) {
            content = OldGatewaySpellings.normalise(content);
        }
        HasMetadata object;
        try {
            object = (HasMetadata) serialization.convertValue(content, type);
        } catch (IllegalArgumentException e) {
            problems.accept(typeProblem(document, e));
            return Optional.empty();
        }
        List<String> unknown = UnknownFields.of(object);
        if (!unknown.isEmpty()) {
            unknown.forEach(path -> problems.accept(problem(document, path, "unknown field \"" + lastName(path)
                    + "\" (not part of " + kind + " " + document.apiVersion() + ")")));
            return Optional.empty();
        }
        EmptyExtras.share(object);
        return Optional.of(new DecodedResource<>(document, object));
    }

    private static String lastName(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static ConfigProblem typeProblem(KubernetesDocument document, IllegalArgumentException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JacksonException jackson) {
            StringBuilder path = new StringBuilder();
            for (JacksonException.Reference ref : jackson.getPath()) {
                if (ref.getPropertyName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            String message = jackson.getOriginalMessage();
            // Jackson names Java types; say what a manifest author understands.
            message = message.replace("`java.lang.Integer`", "integer").replace("`java.lang.Long`", "integer")
                    .replace("`java.lang.Boolean`", "boolean").replace("`java.lang.String`", "string");
            return problem(document, path.toString(), "wrong value type: " + message);
        }
        return problem(document, "", "cannot be decoded: " + e.getMessage());
    }

    private static ConfigProblem problem(KubernetesDocument document, String fieldPath, String message) {
        return new ConfigProblem(document.location(), Optional.of(document.key()), fieldPath, message);
    }
}
