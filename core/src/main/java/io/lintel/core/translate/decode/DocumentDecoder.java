package io.lintel.core.translate.decode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.lintel.core.translate.decode.direct.DirectDecoder;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.SourceLocation;
import io.lintel.spi.kind.HttpRouteKind;
import io.lintel.spi.kind.ListenerSetKind;
import io.lintel.spi.kind.StreamRouteKind;
import io.lintel.spi.policy.BackendTlsPolicyKind;
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
 * except ListenerSet, which is read in v1 only.
 * A document with a wrongly typed value or an unknown field is reported and not decoded. The common kinds are first
 * tried without Jackson ({@link DirectDecoder}), which hands every document it is not sure of back to Jackson.
 *
 * <p>The kinds plugins register (GRPCRoute, TLSRoute, TCPRoute, UDPRoute, BackendTLSPolicy, ListenerSet) are read
 * through their plugins ({@link PluginKinds}) into {@link HttpRouteObject}s, {@link StreamRouteObject}s,
 * {@link BackendTlsPolicyObject}s and {@link ListenerSetObject}s; a route, policy or ListenerSet of the Gateway API
 * group that neither core nor a plugin reads is reported as not served ({@link UnservedRouteKinds}).
 *
 * <p>Thread-safe.
 */
public final class DocumentDecoder {

    private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
    private static final Set<String> GATEWAY_KINDS = Set.of("GatewayClass", "Gateway", "HTTPRoute", "ReferenceGrant");
    private static final Map<String, String> CORE_KINDS = Map.of(
            "/Service", "v1",
            "/Namespace", "v1",
            "/Secret", "v1",
            "/ConfigMap", "v1",
            "discovery.k8s.io/EndpointSlice", "discovery.k8s.io/v1");

    /**
     * One per process, built on first use: fabric8's serialization registers every model class it knows, and builds a
     * deserializer per type on its first conversion; both are most of what a first translation costs (~0.5-1 s of CPU
     * on a small configuration), and neither depends on the translator's settings. Thread-safe.
     */
    private static final class Shared {
        static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    }

    private final KubernetesSerialization serialization = Shared.SERIALIZATION;
    private final PluginKinds pluginKinds;

    /** A decoder of core's kinds only. */
    public DocumentDecoder() {
        this(List.of(), List.of());
    }

    /** A decoder of core's kinds and of the route kinds of loaded plugins. */
    public DocumentDecoder(List<StreamRouteKind> streamRouteKinds) {
        this(streamRouteKinds, List.of());
    }

    /** A decoder of core's kinds and of the route and backend TLS policy kinds of loaded plugins. */
    public DocumentDecoder(List<StreamRouteKind> streamRouteKinds, List<BackendTlsPolicyKind> backendTlsPolicyKinds) {
        this(streamRouteKinds, List.of(), backendTlsPolicyKinds, List.of());
    }

    /**
     * A decoder of core's kinds and of the stream route, HTTP-family route, backend TLS policy and listener set kinds
     * of loaded plugins.
     */
    public DocumentDecoder(List<StreamRouteKind> streamRouteKinds, List<HttpRouteKind> httpRouteKinds,
            List<BackendTlsPolicyKind> backendTlsPolicyKinds, List<ListenerSetKind> listenerSetKinds) {
        this.pluginKinds = new PluginKinds(streamRouteKinds, httpRouteKinds, backendTlsPolicyKinds, listenerSetKinds,
                serialization);
    }

    /**
     * Builds the shared serialization (for Secrets, ConfigMaps, plugins' kinds and the documents {@link DirectDecoder}
     * declines) and loads the direct readers of the kinds nearly every configuration holds, by decoding one small
     * document of each (these no longer build Jackson deserializers: the direct readers decode them). {@code lintel
     * run} calls it on a thread of its own at start-up, so that this work overlaps plugin loading and file reading
     * instead of delaying the first translation. Never throws.
     */
    public static void prepare() {
        DocumentDecoder decoder = new DocumentDecoder();
        for (KubernetesDocument document : samples()) {
            try {
                decoder.decode(document, problem -> { });
            } catch (RuntimeException | LinkageError e) {
                // only a head start: the translation reports whatever is wrong with real documents
            }
        }
    }

