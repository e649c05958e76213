package io.lintel.core.translate.decode;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.lintel.core.translate.validate.ResourceValidator;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.kind.FieldViolation;
import io.lintel.spi.kind.HttpRouteKind;
import io.lintel.spi.kind.ListenerSetKind;
import io.lintel.spi.kind.ResourceKind;
import io.lintel.spi.kind.StreamRouteKind;
import io.lintel.spi.policy.BackendTlsPolicyKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads the documents of the kinds plugins register ({@link StreamRouteKind}, {@link HttpRouteKind},
 * {@link BackendTlsPolicyKind}, {@link ListenerSetKind}): core
 * checks the envelope (the version, {@code metadata}, no unknown top-level field) as it does for its own kinds, the
 * plugin validates the rest and describes a valid document; the result is a {@link StreamRouteObject}, an
 * {@link HttpRouteObject}, a {@link BackendTlsPolicyObject} or a {@link ListenerSetObject}. A plugin that throws is reported as a problem of the document. Thread-safe when the
 * plugins are (the SPI asks them to be).
 */
final class PluginKinds {

    /** The top-level fields of a Kubernetes object; {@code status} is ours to write and never read. */
    private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "metadata", "spec", "status");

    /** How a valid document of a plugin's kind becomes core's object, calling the plugin to describe it. */
    @FunctionalInterface
    private interface Describer {
        PluginObject describe(KubernetesDocument document, ObjectMeta metadata);
    }

    /** A kind a plugin reads: the plugin's validation and description. */
    private record Reader(ResourceKind kind, Function<KubernetesDocument, List<FieldViolation>> validate,
            Describer describe) {}

    private final Map<String, Reader> byGroupKind = new LinkedHashMap<>();
    private final ResourceValidator validator = new ResourceValidator();
    private final KubernetesSerialization serialization;

    PluginKinds(List<StreamRouteKind> routeKinds, List<HttpRouteKind> httpRouteKinds,
            List<BackendTlsPolicyKind> backendTlsPolicyKinds, List<ListenerSetKind> listenerSetKinds,
            KubernetesSerialization serialization) {
        this.serialization = requireNonNull(serialization, "serialization");
        for (StreamRouteKind kind : routeKinds) {
            add(new Reader(kind.kind(), kind::validate, (document, metadata) -> new StreamRouteObject(
                    document.apiVersion(), metadata, kind, describeOrFail(kind.describe(document)))));
        }
        for (HttpRouteKind kind : httpRouteKinds) {
            add(new Reader(kind.kind(), kind::validate, (document, metadata) -> new HttpRouteObject(
                    document.apiVersion(), metadata, kind, describeOrFail(kind.describe(document)))));
        }
        for (BackendTlsPolicyKind kind : backendTlsPolicyKinds) {
            add(new Reader(kind.kind(), kind::validate, (document, metadata) -> new BackendTlsPolicyObject(
                    kind.kind().kind(), document.apiVersion(), metadata, describeOrFail(kind.describe(document)))));
        }
        for (ListenerSetKind kind : listenerSetKinds) {
            add(new Reader(kind.kind(), kind::validate, (document, metadata) -> new ListenerSetObject(
                    kind.kind().kind(), document.apiVersion(), metadata, describeOrFail(kind.describe(document)))));
        }
    }

    private void add(Reader reader) {
        byGroupKind.putIfAbsent(key(reader.kind().group(), reader.kind().kind()), reader);
    }

    private static <T> T describeOrFail(T description) {
        return requireNonNull(description, "describe returned null");
    }

    boolean reads(String group, String kind) {
        return !byGroupKind.isEmpty() && byGroupKind.containsKey(key(group, kind));
    }

    /** Decodes a document of a kind this reads, or reports why not and returns empty. */
    Optional<DecodedResource<HasMetadata>> decode(KubernetesDocument document, Consumer<ConfigProblem> problems) {
        Reader reader = byGroupKind.get(key(document.key().group(), document.key().kind()));
        ResourceKind kind = reader.kind();
        if (!kind.reads(document.apiVersion())) {
            problems.accept(DocumentDecoder.problem(document, "apiVersion", "unsupported apiVersion \""
                    + document.apiVersion() + "\" for " + kind.kind() + " (expected "
                    + String.join(" or ", kind.versions().stream().map(kind::apiVersion).toList())
                    + ", the versions its plugin reads)"));
            return Optional.empty();
        }
        Map<String, Object> content = document.content();
        int reported = 0;
        for (var violation : validator.validateMetadata(content)) {
            problems.accept(DocumentDecoder.problem(document, violation.fieldPath(), violation.message()));
            reported++;
        }
        for (String field : content.keySet()) {
            if (!TOP_LEVEL.contains(field)) {
                problems.accept(unknownField(document, field));
                reported++;
            }
        }
        List<FieldViolation> violations;
        try {
            violations = List.copyOf(reader.validate().apply(document));
        } catch (RuntimeException | LinkageError e) {
            problems.accept(pluginFailed(document, kind, "validating", e));
            return Optional.empty();
        }
        for (FieldViolation violation : violations) {
            problems.accept(DocumentDecoder.problem(document, violation.fieldPath(), violation.message()));
        }
        if (reported > 0 || !violations.isEmpty()) {
            return Optional.empty();
        }
        Optional<ObjectMeta> metadata = metadata(document, problems);
        if (metadata.isEmpty()) {
            return Optional.empty();
        }
        PluginObject object;
        try {
            object = reader.describe().describe(document, metadata.get());
        } catch (RuntimeException | LinkageError e) {
            problems.accept(pluginFailed(document, kind, "describing", e));
            return Optional.empty();
        }
        return Optional.of(new DecodedResource<>(document, object));
    }

    /** The typed {@code metadata}, with wrongly typed values and unknown fields reported as for core's own kinds. */
    private Optional<ObjectMeta> metadata(KubernetesDocument document, Consumer<ConfigProblem> problems) {
        ObjectMeta metadata;
        try {
            metadata = serialization.convertValue(document.content().get("metadata"), ObjectMeta.class);
        } catch (IllegalArgumentException e) {
            ConfigProblem problem = DocumentDecoder.typeProblem(document, e);
            problems.accept(new ConfigProblem(problem.location(), problem.resource(),
                    problem.fieldPath().isEmpty() ? "metadata" : "metadata." + problem.fieldPath(), problem.message()));
            return Optional.empty();
        }
        List<String> unknown = UnknownFields.of(metadata);
        if (!unknown.isEmpty()) {
            unknown.forEach(path -> problems.accept(unknownField(document, "metadata." + path)));
            return Optional.empty();
        }
        return Optional.of(metadata);
    }

    private static ConfigProblem unknownField(KubernetesDocument document, String path) {
        return DocumentDecoder.problem(document, path, "unknown field \"" + path.substring(path.lastIndexOf('.') + 1)
                + "\" (not part of " + document.key().kind() + " " + document.apiVersion() + ")");
    }

    private static ConfigProblem pluginFailed(KubernetesDocument document, ResourceKind kind, String doing,
            Throwable failure) {
        return DocumentDecoder.problem(document, "", "cannot be read: the plugin that reads " + kind + " failed while "
                + doing + " it: " + failure);
    }

    private static String key(String group, String kind) {
        return group + "/" + kind;
    }
}
