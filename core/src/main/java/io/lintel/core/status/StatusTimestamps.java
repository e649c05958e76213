package io.lintel.core.status;

import io.lintel.spi.config.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ConditionTimestamps#carryOver} from one applied configuration to the next, remembering what each translated
 * status became: a status the translator handed on unchanged (the same instance, see the translator's memo) becomes
 * the same stable-timed status as before, with no tree walk, so a change costs what it touches. Used by one thread.
 */
public final class StatusTimestamps {

    private record Carried(ResourceStatus translated, ResourceStatus stable) {}

    private Map<ResourceKey, Carried> carried = new HashMap<>();

    /** The statuses with stable condition times; unchanged ones are the instances returned last time. */
    public List<ResourceStatus> stabilise(List<ResourceStatus> translated) {
        Map<ResourceKey, Carried> next = new HashMap<>(Math.max(16, translated.size() * 4 / 3));
        List<ResourceStatus> out = new ArrayList<>(translated.size());
        for (ResourceStatus status : translated) {
            Carried before = carried.get(status.key());
            ResourceStatus stable = before != null && before.translated() == status
                    ? before.stable()
                    : ConditionTimestamps.carryOver(before == null ? null : before.stable(), status);
            next.put(status.key(), new Carried(status, stable));
            out.add(stable);
        }
        carried = next;
        return out;
    }
}
