package io.lintel.core.status;

import io.lintel.spi.config.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link ConditionTimestamps#carryOver} from one applied configuration to the next, remembering what each translated
 * status became: a status the translator handed on unchanged (the same instance, see the translator's memo) becomes
 * the same stable-timed status as before, with no tree walk, so a change costs what it touches. Used by one thread.
 */
public final class StatusTimestamps {

    private record Carried(ResourceStatus translated, ResourceStatus stable) {}

    /** Updated in place (one thread): a one-route change allocates for that route, not a map of every status. */
    private final Map<ResourceKey, Carried> carried = new HashMap<>();

    /** The statuses with stable condition times; unchanged ones are the instances returned last time. */
    public List<ResourceStatus> stabilise(List<ResourceStatus> translated) {
        List<ResourceStatus> out = new ArrayList<>(translated.size());
        for (ResourceStatus status : translated) {
            Carried before = carried.get(status.key());
            if (before != null && before.translated() == status) {
                out.add(before.stable());
                continue;
            }
            ResourceStatus stable = ConditionTimestamps.carryOver(before == null ? null : before.stable(), status);
            carried.put(status.key(), new Carried(status, stable));
            out.add(stable);
        }
        if (carried.size() > translated.size()) {
            forgetAllBut(translated);
        }
        return out;
    }

    /** Drops the statuses of resources that are gone (rare: only then is a set of the current keys built). */
    private void forgetAllBut(List<ResourceStatus> translated) {
        Set<ResourceKey> current = new HashSet<>(translated.size() * 4 / 3 + 1);
        for (ResourceStatus status : translated) {
            current.add(status.key());
        }
        carried.keySet().retainAll(current);
    }
}
