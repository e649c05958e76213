package io.lintel.core.status;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.config.ResourceKey;
import java.util.Map;

/**
 * The computed {@code status} of one resource, in the shape Kubernetes stores it (plain maps and lists, ready for
 * JSON), with what the admin server needs to show it as a Kubernetes object.
 *
 * @param key the resource
 * @param apiVersion the resource's {@code apiVersion} as written
 * @param generation the resource's {@code metadata.generation} (0 when it has none)
 * @param status the {@code status} object
 */
public record ResourceStatus(ResourceKey key, String apiVersion, long generation, Map<String, Object> status) {

    public ResourceStatus {
        requireNonNull(key, "key");
        requireNonNull(apiVersion, "apiVersion");
        requireNonNull(status, "status");
    }
}
