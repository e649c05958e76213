package io.lintel.spi.policy;

/**
 * A service policy's validated configuration, produced by {@link ServicePolicyFactory#translate}: an immutable
 * value with {@code equals}, compared to decide whether a change altered the policy, and shown by {@code /config}
 * through {@code toString} (records do both).
 */
public interface PolicySpec {
}
