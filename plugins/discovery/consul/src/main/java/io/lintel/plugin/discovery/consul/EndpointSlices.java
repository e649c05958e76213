package io.lintel.plugin.discovery.consul;

import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds the EndpointSlices of a {@link CatalogService} from its healthy Consul instances, as a cluster would publish
 * them: labelled {@code kubernetes.io/service-name}, one slice per address type and instance port (an EndpointSlice
 * has one port list for all its endpoints), every endpoint ready. Each Service port maps to the instance's registered
 * port, as Consul registers one port per instance.
 */
final class EndpointSlices {

    static final String MANAGED_BY = "consul.lintel.io";
    private static final String GROUP = "discovery.k8s.io";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private EndpointSlices() {}

    static List<KubernetesDocument> of(CatalogService service, List<ConsulClient.HealthInstance> instances, String origin) {
        Map<String, List<ConsulClient.HealthInstance>> groups = new TreeMap<>();
        for (ConsulClient.HealthInstance instance : instances) {
            if (instance.address().isEmpty() || instance.port() <= 0 || instance.port() > 65535) {
                continue; // not routable; Consul allows registering such instances
            }
            groups.computeIfAbsent(addressType(instance.address()) + "/" + instance.port(), k -> new ArrayList<>()).add(instance);
        }
        List<KubernetesDocument> slices = new ArrayList<>();
        groups.forEach((group, members) -> {
            String addressType = group.substring(0, group.indexOf('/'));
            int port = members.get(0).port();
            String name = service.name() + "-consul-" + addressType.toLowerCase(Locale.ROOT) + "-" + port;
            slices.add(slice(service, name, addressType, port, members, origin));
        });
        return slices;
    }

    private static KubernetesDocument slice(CatalogService service, String name, String addressType, int port,
            List<ConsulClient.HealthInstance> members, String origin) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/service-name", service.name());
        labels.put("endpointslice.kubernetes.io/managed-by", MANAGED_BY);
        List<Object> ports = new ArrayList<>();
        for (CatalogService.Port servicePort : service.ports()) {
            Map<String, Object> endpointPort = new LinkedHashMap<>();
            endpointPort.put("name", servicePort.name());
            endpointPort.put("port", port);
            endpointPort.put("protocol", servicePort.protocol());
            servicePort.appProtocol().ifPresent(appProtocol -> endpointPort.put("appProtocol", appProtocol));
            ports.add(Map.copyOf(endpointPort));
        }
        List<Object> endpoints = new ArrayList<>();
        for (ConsulClient.HealthInstance instance : members) {
            endpoints.add(Map.of(
                    "addresses", List.of(instance.address()),
                    "conditions", Map.of("ready", true, "serving", true, "terminating", false),
                    "nodeName", instance.node()));
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("apiVersion", GROUP + "/v1");
        content.put("kind", "EndpointSlice");
        content.put("metadata", Map.of("name", name, "namespace", service.namespace(), "labels", Map.copyOf(labels)));
        content.put("addressType", addressType);
        content.put("ports", List.copyOf(ports));
        content.put("endpoints", List.copyOf(endpoints));
        return new KubernetesDocument(new ResourceKey(GROUP, "EndpointSlice", service.namespace(), name), GROUP + "/v1",
                java.util.Collections.unmodifiableMap(content), new SourceLocation(origin, 0));
    }

    private static String addressType(String address) {
        if (IPV4.matcher(address).matches()) {
            return "IPv4";
        }
        return address.indexOf(':') >= 0 ? "IPv6" : "FQDN";
    }
}
