package io.lintel.spi.policy;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.config.ResourceKey;
import java.util.Map;

/**
 * A service policy's raw configuration: the whole policy object ({@code apiVersion}, {@code kind},
 * {@code metadata}, {@code spec}) as plain maps and lists; read-only.
 *
 * @param policy the policy's key
 * @param fieldPath where the configuration to check starts: {@code spec}
 * @param value the whole object
 */
public record PolicyConfig(ResourceKey policy, String fieldPath, Map<String, Object> value) {

    public PolicyConfig {
        requireNonNull(policy, "policy");
        requireNonNull(fieldPath, "fieldPath");
        requireNonNull(value, "value");
    }
}
