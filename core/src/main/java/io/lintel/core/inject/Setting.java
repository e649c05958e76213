package io.lintel.core.inject;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.PluginSetting;
import java.util.List;

/**
 * One process setting, declared once in {@link KnownSettings}: the settings file is validated against it, and the
 * reference of every setting (the shipped {@code conf/lintel.yaml}, docs/hardening.md) is rendered from it.
 *
 * @param key the name in the settings file ({@code connections.max}); the system property is {@code lintel.} + key
 * @param type what values it takes
 * @param min the smallest value of a {@link SettingType#NUMBER}
 * @param max the largest value of a {@link SettingType#NUMBER}
 * @param choices the values of a {@link SettingType#CHOICE}
 * @param defaultValue the default as the settings file would write it ({@code 8000}, {@code text})
 * @param description one line: what it bounds and why one would change it
 */
public record Setting(String key, SettingType type, long min, long max, List<String> choices, String defaultValue,
        String description) {

    /** The prefix of every setting's system property. */
    public static final String PROPERTY_PREFIX = "lintel.";

    public Setting {
        requireNonNull(key, "key");
        requireNonNull(type, "type");
        choices = List.copyOf(requireNonNull(choices, "choices"));
        requireNonNull(defaultValue, "defaultValue");
        requireNonNull(description, "description");
        if (min > max) {
            throw new IllegalArgumentException(key + ": min " + min + " > max " + max);
        }
    }

    /** A whole number in {@code [min, max]}. */
    static Setting number(String key, long min, long max, String defaultValue, String description) {
        return new Setting(key, SettingType.NUMBER, min, max, List.of(), defaultValue, description);
    }

    /** One of {@code choices}. */
    static Setting choice(String key, List<String> choices, String defaultValue, String description) {
        return new Setting(key, SettingType.CHOICE, 0, 0, choices, defaultValue, description);
    }

    /** A value of another type. */
    static Setting of(String key, SettingType type, String defaultValue, String description) {
        return new Setting(key, type, 0, 0, List.of(), defaultValue, description);
    }

    /** A plugin's declaration, as core checks and lists it. */
    public static Setting of(PluginSetting declared) {
        SettingType type = switch (declared.type()) {
            case NUMBER -> SettingType.NUMBER;
            case CHOICE -> SettingType.CHOICE;
            case TEXT -> SettingType.TEXT;
        };
        return new Setting(declared.key(), type, declared.min(), declared.max(), declared.choices(),
                declared.defaultValue(), declared.description());
    }

    /** The system property that holds this setting ({@code -D} wins over the settings file). */
    public String property() {
        return PROPERTY_PREFIX + key;
    }

    /**
     * A value read from the settings file as the system property's text.
     *
     * @throws IllegalArgumentException saying what was expected, when the value has the wrong type or range
     */
    String toPropertyText(Object value) {
        return type.toPropertyText(this, value);
    }

    /** The current value's text: the system property ({@code -D}, or installed from the settings file), else the default. */
    public String currentText() {
        return System.getProperty(property(), defaultValue);
    }

    /**
     * The current value of a {@link SettingType#NUMBER}, checked like a value of the settings file.
     *
     * @throws IllegalArgumentException naming the property, when it is not a whole number in range
     */
    public long currentNumber() {
        String text = currentText().trim();
        try {
            return Long.parseLong(type.toPropertyText(this, Long.parseLong(text)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + property() + "=" + text + ": " + (e instanceof NumberFormatException
                    ? "not a whole number (expected: " + expected() + ")" : e.getMessage()), e);
        }
    }

    /** What a value must look like, for error messages and the reference. */
    public String expected() {
        return type.expected(this);
    }
}
