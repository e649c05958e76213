package io.lintel.plugin.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an object read from the API server into the plain-map document the store takes, keyed as the file source
 * keys them.
 *
 * <p>What only the server changes is dropped: {@code status} (Lintel computes status; keeping it would make every
 * status write look like a new configuration), {@code metadata.resourceVersion}, {@code metadata.managedFields} and
 * kubectl's last-applied annotation. So a write of our own status comes back as an equal document, which the store
 * ignores.
 */
final class DocumentConverter {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final KubernetesSerialization serialization;

    DocumentConverter(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    /** The key of an object of a served kind. */
    static ResourceKey keyOf(ServedKind kind, GenericKubernetesResource resource) {
        String namespace = kind.namespaced() && resource.getMetadata().getNamespace() != null
                ? resource.getMetadata().getNamespace() : "";
        return new ResourceKey(kind.kind().group(), kind.kind().kind(), namespace, resource.getMetadata().getName());
    }

    KubernetesDocument convert(ServedKind kind, GenericKubernetesResource resource) {
        @SuppressWarnings("unchecked")
        Map<String, Object> content = serialization.convertValue(resource, LinkedHashMap.class);
        content.remove("status");
        // A list answer may leave apiVersion/kind out of its items; the document must carry them.
        content.putIfAbsent("apiVersion", kind.apiVersion());
        content.putIfAbsent("kind", kind.kind().kind());
        Object metadata = content.get("metadata");
        if (metadata instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) map;
            meta.remove("resourceVersion");
            meta.remove("managedFields");
            if (meta.get("annotations") instanceof Map<?, ?> annotations && annotations.containsKey(LAST_APPLIED)) {
                annotations.remove(LAST_APPLIED);
                if (annotations.isEmpty()) {
                    meta.remove("annotations");
                }
            }
        }
        ResourceKey key = keyOf(kind, resource);
        String apiVersion = String.valueOf(content.get("apiVersion"));
        return new KubernetesDocument(key, apiVersion, freeze(content), location(kind, key));
    }

    /** The object's API path, e.g. {@code kubernetes:/apis/gateway.networking.k8s.io/v1/namespaces/ns/httproutes/r}. */
    static SourceLocation location(ServedKind kind, ResourceKey key) {
        String prefix = (kind.kind().group().isEmpty() ? "/api/" : "/apis/") + kind.apiVersion();
        String namespace = key.namespace().isEmpty() ? "" : "/namespaces/" + key.namespace();
        return new SourceLocation("kubernetes:" + prefix + namespace + "/" + kind.plural() + "/" + key.name(), 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> freeze(Map<String, Object> map) {
        map.replaceAll((k, v) -> freezeValue(v));
        return Collections.unmodifiableMap(map);
    }

    @SuppressWarnings("unchecked")
    private static Object freezeValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return freeze((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> items = (List<Object>) list;
            items.replaceAll(DocumentConverter::freezeValue);
            return Collections.unmodifiableList(items);
        }
        return value;
    }
}
