package io.lintel.core.cli;

import io.lintel.core.cli.args.Option;
import io.lintel.core.cli.args.ParsedArguments;
import io.lintel.core.translate.TranslatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Options every command that loads plugins or configuration shares. */
final class CommonOptions {

    static final Option PLUGINS = Option.value("DIR",
            "Directory of plugin directories (default: $LINTEL_HOME/plugins; without it, the class path).", "--plugins");
    static final Option CONTROLLER_NAME = Option.value("NAME",
            "GatewayClass controllerName that Lintel serves (default: ${DEFAULT}).", "--controller-name")
            .withDefault(TranslatorSettings.DEFAULT_CONTROLLER_NAME);
    static final List<Option> OPTIONS = List.of(PLUGINS, CONTROLLER_NAME);

    private final Path pluginsDirectory;
    final String controllerName;

    CommonOptions(ParsedArguments arguments) {
        pluginsDirectory = arguments.path(PLUGINS);
        controllerName = arguments.value(CONTROLLER_NAME);
    }

    /** The defaults: no plugins directory but the distribution's. */
    CommonOptions() {
        pluginsDirectory = null;
        controllerName = TranslatorSettings.DEFAULT_CONTROLLER_NAME;
    }

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
