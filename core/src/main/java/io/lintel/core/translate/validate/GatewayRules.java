package io.lintel.core.translate.validate;

import io.lintel.schema.IpAddresses;
import io.lintel.schema.Violations;
import io.lintel.schema.gatewayapi.Patterns;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The Gateway CRD's cross-field (CEL) rules; those of listeners are the shared {@link io.lintel.schema.gatewayapi.Listeners}'. */
final class GatewayRules {

    static void addressValueMatchesType(Map<?, ?> address, String path, Violations out) {
        Object type = address.get("type");
        String value = (String) address.get("value");
        if (value == null) {
            return;
        }
        if (type == null || "IPAddress".equals(type)) {
            if (!IpAddresses.isIpAddress(value)) {
                out.add(Violations.field(path, "value"), "\"" + value + "\" is not a valid IP address (expected for type IPAddress)");
            }
        } else if ("Hostname".equals(type) && !value.matches(Patterns.HOSTNAME)) {
            out.add(Violations.field(path, "value"), "Hostname value must be empty or contain only valid characters (matching "
                    + Patterns.HOSTNAME + ")");
        }
    }

    static void addressesUnique(List<?> addresses, String path, Violations out) {
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < addresses.size(); i++) {
            Map<?, ?> a = (Map<?, ?>) addresses.get(i);
            Object type = Objects.requireNonNullElse(a.get("type"), "IPAddress");
            if (("IPAddress".equals(type) || "Hostname".equals(type)) && a.get("value") != null && !seen.add(List.of(type, a.get("value")))) {
                out.add(Violations.index(path, i), type + " values must be unique (" + a.get("value") + " is repeated)");
            }
        }
    }

    private GatewayRules() {}
}
