package io.lintel.core.status;

import static java.util.Objects.requireNonNull;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One status condition as the map Kubernetes writes ({@code type}, {@code status}, {@code reason}, {@code message},
 * {@code observedGeneration}, {@code lastTransitionTime}, in that order), held in six fields. Every route has at least
 * two conditions, and a route whose conditions kept their earlier times is held twice (as translated and as
 * published): as {@link java.util.LinkedHashMap}s they took ~400 bytes each, ~1.6 KB per route. Immutable; equal to
 * any map with the same entries.
 */
public final class Condition extends AbstractMap<String, Object> {

    private static final String[] KEYS =
            {"type", "status", "reason", "message", "observedGeneration", "lastTransitionTime"};

    private final String type;
    private final String status;
    private final String reason;
    private final String message;
    private final long observedGeneration;
    private final String lastTransitionTime;

    public Condition(String type, String status, String reason, String message, long observedGeneration,
            String lastTransitionTime) {
        this.type = requireNonNull(type, "type");
        this.status = requireNonNull(status, "status");
        this.reason = requireNonNull(reason, "reason");
        this.message = requireNonNull(message, "message");
        this.observedGeneration = observedGeneration;
        this.lastTransitionTime = requireNonNull(lastTransitionTime, "lastTransitionTime");
    }

    /** This condition with another {@code lastTransitionTime}. */
    public Condition withLastTransitionTime(String time) {
        return new Condition(type, status, reason, message, observedGeneration, time);
    }

    public String status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public String lastTransitionTime() {
        return lastTransitionTime;
    }

    private Object value(int i) {
        return switch (i) {
            case 0 -> type;
            case 1 -> status;
            case 2 -> reason;
            case 3 -> message;
            case 4 -> observedGeneration;
            default -> lastTransitionTime;
        };
    }

    @Override
    public int size() {
        return KEYS.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : value(i);
    }

    private static int indexOf(Object key) {
        return key instanceof String name ? List.of(KEYS).indexOf(name) : -1;
    }

    /** A new set per call: conditions are iterated when statuses are rendered or compared, not per request. */
    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        Set<Map.Entry<String, Object>> entries = new LinkedHashSet<>();
        for (int i = 0; i < KEYS.length; i++) {
            entries.add(new SimpleImmutableEntry<>(KEYS[i], value(i)));
        }
        return Collections.unmodifiableSet(entries);
    }
}
