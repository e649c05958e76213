package io.lintel.core.inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a process knows: core's ({@link KnownSettings}) and those its plugins declared. The settings file is
 * checked against it, and {@code lintel settings} lists it.
 */
public final class SettingsCatalog {

    private final List<Setting> all;
    private final Map<String, Setting> byKey;

    private SettingsCatalog(List<Setting> all) {
        Map<String, Setting> byKey = new LinkedHashMap<>();
        for (Setting setting : all) {
            if (byKey.put(setting.key(), setting) != null) {
                throw new IllegalStateException("setting declared twice: " + setting.key());
            }
        }
        this.all = List.copyOf(all);
        this.byKey = Map.copyOf(byKey);
    }

    /** Core's settings only. */
    public static SettingsCatalog core() {
        return new SettingsCatalog(KnownSettings.all());
    }

    /**
     * These settings after this catalog's.
     *
     * @throws IllegalStateException naming the key when one is already in the catalog
     */
    public SettingsCatalog with(List<Setting> more) {
        List<Setting> joined = new ArrayList<>(all);
        joined.addAll(more);
        return new SettingsCatalog(joined);
    }

    /** Every setting, core's first, in declaration order. */
    public List<Setting> all() {
        return all;
    }

    /** The setting of a settings-file key ({@code connections.max}). */
    public Optional<Setting> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The known key nearest to an unknown one (by edit distance, ignoring case), for "did you mean". */
    public String closest(String unknown) {
        String best = all.get(0).key();
        int bestDistance = Integer.MAX_VALUE;
        for (Setting setting : all) {
            int distance = EditDistance.between(unknown.toLowerCase(Locale.ROOT),
                    setting.key().toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = setting.key();
            }
        }
        return best;
    }
}
