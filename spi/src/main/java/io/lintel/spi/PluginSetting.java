package io.lintel.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A setting a plugin reads, declared through {@link LintelPlugin#settings()} so that the settings file
 * ({@code conf/lintel.yaml}) accepts it, checks its type and range before start-up, and {@code lintel settings}
 * lists it with core's. Like core's settings, each is also the system property {@code lintel.<key>} ({@code -D}
 * wins over the file). The plugin reads the current value from {@link PluginContext#settings()} by {@code key}.
 *
 * @param key the name in the settings file, dotted, e.g. {@code externalAuth.timeoutMillis}; unique across core and
 *     every plugin (a clash stops start-up naming both owners)
 * @param type what values it takes
 * @param min the smallest value of a {@link Type#NUMBER}
 * @param max the largest value of a {@link Type#NUMBER}
 * @param choices the values of a {@link Type#CHOICE}
 * @param defaultValue the default, as the settings file would write it
 * @param description one line: what it bounds and why one would change it
 */
public record PluginSetting(String key, Type type, long min, long max, List<String> choices, String defaultValue,
        String description) {

    /** The kinds of value a plugin setting takes. */
    public enum Type {
        /** A whole number in {@code [min, max]}. */
        NUMBER,
        /** One of {@code choices}. */
        CHOICE,
        /** Any text. */
        TEXT
    }

    public PluginSetting {
        requireNonNull(key, "key");
        requireNonNull(type, "type");
        choices = List.copyOf(requireNonNull(choices, "choices"));
        requireNonNull(defaultValue, "defaultValue");
        requireNonNull(description, "description");
        if (!key.matches("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*")) {
            throw new IllegalArgumentException("setting key " + key + ": expected dotted names of letters and digits");
        }
        if (min > max) {
            throw new IllegalArgumentException(key + ": min " + min + " > max " + max);
        }
    }

    /** A whole number in {@code [min, max]}. */
    public static PluginSetting number(String key, long min, long max, long defaultValue, String description) {
        return new PluginSetting(key, Type.NUMBER, min, max, List.of(), Long.toString(defaultValue), description);
    }

    /** One of {@code choices}. */
    public static PluginSetting choice(String key, List<String> choices, String defaultValue, String description) {
        return new PluginSetting(key, Type.CHOICE, 0, 0, choices, defaultValue, description);
    }

    /** Any text. */
    public static PluginSetting text(String key, String defaultValue, String description) {
        return new PluginSetting(key, Type.TEXT, 0, 0, List.of(), defaultValue, description);
    }
}
