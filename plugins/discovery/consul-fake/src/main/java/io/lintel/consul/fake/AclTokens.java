package io.lintel.consul.fake;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake's ACL system: off until a token is configured; then every request is resolved to a policy as Consul
 * resolves its token. A request without a token uses the anonymous token (whose policy denies everything unless
 * set); a token that is not configured resolves to nothing (Consul answers 403 "ACL not found"). Policies may be
 * replaced at any time (a token losing or regaining rights); the next request sees the new one. Thread-safe.
 */
final class AclTokens {

    /** A request's resolved token: its policy, and whether it presented a token of its own. */
    record Resolved(AclPolicy policy, boolean authenticated, String accessorId) {

        /**
         * Consul sets {@code X-Consul-Results-Filtered-By-ACLs} only for requests that presented a token, so that an
         * anonymous caller does not learn that there is something it cannot see (its {@code maskResultsFilteredByACLs}).
         */
        boolean reportsFiltering(boolean filtered) {
            return filtered && authenticated;
        }

        /** The message of Consul's 403 for a missing permission, e.g. {@code key:read} on {@code "lintel/a"}. */
        String permissionDenied(String permission, String resource) {
            if (!authenticated) {
                return "Permission denied: anonymous token lacks permission '" + permission + "' on \"" + resource
                        + "\". The anonymous token is used implicitly when a request does not specify a token.";
            }
            return "Permission denied: token with AccessorID '" + accessorId + "' lacks permission '" + permission
                    + "' on \"" + resource + "\"";
        }
    }

    private static final Resolved ACLS_DISABLED = new Resolved(AclPolicy.management(), true, "");
    private static final String ANONYMOUS_ACCESSOR = "00000000-0000-0000-0000-000000000002";

    private final Map<String, AclPolicy> tokens = new ConcurrentHashMap<>();
    private volatile boolean enabled;
    private volatile AclPolicy anonymous = AclPolicy.denyAll();

    void put(String token, AclPolicy policy) {
        tokens.put(requireNonNull(token, "token"), requireNonNull(policy, "policy"));
        enabled = true;
    }

    void anonymous(AclPolicy policy) {
        anonymous = requireNonNull(policy, "policy");
        enabled = true;
    }

    boolean enabled() {
        return enabled;
    }

    /** The request's policy; empty when it presented a token Consul does not know. */
    Optional<Resolved> resolve(Optional<String> token) {
        if (!enabled) {
            return Optional.of(ACLS_DISABLED);
        }
        if (token.isEmpty() || token.get().isEmpty()) {
            return Optional.of(new Resolved(anonymous, false, ANONYMOUS_ACCESSOR));
        }
        AclPolicy policy = tokens.get(token.get());
        if (policy == null) {
            return Optional.empty();
        }
        // Consul shows a token's AccessorID, never its secret, in errors: derive a stable stand-in.
        String accessor = UUID.nameUUIDFromBytes(token.get().getBytes(StandardCharsets.UTF_8)).toString();
        return Optional.of(new Resolved(policy, true, accessor));
    }
}
