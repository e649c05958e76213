package io.lintel.core.cli;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.translate.AssignableAddress;
import io.lintel.core.translate.TranslationResult;
import io.lintel.core.translate.Translator;
import io.lintel.core.translate.TranslatorSettings;
import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.ConfigSourceFactory;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lintel validate --config DIR}: reads the configuration once, prints every resource's conditions and every
 * problem, and exits 1 when a file does not parse, a resource is rejected, or something is not accepted. With a
 * settings file ({@code --settings FILE}, or the distribution's), checks it first and exits 2 when it is invalid, as
 * {@code lintel run} would.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a configuration (a directory, or another config source): print every resource's conditions; exit 1 on any error.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = "--bind-address", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Address for Gateways without spec.addresses (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Mixin
    CommonOptions common;

    @Mixin
    SettingsOptions settingsFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // an invalid settings file stops `lintel run` (exit 2); say so before it is deployed
        settingsFile.read().filter(file -> settingsFile.settingsFile != null).ifPresent(file ->
                spec.commandLine().getOut().println("settings file " + file.path() + ": valid ("
                        + file.properties().size() + " settings)"));
        PluginRegistry registry = Plugins.load(common.pluginsDirectory());
        ConfigSourceFactory factory = Plugins.configSource(registry, source.type());
        CollectingSink sink = new CollectingSink();
        try (ConfigSource reader = factory.create(source.settings(), Plugins.context("validate", registry))) {
            reader.start(sink);
            if (!sink.awaitSynced(30)) {
                spec.commandLine().getErr().println("lintel validate: the config source did not finish reading " + source.describe());
                return 2;
            }
        }
        Translator translator = new Translator(new TranslatorSettings(common.controllerName, bindAddress,
                AssignableAddress.forHost(bindAddress)), registry);
        TranslationResult result = translator.translate(sink.snapshot(), Instant.now());
        PrintWriter out = spec.commandLine().getOut();
        return new StatusReport(out).print(result) ? 0 : 1;
    }
}
