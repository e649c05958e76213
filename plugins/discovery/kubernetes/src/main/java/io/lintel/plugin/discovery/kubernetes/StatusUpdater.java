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
import java.util.function.BiFunction;
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
    private final BiFunction<ServedKind, ResourceKey, GenericKubernetesResource> cached;

    /** @param client the client to write with, asked on each write (the source creates it when it starts) */
    StatusUpdater(Supplier<KubernetesClient> client) {
        this(client, (kind, key) -> null);
    }

    /**
     * @param cached the object as the source's informer last saw it (null when it has none): the first attempt of a
     *     write compares with and updates that copy instead of reading the object from the server first. At 10 000
     *     routes that halved the requests of the status writes after a start (each was a GET and a PUT); a stale copy
     *     costs a conflict (409), after which the object is read from the server.
     */
    StatusUpdater(Supplier<KubernetesClient> client, BiFunction<ServedKind, ResourceKey, GenericKubernetesResource> cached) {
        this.client = requireNonNull(client, "client");
        this.cached = requireNonNull(cached, "cached");
    }

    /**
     * @throws KubernetesClientException when the server refuses the write for another reason than a conflict, or
     *     conflicts persist beyond {@value #MAX_CONFLICT_RETRIES} retries
     */
    Outcome write(ServedKind kind, ResourceKey key, Map<String, Object> status) {
        Map<String, Object> wanted = normalize(status);
        for (int attempt = 0; ; attempt++) {
            GenericKubernetesResource seen = attempt == 0 ? cached.apply(kind, key) : null;
            GenericKubernetesResource current = seen != null ? copyOf(seen) : resource(kind, key).get();
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

    /** A copy whose properties can be changed: the informer's objects are shared with its cache. */
    private static GenericKubernetesResource copyOf(GenericKubernetesResource seen) {
        GenericKubernetesResource copy = new GenericKubernetesResource();
        copy.setApiVersion(seen.getApiVersion());
        copy.setKind(seen.getKind());
        copy.setMetadata(seen.getMetadata());
        copy.setAdditionalProperties(new LinkedHashMap<>(seen.getAdditionalProperties()));
        return copy;
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
