package io.lintel.core.inject;

import io.lintel.core.status.ResourceStatus;
import java.util.List;
import java.util.Map;

/** Reads the {@code Programmed} conditions of a Gateway status in tests. */
final class BindStatuses {

    private BindStatuses() {}

    static ResourceStatus gateway(List<ResourceStatus> statuses, String name) {
        return statuses.stream()
                .filter(s -> s.key().kind().equals("Gateway") && s.key().name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no status of Gateway " + name + " in " + statuses));
    }

    /** The Gateway's own {@code Programmed} condition. */
    static Map<String, Object> programmed(ResourceStatus gateway) {
        return programmed((List<?>) gateway.status().get("conditions"));
    }

    /** The {@code Programmed} condition of one of the Gateway's listeners. */
    static Map<String, Object> programmed(ResourceStatus gateway, String listener) {
        for (Object item : (List<?>) gateway.status().get("listeners")) {
            Map<?, ?> status = (Map<?, ?>) item;
            if (listener.equals(status.get("name"))) {
                return programmed((List<?>) status.get("conditions"));
            }
        }
        throw new AssertionError("no listener " + listener + " in " + gateway);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> programmed(List<?> conditions) {
        return conditions.stream().map(c -> (Map<String, Object>) c).filter(c -> "Programmed".equals(c.get("type")))
                .findFirst().orElseThrow(() -> new AssertionError("no Programmed condition in " + conditions));
    }
}
