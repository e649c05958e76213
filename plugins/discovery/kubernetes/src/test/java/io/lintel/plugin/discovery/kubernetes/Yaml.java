package io.lintel.plugin.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/** Test manifests: multi-document YAML into generic resources (so every kind and version parses alike). */
final class Yaml {

    private Yaml() {}

    static List<GenericKubernetesResource> parse(KubernetesClient client, String yaml) {
        List<GenericKubernetesResource> resources = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                resources.add(client.getKubernetesSerialization().unmarshal(document, GenericKubernetesResource.class));
            }
        }
        return resources;
    }
}