    /** What {@link #prepare} decodes: one small, valid document of each common kind. */
    static List<KubernetesDocument> samples() {
        SourceLocation location = new SourceLocation("prepare", 0);
        Map<String, Object> metadata = Map.of("name", "prepare", "namespace", "prepare");
        List<KubernetesDocument> samples = List.of(
                sample(GATEWAY_GROUP, "GatewayClass", GATEWAY_GROUP + "/v1", Map.of(
                        "metadata", Map.of("name", "prepare"),
                        "spec", Map.of("controllerName", "lintel.io/prepare")), location),
                sample(GATEWAY_GROUP, "Gateway", GATEWAY_GROUP + "/v1", Map.of("metadata", metadata,
                        "spec", Map.of("gatewayClassName", "prepare",
                                "addresses", List.of(Map.of("type", "IPAddress", "value", "127.0.0.1")),
                                "listeners", List.of(Map.of("name", "http", "protocol", "HTTP", "port", 8080,
                                        "allowedRoutes", Map.of("namespaces", Map.of("from", "All")))))), location),
                sample(GATEWAY_GROUP, "HTTPRoute", GATEWAY_GROUP + "/v1", Map.of("metadata", metadata,
                        "spec", Map.of("parentRefs", List.of(Map.of("name", "prepare")),
                                "hostnames", List.of("prepare.test"),
                                "rules", List.of(Map.of(
                                        "matches", List.of(Map.of(
                                                "path", Map.of("type", "PathPrefix", "value", "/"),
                                                "headers", List.of(Map.of("name", "x", "value", "y")))),
                                        "filters", List.of(Map.of("type", "RequestRedirect",
                                                "requestRedirect", Map.of("hostname", "a.test", "statusCode", 302))),
                                        "backendRefs", List.of(Map.of("name", "prepare", "port", 80)))))), location),
                sample("", "Namespace", "v1", Map.of("metadata", Map.of("name", "prepare")), location),
                sample("", "Service", "v1", Map.of("metadata", metadata,
                        "spec", Map.of("ports", List.of(Map.of("name", "http", "port", 80, "protocol", "TCP")))), location),
                sample("discovery.k8s.io", "EndpointSlice", "discovery.k8s.io/v1", Map.of("metadata", metadata,
                        "addressType", "IPv4",
                        "ports", List.of(Map.of("name", "http", "port", 80, "protocol", "TCP")),
                        "endpoints", List.of(Map.of("addresses", List.of("127.0.0.1"),
                                "conditions", Map.of("ready", true)))), location));
        return samples;
    }

    private static KubernetesDocument sample(String group, String kind, String apiVersion, Map<String, Object> content,
            SourceLocation location) {
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) content.get("metadata");
        Object namespace = metadata.get("namespace");
        Map<String, Object> document = new LinkedHashMap<>(content);
        document.put("apiVersion", apiVersion);
        document.put("kind", kind);
        return new KubernetesDocument(new ResourceKey(group, kind, namespace == null ? "" : (String) namespace,
                (String) metadata.get("name")), apiVersion, document, location);
    }

    /**
     * True for the kinds the translator reads (core's, those of plugins' kinds, and Gateway API routes nobody serves,
     * which are reported); other kinds are left for filter plugins (ExtensionRef objects).
     */
    public boolean reads(String group, String kind) {
        return readsItself(group, kind) || pluginKinds.reads(group, kind) || UnservedRouteKinds.covers(group, kind);
    }

    /** True for the kinds core reads without any plugin: they cannot be registered by one. */
    public static boolean readsItself(String group, String kind) {
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
        if (!readsItself(group, kind)) {
            if (pluginKinds.reads(group, kind)) {
                return pluginKinds.decode(document, problems);
            }
            problems.accept(UnservedRouteKinds.problem(document));
            return Optional.empty();
        }
        String apiVersion = decodedVersion(group, kind);
        if (!GATEWAY_GROUP.equals(group) && !apiVersion.equals(document.apiVersion())) {
            problems.accept(problem(document, "apiVersion", "unsupported apiVersion \"" + document.apiVersion() + "\" for "
                    + kind + " (expected " + apiVersion + ")"));
            return Optional.empty();
        }
        Optional<HasMetadata> direct = DirectDecoder.read(group, kind, apiVersion, document.content());
        if (direct.isPresent()) {
            // no unknown fields (the reader knows every key it accepted) and no extras to share: see DirectDecoder
            return Optional.of(new DecodedResource<>(document, direct.get()));
        }
        return decodeThroughJackson(document, apiVersion, problems);
    }

    /** The version a document of one of core's own kinds is decoded as. */
    static String decodedVersion(String group, String kind) {
        return GATEWAY_GROUP.equals(group) ? GATEWAY_GROUP + "/v1" : CORE_KINDS.get(group + "/" + kind);
    }

    /**
     * Decodes one of core's own kinds with fabric8's serialization, reporting wrong types and unknown fields: every
     * document {@link DirectDecoder} declines, and in tests the reference the direct readers are held to.
     */
    Optional<DecodedResource<HasMetadata>> decodeThroughJackson(KubernetesDocument document, String apiVersion,
            Consumer<ConfigProblem> problems) {
        String group = document.key().group();
        String kind = document.key().kind();
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

    static ConfigProblem typeProblem(KubernetesDocument document, IllegalArgumentException e) {
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

    static ConfigProblem problem(KubernetesDocument document, String fieldPath, String message) {
        return new ConfigProblem(document.location(), Optional.of(document.key()), fieldPath, message);
    }
}
