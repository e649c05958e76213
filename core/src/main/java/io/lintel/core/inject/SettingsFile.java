package io.lintel.core.inject;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The settings file ({@code lintel run --settings FILE}, by default {@code $LINTEL_HOME/conf/lintel.yaml}): the
 * {@code -Dlintel.*} settings as YAML, validated as a whole when read. Keys are the system properties' names without
 * {@code lintel.}; nested mappings and dotted keys are the same key ({@code connections: {max: 8000}} and
 * {@code connections.max: 8000} both set {@code lintel.connections.max}).
 *
 * <p>The values are applied by {@link #install installing} them as system properties, only where none is set: a
 * {@code -D} wins over the file, the file over the default, and every class that reads its system property today
 * reads the file's value unchanged. Install before anything reads them (the data plane's settings are read once, when
 * their classes are initialised).
 */
public final class SettingsFile {

    /** Far more than every setting with a comment each; a larger file is a mistake, not settings. */
    private static final long MAX_BYTES = 256 * 1024;

    private final Path path;
    private final Map<String, String> properties;

    private SettingsFile(Path path, Map<String, String> properties) {
        this.path = path;
        this.properties = Collections.unmodifiableMap(properties);
    }

    /**
     * Reads and validates a settings file.
     *
     * @throws SettingsFileException naming the file and each key that is unknown (with the closest known one), of the
     *     wrong type or out of range; or when the file is missing or not YAML
     */
    public static SettingsFile read(Path file) {
        return read(file, SettingsCatalog.core());
    }

    /** Reads and validates a settings file against core's settings and the loaded plugins' ({@code known}). */
    public static SettingsFile read(Path file, SettingsCatalog known) {
        requireNonNull(file, "file");
        requireNonNull(known, "known");
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new SettingsFileException(file, List.of("larger than " + MAX_BYTES + " bytes"));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SettingsFileException(file, List.of("no such file"));
        } catch (IOException e) {
            throw new SettingsFileException(file, List.of("cannot be read: " + e.getMessage()));
        }
        return parse(file, text, known);
    }

    /** Whether every line of {@code text} is blank or a comment: a YAML document without a value. */
    static boolean commentsOnly(String text) {
        for (String line : text.split("\n", -1)) {
            String content = line.strip();
            if (!content.isEmpty() && content.charAt(0) != '#') {
                return false;
            }
        }
        return true;
    }

    /** Validates the text of a settings file; {@code file} names it in messages. */
    static SettingsFile parse(Path file, String text, SettingsCatalog known) {
        if (commentsOnly(text)) {
            // as shipped: no need to load a YAML parser (~70 classes) at every start to learn that
            return new SettingsFile(file, new LinkedHashMap<>());
        }
        Object root;
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(file.toString())
                    .setSchema(new CoreSchema())
                    .setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(10)
                    .build();
            root = new Load(settings).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new SettingsFileException(file, List.of("not valid YAML: " + e.getMessage()));
        }
        if (root == null) {
            // every line commented out, as shipped
            return new SettingsFile(file, new LinkedHashMap<>());
        }
        if (!(root instanceof Map<?, ?> mapping)) {
            throw new SettingsFileException(file, List.of("expected a mapping of settings (e.g. connections: {max: "
                    + "8000}), found " + root.getClass().getSimpleName()));
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        flatten("", mapping, known, flat, problems);
        Map<String, String> properties = new LinkedHashMap<>();
        flat.forEach((key, value) -> {
            Setting setting = known.find(key).orElse(null);
            if (setting == null) {
                problems.add(key + ": unknown setting (did you mean " + known.closest(key) + "?)");
                return;
            }
            try {
                properties.put(setting.property(), setting.toPropertyText(value));
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new SettingsFileException(file, problems);
        }
        return new SettingsFile(file, properties);
    }

    /**
     * Nested mappings become dotted keys. A mapping under a key that is itself a setting is a value of the wrong type
     * (reported when validated), not more keys.
     */
    private static void flatten(String prefix, Map<?, ?> mapping, SettingsCatalog known, Map<String, Object> flat,
            List<String> problems) {
        for (Map.Entry<?, ?> entry : mapping.entrySet()) {
            if (!(entry.getKey() instanceof String name) || name.isBlank()) {
                problems.add(prefix + entry.getKey() + ": a key must be a name");
                continue;
            }
            String key = prefix + name;
            if (entry.getValue() instanceof Map<?, ?> nested && known.find(key).isEmpty()) {
                flatten(key + ".", nested, known, flat, problems);
            } else if (flat.putIfAbsent(key, entry.getValue()) != null) {
                problems.add(key + ": set twice (once nested, once as a dotted key)");
            }
        }
    }

    /** The file this was read from. */
    public Path path() {
        return path;
    }

    /** The settings of the file as system properties ({@code lintel.connections.max} to {@code 8000}), in file order. */
    public Map<String, String> properties() {
        return properties;
    }

    /**
     * Sets each setting of the file as a system property in {@code target}, unless one is set there already.
     *
     * @return the properties that were already set (a {@code -D} that wins over the file), for a log line
     */
    public List<String> install(Properties target) {
        List<String> overridden = new ArrayList<>();
        properties.forEach((name, value) -> {
            if (target.getProperty(name) == null) {
                target.setProperty(name, value);
            } else {
                overridden.add(name);
            }
        });
        return overridden;
    }
}
