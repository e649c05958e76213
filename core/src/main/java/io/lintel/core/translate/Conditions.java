package io.lintel.core.translate;

import io.lintel.core.status.Condition;
import java.util.ArrayList;
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
        list.add(new Condition(type, status ? "True" : "False", reason, message, generation, time));
        return this;
    }

    List<Map<String, Object>> list() {
        return List.copyOf(list);
    }
}
