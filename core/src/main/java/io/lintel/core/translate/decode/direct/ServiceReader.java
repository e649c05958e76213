package io.lintel.core.translate.decode.direct;

import static io.lintel.core.translate.decode.direct.MapReader.bool;
import static io.lintel.core.translate.decode.direct.MapReader.decline;
import static io.lintel.core.translate.decode.direct.MapReader.integer;
import static io.lintel.core.translate.decode.direct.MapReader.list;
import static io.lintel.core.translate.decode.direct.MapReader.object;
import static io.lintel.core.translate.decode.direct.MapReader.string;
import static io.lintel.core.translate.decode.direct.MapReader.stringMap;
import static io.lintel.core.translate.decode.direct.MapReader.strings;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;

/**
 * Reads a core/v1 Service. {@code spec.sessionAffinityConfig} and {@code status} are declined (nested types of
 * their own, rare in a configuration): Jackson's path decodes those Services.
 */
final class ServiceReader {

    static Service read(Object content, String apiVersion) {
        Service service = new Service();
        return TopLevel.withSpec(service, service::setKind, service::setAdditionalProperties, content, apiVersion,
                ServiceReader::spec, service::setSpec);
    }

    private static ServiceSpec spec(Object node) {
        ServiceSpec spec = new ServiceSpec();
        return object(node, spec, ServiceSpec::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "ports" -> spec.setPorts(list(value, ServiceReader::port));
                case "selector" -> spec.setSelector(stringMap(value));
                case "type" -> spec.setType(string(value));
                case "clusterIP" -> spec.setClusterIP(string(value));
                case "clusterIPs" -> spec.setClusterIPs(strings(value));
                case "externalName" -> spec.setExternalName(string(value));
                case "externalIPs" -> spec.setExternalIPs(strings(value));
                case "ipFamilies" -> spec.setIpFamilies(strings(value));
                case "ipFamilyPolicy" -> spec.setIpFamilyPolicy(string(value));
                case "sessionAffinity" -> spec.setSessionAffinity(string(value));
                case "externalTrafficPolicy" -> spec.setExternalTrafficPolicy(string(value));
                case "internalTrafficPolicy" -> spec.setInternalTrafficPolicy(string(value));
                case "healthCheckNodePort" -> spec.setHealthCheckNodePort(integer(value));
                case "publishNotReadyAddresses" -> spec.setPublishNotReadyAddresses(bool(value));
                case "allocateLoadBalancerNodePorts" -> spec.setAllocateLoadBalancerNodePorts(bool(value));
                case "loadBalancerClass" -> spec.setLoadBalancerClass(string(value));
                case "loadBalancerIP" -> spec.setLoadBalancerIP(string(value));
                case "loadBalancerSourceRanges" -> spec.setLoadBalancerSourceRanges(strings(value));
                case "trafficDistribution" -> spec.setTrafficDistribution(string(value));
                default -> throw decline();
            }
        });
    }

    private static ServicePort port(Object node) {
        ServicePort port = new ServicePort();
        return object(node, port, ServicePort::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "name" -> port.setName(string(value));
                case "port" -> port.setPort(integer(value));
                case "protocol" -> port.setProtocol(string(value));
                case "appProtocol" -> port.setAppProtocol(string(value));
                case "targetPort" -> port.setTargetPort(intOrString(value));
                case "nodePort" -> port.setNodePort(integer(value));
                default -> throw decline();
            }
        });
    }

    /** A port number or a port name, as IntOrString's own (Jackson) creator keeps them; anything else is declined. */
    private static IntOrString intOrString(Object value) {
        if (value instanceof Integer || value instanceof String) {
            return new IntOrString(value);
        }
        throw decline();
    }

    private ServiceReader() {}
}
