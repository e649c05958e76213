package io.lintel.core.cli;

import io.lintel.core.translate.TranslatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command that loads plugins or configuration shares. */
final class CommonOptions {

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Directory of plugin directories (default: $LINTEL_HOME/plugins; without it, the class path).")
    Path pluginsDirectory;

    @Option(names = "--controller-name", paramLabel = "NAME", defaultValue = TranslatorSettings.DEFAULT_CONTROLLER_NAME,
            description = "GatewayClass controllerName that Lintel serves (default: ${DEFAULT-VALUE}).")
    String controllerName;

    /** The plugins directory to load, if any: the option, else {@code lintel.home}/plugins when it exists. */
    Optional<Path> pluginsDirectory() {
        if (pluginsDirectory != null) {
            return Optional.of(pluginsDirectory);
        }
        String home = System.getProperty("lintel.home");
        if (home == null || home.isBlank()) {
            return Optional.empty();
        }
        Path plugins = Path.of(home, "plugins");
        return Files.isDirectory(plugins) ? Optional.of(plugins) : Optional.empty();
    }
}
