package io.lintel.plugin.discovery.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;

/**
 * Builds the client from the settings: an explicit kubeconfig, else fabric8's standard discovery (in-cluster service
 * account token and CA when running in a pod, then {@code KUBECONFIG} / {@code ~/.kube/config}); {@code master}
 * overrides the server URL either way.
 */
final class KubernetesClients {

    private KubernetesClients() {}

    static KubernetesClient create(KubernetesSourceSettings settings) {
        Config config;
        if (settings.kubeconfig().isPresent()) {
            if (!Files.isReadable(settings.kubeconfig().get())) {
                throw new IllegalArgumentException("kubernetes config source: setting '" + KubernetesSourceSettings.KUBECONFIG
                        + "': " + settings.kubeconfig().get() + " cannot be read (expected: a readable kubeconfig file)");
            }
            config = Config.fromKubeconfig(settings.context().orElse(null), settings.kubeconfig().get().toFile());
        } else {
            config = Config.autoConfigure(settings.context().orElse(null));
        }
        settings.master().ifPresent(config::setMasterUrl);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
