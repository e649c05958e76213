package io.lintel.core.status;

import io.lintel.spi.config.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps {@code lastTransitionTime} stable: a condition whose {@code type}, {@code status} and {@code reason} did not
 * change since the previous status of the same resource keeps the previous time, as Kubernetes controllers do
 * (the translator stamps every condition with "now").
 *
 * <p>Conditions are found anywhere in a status tree: list items are paired with their previous selves by
 * {@code type} (conditions), {@code name} (listeners), {@code parentRef} (route parents) or {@code ancestorRef}
 * (policy ancestors). Stateless and thread-safe; inputs are not modified.
 */
public final class ConditionTimestamps {

    private static final List<String> ITEM_KEYS = List.of("type", "name", "parentRef", "ancestorRef");

    private ConditionTimestamps() {}

    /** The new statuses, with the times of unchanged conditions taken from {@code previous}. */
    public static List<ResourceStatus> carryOver(List<ResourceStatus> previous, List<ResourceStatus> current) {
        Map<ResourceKey, ResourceStatus> before = new HashMap<>();
        previous.forEach(s -> before.put(s.key(), s));
        List<ResourceStatus> out = new ArrayList<>(current.size());
        for (ResourceStatus s : current) {
            out.add(carryOver(before.get(s.key()), s));
        }
        return out;
    }

    /** {@code current} with the times of its unchanged conditions taken from {@code previous} (may be null). */
    public static ResourceStatus carryOver(ResourceStatus previous, ResourceStatus current) {
        if (previous == null) {
            return current;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> merged = (Map<String, Object>) merge(previous.status(), current.status());
        if (merged == current.status()) {
            return current;
        }
        return new ResourceStatus(current.key(), current.apiVersion(), current.generation(), merged);
    }

    private static Object merge(Object old, Object now) {
        if (now instanceof Condition condition && old instanceof Map<?, ?> oldMap) {
            // the compact form stays compact; an unchanged condition keeps its earlier time
            Object oldTime = oldMap.get("lastTransitionTime");
            return isCondition(oldMap) && oldTime instanceof String time && !time.equals(condition.lastTransitionTime())
                    && condition.status().equals(oldMap.get("status")) && condition.reason().equals(oldMap.get("reason"))
                    ? condition.withLastTransitionTime(time) : condition;
        }
        if (now instanceof Map<?, ?> map && old instanceof Map<?, ?> oldMap) {
            Map<String, Object> out = new LinkedHashMap<>();
            boolean[] same = {true};
            map.forEach((k, v) -> {
                Object merged = merge(oldMap.get(k), v);
                same[0] &= merged == v;
                out.put(String.valueOf(k), merged);
            });
            if (isCondition(map) && isCondition(oldMap) && oldMap.get("lastTransitionTime") != null
                    && Objects.equals(map.get("status"), oldMap.get("status"))
                    && Objects.equals(map.get("reason"), oldMap.get("reason"))) {
                same[0] &= Objects.equals(map.get("lastTransitionTime"), oldMap.get("lastTransitionTime"));
                out.put("lastTransitionTime", oldMap.get("lastTransitionTime"));
            }
            // nothing carried over: the translated tree itself, so that it is not held twice
            return same[0] ? now : out;
        }
        if (now instanceof List<?> list && old instanceof List<?> oldList) {
            List<Object> out = new ArrayList<>(list.size());
            boolean same = true;
            for (Object item : list) {
                Object merged = merge(counterpart(item, oldList), item);
                same &= merged == item;
                out.add(merged);
            }
            return same ? now : out;
        }
        return now;
    }

    private static boolean isCondition(Map<?, ?> map) {
        return map.containsKey("type") && map.containsKey("status") && map.containsKey("lastTransitionTime");
    }

    private static Object counterpart(Object item, List<?> oldList) {
        if (!(item instanceof Map<?, ?> map)) {
            return null;
        }
        for (String key : ITEM_KEYS) {
            if (map.containsKey(key)) {
                Object id = map.get(key);
                for (Object o : oldList) {
                    if (o instanceof Map<?, ?> old && Objects.equals(old.get(key), id)) {
                        return old;
                    }
                }
                return null;
            }
        }
        return null;
    }
}
