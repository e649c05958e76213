package io.lintel.consul.fake;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * The rules of one ACL token, as Consul's policy language states them with {@code key_prefix}, {@code service_prefix}
 * and {@code node_prefix} blocks: for a name, the rule with the longest matching prefix decides, and a name no rule
 * matches is denied (the fake models {@code acl.default_policy = "deny"}, the setting production clusters use).
 * {@code write} implies {@code read}. Immutable: the {@code with...} methods return a new policy.
 *
 * <pre>{@code
 * AclPolicy.denyAll()
 *         .withKeyPrefix("lintel/edge/", Access.READ)      // key_prefix "lintel/edge/" { policy = "read" }
 *         .withServicePrefix("", Access.READ)              // service_prefix "" { policy = "read" }
 *         .withNodePrefix("", Access.READ);                // node_prefix "" { policy = "read" }
 * }</pre>
 */
public final class AclPolicy {

    /** A rule's {@code policy}: Consul's {@code deny}, {@code read} and {@code write}. */
    public enum Access {
        DENY, READ, WRITE;

        boolean allowsRead() {
            return this != DENY;
        }

        boolean allowsWrite() {
            return this == WRITE;
        }
    }

    private static final AclPolicy DENY_ALL = new AclPolicy(Map.of(), Map.of(), Map.of());
    private static final AclPolicy MANAGEMENT = DENY_ALL.withKeyPrefix("", Access.WRITE)
            .withServicePrefix("", Access.WRITE).withNodePrefix("", Access.WRITE);

    private final Map<String, Access> keys;
    private final Map<String, Access> services;
    private final Map<String, Access> nodes;

    private AclPolicy(Map<String, Access> keys, Map<String, Access> services, Map<String, Access> nodes) {
        this.keys = keys;
        this.services = services;
        this.nodes = nodes;
    }

    /** No rules: every read is denied or filtered (an empty policy under a default policy of deny). */
    public static AclPolicy denyAll() {
        return DENY_ALL;
    }

    /** Write on every key, service and node (what a management token may do, as far as the fake's API goes). */
    public static AclPolicy management() {
        return MANAGEMENT;
    }

    /** Adds (or replaces) {@code key_prefix "<prefix>" { policy = "<access>" }}. */
    public AclPolicy withKeyPrefix(String prefix, Access access) {
        return new AclPolicy(with(keys, prefix, access), services, nodes);
    }

    /** Adds (or replaces) {@code service_prefix "<prefix>" { policy = "<access>" }}. */
    public AclPolicy withServicePrefix(String prefix, Access access) {
        return new AclPolicy(keys, with(services, prefix, access), nodes);
    }

    /** Adds (or replaces) {@code node_prefix "<prefix>" { policy = "<access>" }}. */
    public AclPolicy withNodePrefix(String prefix, Access access) {
        return new AclPolicy(keys, services, with(nodes, prefix, access));
    }

    boolean keyRead(String key) {
        return access(keys, key).allowsRead();
    }

    boolean keyWrite(String key) {
        return access(keys, key).allowsWrite();
    }

    boolean serviceRead(String service) {
        return access(services, service).allowsRead();
    }

    boolean nodeRead(String node) {
        return access(nodes, node).allowsRead();
    }

    private static Access access(Map<String, Access> rules, String name) {
        String longest = null;
        for (String prefix : rules.keySet()) {
            if (name.startsWith(prefix) && (longest == null || prefix.length() > longest.length())) {
                longest = prefix;
            }
        }
        return longest == null ? Access.DENY : rules.get(longest);
    }

    private static Map<String, Access> with(Map<String, Access> rules, String prefix, Access access) {
        Map<String, Access> copy = new TreeMap<>(rules);
        copy.put(requireNonNull(prefix, "prefix"), requireNonNull(access, "access"));
        return Map.copyOf(copy);
    }
}
