package io.lintel.plugin.discovery.consul;

import java.io.IOException;

/**
 * Consul answered, but its ACLs kept Lintel from reading what it asked for: a 403 (an unknown token, or a missing
 * permission), or an answer marked {@code X-Consul-Results-Filtered-By-ACLs: true}. The latter is the dangerous one:
 * Consul filters lists instead of refusing them, so a token that lost its rights reads an empty prefix (404) or a
 * part of it. Applying that would withdraw routes that still exist; a watch treats it as a failed read instead, keeps
 * the last content and retries until the token may read everything again. Not a connection problem, so it is logged
 * as an error and described as a refusal, not as Consul being unreachable.
 */
final class ConsulAccessDenied extends IOException {

    static final String FILTERED_HEADER = "X-Consul-Results-Filtered-By-ACLs";

    ConsulAccessDenied(String message) {
        super(message);
    }
}
