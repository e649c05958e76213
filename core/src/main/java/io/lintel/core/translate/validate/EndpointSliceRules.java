package io.lintel.core.translate.validate;

import io.lintel.schema.IpAddresses;
import io.lintel.schema.Violations;
import java.util.List;
import java.util.Map;

/**
 * The EndpointSlice rule the API server enforces and the data plane depends on: in an {@code IPv4} or {@code IPv6}
 * slice every endpoint address is an IP literal of that family. A name there would reach the data plane as an
 * unresolved address, and Netty's default resolver would look it up with blocking DNS on an event loop, stalling
 * every connection of that loop; so the slice is refused here, as a cluster would refuse it, with its field named.
 * {@code FQDN} slices are not checked (their endpoints are not used).
 */
final class EndpointSliceRules {

    static final String GROUP = "discovery.k8s.io";
    static final String KIND = "EndpointSlice";

    private EndpointSliceRules() {}

    static void check(Map<String, Object> content, Violations out) {
        Object addressType = content.get("addressType");
        boolean v4 = "IPv4".equals(addressType);
        if (!v4 && !"IPv6".equals(addressType)) {
            return;
        }
        if (!(content.get("endpoints") instanceof List<?> endpoints)) {
            return;
        }
        for (int i = 0; i < endpoints.size(); i++) {
            if (!(endpoints.get(i) instanceof Map<?, ?> endpoint)
                    || !(endpoint.get("addresses") instanceof List<?> addresses)) {
                continue;
            }
            for (int j = 0; j < addresses.size(); j++) {
                Object address = addresses.get(j);
                if (!(address instanceof String text) || !IpAddresses.isIpAddress(text)
                        || text.contains(":") == v4) {
                    out.add(Violations.index(Violations.field(Violations.index("endpoints", i), "addresses"), j),
                            "'" + address + "' is not an " + addressType + " address: an " + addressType
                                    + " EndpointSlice lists IP literals only (Lintel never resolves names on the data"
                                    + " path; the slice is ignored)");
                }
            }
        }
    }
}
