package io.lintel.core.cli;

import io.lintel.core.inject.SettingsReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lintel settings}: every setting the settings file accepts, core's and the installed plugins', as a settings
 * file with each line commented out (its default, its range, what it is for).
 */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "Print every setting (core and installed plugins) as a commented settings file.")
final class SettingsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String reference = SettingsReference.settingsFile(Plugins.settings(Plugins.discover(common.pluginsDirectory())).all());
        spec.commandLine().getOut().print(reference);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
