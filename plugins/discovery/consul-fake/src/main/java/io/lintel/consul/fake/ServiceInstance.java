package io.lintel.consul.fake;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One instance of a service in the fake catalog, as {@code /v1/agent/service/register} would create it.
 *
 * @param id the instance's ID, unique in the catalog
 * @param service the service name
 * @param node the node the instance runs on
 * @param nodeAddress the node's address (Consul's fallback when {@code address} is empty)
 * @param address the instance's own address, may be empty
 * @param port the instance's port
 * @param tags the instance's tags
 */
public record ServiceInstance(String id, String service, String node, String nodeAddress, String address, int port,
        List<String> tags) {

    public ServiceInstance {
        requireNonNull(id, "id");
        requireNonNull(service, "service");
        requireNonNull(node, "node");
        requireNonNull(nodeAddress, "nodeAddress");
        requireNonNull(address, "address");
        tags = List.copyOf(requireNonNull(tags, "tags"));
    }

    /** An instance on node {@code node-<id>} at {@code address:port}. */
    public static ServiceInstance of(String id, String service, String address, int port, String... tags) {
        return new ServiceInstance(id, service, "node-" + id, address, address, port, List.of(tags));
    }
}
