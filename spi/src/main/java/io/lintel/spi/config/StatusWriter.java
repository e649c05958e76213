package io.lintel.spi.config;

import java.util.Map;

/**
 * Writes computed status back to where resources live (the Kubernetes status subresource, a Consul KV prefix).
 *
 * <p>Core calls it from one control thread, only for resources whose status changed, never from an event loop; it
 * may block. Failures are the writer's to retry or log; they never affect serving.
 */
public interface StatusWriter {

    /**
     * @param key the resource
     * @param status the whole {@code status} object (conditions carry {@code observedGeneration})
     */
    void write(ResourceKey key, Map<String, Object> status);
}
