package io.lintel.core.cli;

import io.lintel.core.cli.args.CommandSpec;
import io.lintel.core.cli.args.ParsedArguments;
import io.lintel.core.inject.SettingsReference;

/**
 * {@code lintel settings}: every setting the settings file accepts, core's and the installed plugins', as a settings
 * file with each line commented out (its default, its range, what it is for).
 */
final class SettingsCommand implements Subcommand {

    static final CommandSpec SPEC = CommandSpec.builder("lintel settings",
                    "Print every setting (core and installed plugins) as a commented settings file.")
            .options(CommonOptions.OPTIONS)
            .build();

    private final CommonOptions common;

    SettingsCommand(ParsedArguments arguments) {
        common = new CommonOptions(arguments);
    }

    @Override
    public int call(Console console) {
        String reference = SettingsReference.settingsFile(Plugins.settings(Plugins.discover(common.pluginsDirectory())).all());
        console.out().print(reference);
        console.out().flush();
        return 0;
    }
}
