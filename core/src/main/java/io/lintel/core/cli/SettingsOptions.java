package io.lintel.core.cli;

import io.lintel.core.cli.args.Option;
import io.lintel.core.cli.args.ParsedArguments;
import io.lintel.core.inject.SettingsCatalog;
import io.lintel.core.inject.SettingsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** {@code --settings FILE}: the settings file of {@code run} and {@code validate} ({@link SettingsFile}). */
final class SettingsOptions {

    /** Where the distribution ships its settings file, under {@code lintel.home}. */
    static final String DEFAULT_FILE = "conf/lintel.yaml";

    static final Option SETTINGS = Option.value("FILE",
            "Settings file: limits, timeouts, admin address (default: $LINTEL_CONF_DIR/lintel.yaml, else "
                    + "$LINTEL_HOME/conf/lintel.yaml, when it exists). A -Dlintel.* system property wins over it.",
            "--settings");
    static final List<Option> OPTIONS = List.of(SETTINGS);

    /** The option's file, or null: then the distribution's, if any. */
    final Path settingsFile;

    SettingsOptions(ParsedArguments arguments) {
        settingsFile = arguments.path(SETTINGS);
    }

    /** The file to read: the option (which must exist), else the distribution's when there is one. */
    Optional<Path> file() {
        if (settingsFile != null) {
            return Optional.of(settingsFile);
        }
        // bin/lintel's LINTEL_CONF_DIR (e.g. /etc/lintel) holds the settings file instead of the installation
        String confDir = System.getenv("LINTEL_CONF_DIR");
        String home = System.getProperty("lintel.home");
        if ((confDir == null || confDir.isBlank()) && (home == null || home.isBlank())) {
            return Optional.empty();
        }
        Path shipped = confDir == null || confDir.isBlank() ? Path.of(home).resolve(DEFAULT_FILE)
                : Path.of(confDir).resolve(Path.of(DEFAULT_FILE).getFileName());
        return Files.isRegularFile(shipped) ? Optional.of(shipped) : Optional.empty();
    }

    /**
     * Reads and validates the settings file, if any, against core's settings and the plugins' ({@code known});
     * throws {@code SettingsFileException} when it is invalid.
     */
    Optional<SettingsFile> read(SettingsCatalog known) {
        return file().map(path -> SettingsFile.read(path, known));
    }

    /**
     * Reads, validates and installs the settings file as system properties (a {@code -D} already set wins). Call
     * before anything reads a setting.
     */
    Optional<SettingsFile> install(SettingsCatalog known) {
        Optional<SettingsFile> read = read(known);
        read.ifPresent(file -> {
            List<String> overridden = file.install(System.getProperties());
            LoggerFactory.getLogger(SettingsOptions.class).info("Settings: {} from {}{}", file.properties().size(),
                    file.path(), overridden.isEmpty() ? "" : "; -D wins for " + String.join(", ", overridden));
        });
        return read;
    }
}
