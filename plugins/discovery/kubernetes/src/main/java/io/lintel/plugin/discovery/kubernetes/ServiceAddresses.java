package io.lintel.plugin.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.lintel.plugin.discovery.kubernetes.KubernetesSourceSettings.NamespacedName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The addresses a Service makes a Gateway reachable on, as {@code Gateway.status.addresses} entries: its load
 * balancer's IPs and host names once assigned, else its cluster IP. Tracks one Service (shared mode's
 * {@code addressesFromService}); {@link #of} serves the provisioner's Services.
 */
final class ServiceAddresses {

    private final NamespacedName service;
    private volatile List<Map<String, Object>> addresses = List.of();

    ServiceAddresses(NamespacedName service) {
        this.service = requireNonNull(service, "service");
    }

    boolean matches(GenericKubernetesResource resource) {
        return service.namespace().equals(resource.getMetadata().getNamespace())
                && service.name().equals(resource.getMetadata().getName());
    }

    /** Takes the Service's current state; true when its addresses changed. */
    boolean update(GenericKubernetesResource resource) {
        List<Map<String, Object>> next = of(resource.getAdditionalProperties());
        if (next.equals(addresses)) {
            return false;
        }
        addresses = next;
        return true;
    }

    List<Map<String, Object>> addresses() {
        return addresses;
    }

    /** The addresses of a Service given as a map ({@code spec}, {@code status}). */
    static List<Map<String, Object>> of(Map<String, Object> service) {
        List<Map<String, Object>> result = new ArrayList<>();
        if (service.get("status") instanceof Map<?, ?> status && status.get("loadBalancer") instanceof Map<?, ?> lb
                && lb.get("ingress") instanceof List<?> ingress) {
            for (Object entry : ingress) {
                if (entry instanceof Map<?, ?> item) {
                    if (item.get("ip") instanceof String ip && !ip.isEmpty()) {
                        result.add(address("IPAddress", ip));
                    } else if (item.get("hostname") instanceof String host && !host.isEmpty()) {
                        result.add(address("Hostname", host));
                    }
                }
            }
        }
        if (result.isEmpty() && service.get("spec") instanceof Map<?, ?> spec
                && spec.get("clusterIP") instanceof String clusterIp && !clusterIp.isEmpty() && !"None".equals(clusterIp)) {
            result.add(address("IPAddress", clusterIp));
        }
        return List.copyOf(result);
    }

    /** An address entry with its keys in the order Kubernetes writes them. */
    private static Map<String, Object> address(String type, String value) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("type", type);
        address.put("value", value);
        return Collections.unmodifiableMap(address);
    }
}
