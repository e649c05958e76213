package io.lintel.plugin.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.store.ResourceStore;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import java.util.List;
import java.util.Map;

/** What the Consul source's tests read back from the store, and the route they write to KV. */
final class StoredDocuments {

    private StoredDocuments() {
    }

    /** The {@code spec.hostnames} of the HTTPRoute {@code key}; fails when the store does not hold it. */
    @SuppressWarnings("unchecked")
    static List<Object> hostnames(ResourceStore store, ResourceKey key) {
        KubernetesDocument document = store.current().documents().get(key);
        assertThat(document).as("document " + key).isNotNull();
        return (List<Object>) ((Map<?, ?>) document.content().get("spec")).get("hostnames");
    }

    /** The first address of each endpoint of the EndpointSlice {@code slice}; fails when the store does not hold it. */
    static List<Object> addresses(ResourceStore store, ResourceKey slice) {
        KubernetesDocument document = store.current().documents().get(slice);
        assertThat(document).as("document " + slice).isNotNull();
        return ((List<?>) document.content().get("endpoints")).stream()
                .map(endpoint -> ((List<?>) ((Map<?, ?>) endpoint).get("addresses")).get(0))
                .map(Object.class::cast)
                .toList();
    }

    /** An HTTPRoute {@code name} in namespace default with the one hostname {@code <version>.example}. */
    static String route(String name, String version) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: %s
                spec:
                  hostnames: ["%s.example"]
                """.formatted(name, version);
    }
}
