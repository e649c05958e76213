package io.lintel.plugin.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.lintel.spi.config.ResourceKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes one resource's {@code status} through its status subresource, with optimistic locking: it reads the object,
 * leaves it alone when the status is already the one wanted, and otherwise replaces the status carrying the
 * {@code resourceVersion} it read, reading again and retrying when another writer got in between (409 Conflict).
 */
final class StatusUpdater {

    static final int MAX_CONFLICT_RETRIES = 5;

    /** What became of a write. */
    enum Outcome {
        WRITTEN,
        UNCHANGED,
        GONE
    }

    private final Supplier<KubernetesClient> client;

    /** @param client the client to write with, asked on each write (the source creates it when it starts) */
    StatusUpdater(Supplier<KubernetesClient> client) {
        this.client = requireNonNull(client, "client");
    }

    /**
     * @throws KubernetesClientException when the server refuses the write for another reason than a conflict, or
     *     conflicts persist beyond {@value #MAX_CONFLICT_RETRIES} retries
     */
    Outcome write(ServedKind kind, ResourceKey key, Map<String, Object> status) {
        Map<String, Object> wanted = normalize(status);
        for (int attempt = 0; ; attempt++) {
            GenericKubernetesResource current = resource(kind, key).get();
            if (current == null) {
                return Outcome.GONE;
            }
            if (Objects.equals(normalize(current.getAdditionalProperties().get("status")), wanted)) {
                return Outcome.UNCHANGED;
            }
            current.setAdditionalProperty("status", wanted);
            try {
                namespaceOperation(kind, key).resource(current).updateStatus();
                return Outcome.WRITTEN;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return Outcome.GONE;
                }
                if (e.getCode() != 409 || attempt >= MAX_CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private Resource<GenericKubernetesResource> resource(ServedKind kind, ResourceKey key) {
        return namespaceOperation(kind, key).withName(key.name());
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            namespaceOperation(ServedKind kind, ResourceKey key) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> operation =
                client.get().genericKubernetesResources(kind.context());
        return kind.namespaced() ? operation.inNamespace(key.namespace()) : operation;
    }

    /**
     * The status as read back from JSON, so that numbers compare equal whatever their Java type (core hands over
     * {@code long}s, the server's JSON reads back as {@code int}s).
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> normalize(Object status) {
        if (status == null) {
            return null;
        }
        KubernetesSerialization serialization = client.get().getKubernetesSerialization();
        return serialization.unmarshal(serialization.asJson(status), LinkedHashMap.class);
    }
}
