package io.lintel.plugin.discovery.consul;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.config.KubernetesDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Service whose endpoints come from Consul's catalog: the Consul service name (annotation
 * {@value #SERVICE_ANNOTATION}, default the Service's name), an optional tag the instances must carry (annotation
 * {@value #TAG_ANNOTATION}), and the Service's ports, each of which reaches an instance's registered port.
 *
 * @param namespace the Service's namespace
 * @param name the Service's name
 * @param consulName the Consul service to read
 * @param tag the tag instances must carry, if any
 * @param ports the Service's ports
 */
record CatalogService(String namespace, String name, String consulName, Optional<String> tag, List<Port> ports) {

    static final String SERVICE_ANNOTATION = "consul.lintel.io/service";
    static final String TAG_ANNOTATION = "consul.lintel.io/tag";

    /** A Service port as an EndpointSlice port repeats it: name ({@code ""} when unnamed), protocol, appProtocol. */
    record Port(String name, String protocol, Optional<String> appProtocol) {

        Port {
            requireNonNull(name, "name");
            requireNonNull(protocol, "protocol");
            requireNonNull(appProtocol, "appProtocol");
        }
    }

    CatalogService {
        requireNonNull(namespace, "namespace");
        requireNonNull(name, "name");
        requireNonNull(consulName, "consulName");
        requireNonNull(tag, "tag");
        ports = List.copyOf(requireNonNull(ports, "ports"));
    }

    /** Reads a Service document; malformed parts are skipped (core reports them when it validates the Service). */
    static CatalogService of(KubernetesDocument service) {
        Map<?, ?> metadata = map(service.content().get("metadata"));
        Map<?, ?> annotations = map(metadata.get("annotations"));
        String consulName = text(annotations.get(SERVICE_ANNOTATION)).orElse(service.key().name());
        Optional<String> tag = text(annotations.get(TAG_ANNOTATION));
        List<Port> ports = new ArrayList<>();
        Object portList = map(service.content().get("spec")).get("ports");
        if (portList instanceof List<?> items) {
            for (Object item : items) {
                Map<?, ?> port = map(item);
                ports.add(new Port(text(port.get("name")).orElse(""), text(port.get("protocol")).orElse("TCP"),
                        text(port.get("appProtocol"))));
            }
        }
        return new CatalogService(service.key().namespace(), service.key().name(), consulName, tag, ports);
    }

    /** How the source names this watch in logs and {@code /ready}. */
    String describe() {
        return "health/service/" + consulName + tag.map(t -> "?tag=" + t).orElse("") + " for Service " + namespace + "/" + name;
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    private static Optional<String> text(Object value) {
        return value instanceof String text && !text.isBlank() ? Optional.of(text.strip()) : Optional.empty();
    }
}
