package io.lintel.core.translate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@code conditions} list in the Kubernetes shape ({@code type}, {@code status}, {@code reason},
 * {@code message}, {@code observedGeneration}, {@code lastTransitionTime}) for one object generation at one time.
 */
final class Conditions {

    private final long generation;
    private final String time;
    private final List<Map<String, Object>> list = new ArrayList<>();

    Conditions(long generation, String time) {
        this.generation = generation;
        this.time = time;
    }

    Conditions add(String type, boolean status, String reason, String message) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", type);
        c.put("status", status ? "True" : "False");
        c.put("reason", reason);
        c.put("message", message);
        c.put("observedGeneration", generation);
        c.put("lastTransitionTime", time);
        list.add(c);
        return this;
    }

    List<Map<String, Object>> list() {
        return List.copyOf(list);
    }
}
