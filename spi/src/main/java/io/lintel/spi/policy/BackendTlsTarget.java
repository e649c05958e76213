package io.lintel.spi.policy;

import static java.util.Objects.requireNonNull;

/**
 * A Service a backend TLS policy targets, in the policy's namespace: all its ports, or the one named by
 * {@code sectionName}.
 *
 * @param service the Service's name
 * @param sectionName the port's name; empty for every port of the Service
 */
public record BackendTlsTarget(String service, String sectionName) {

    public BackendTlsTarget {
        requireNonNull(service, "service");
        requireNonNull(sectionName, "sectionName");
    }
}
