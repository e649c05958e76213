package io.lintel.core.cli;

import io.lintel.core.cli.args.CommandSpec;
import io.lintel.core.cli.args.Option;
import io.lintel.core.cli.args.ParsedArguments;
import io.lintel.core.cli.args.UsageException;
import io.lintel.core.plugin.DiscoveredPlugins;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.translate.AssignableAddress;
import io.lintel.core.translate.TranslationResult;
import io.lintel.core.translate.Translator;
import io.lintel.core.translate.TranslatorSettings;
import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.ConfigSourceFactory;
import java.io.PrintWriter;
import java.time.Instant;

/**
 * {@code lintel validate --config DIR}: reads the configuration once, prints every resource's conditions and every
 * problem, and exits 1 when a file does not parse, a resource is rejected, or something is not accepted (with
 * {@code --strict}, also on a warning; {@code -o json} prints one document instead). With a
 * settings file ({@code --settings FILE}, or the distribution's), checks it first and exits 2 when it is invalid, as
 * {@code lintel run} would.
 */
final class ValidateCommand implements Subcommand {

    static final Option OUTPUT = Option.value("FORMAT",
            "text (default) or json: one document with valid, errors, warnings, problems and every resource's status.",
            "-o", "--output").withDefault("text");
    static final Option STRICT = Option.flag(
            "Warnings fail too (exit 1): ResolvedRefs=False, Conflicted=True, PartiallyInvalid=True, a status Unknown.",
            "--strict");
    static final CommandSpec SPEC = CommandSpec.builder("lintel validate",
                    "Check a configuration (a directory, or another config source): print every resource's conditions; exit 1 on any error.")
            .options(SourceOptions.OPTIONS).choice(SourceOptions.CHOICE)
            .option(RunCommand.BIND_ADDRESS)
            .options(CommonOptions.OPTIONS)
            .options(SettingsOptions.OPTIONS)
            .option(OUTPUT).option(STRICT)
            .build();

    private final SourceOptions source;
    private final String bindAddress;
    private final CommonOptions common;
    private final SettingsOptions settingsFile;
    private final boolean json;
    private final boolean strict;

    ValidateCommand(ParsedArguments arguments) {
        source = new SourceOptions(arguments);
        bindAddress = arguments.value(RunCommand.BIND_ADDRESS);
        common = new CommonOptions(arguments);
        settingsFile = new SettingsOptions(arguments);
        json = switch (arguments.value(OUTPUT)) {
            case "json" -> true;
            case "text", "table" -> false;
            default -> throw new UsageException("--output " + arguments.value(OUTPUT) + " (expected: text or json)");
        };
        strict = arguments.flag(STRICT);
    }

    @Override
    public int call(Console console) throws Exception {
        // an invalid settings file stops `lintel run` (exit 2); say so before it is deployed
        DiscoveredPlugins plugins = Plugins.discover(common.pluginsDirectory());
        settingsFile.read(Plugins.settings(plugins)).filter(file -> settingsFile.settingsFile != null && !json).ifPresent(file ->
                console.out().println("settings file " + file.path() + ": valid ("
                        + file.properties().size() + " settings)"));
        PluginRegistry registry = Plugins.register(plugins);
        ConfigSourceFactory factory = Plugins.configSource(registry, source.type());
        CollectingSink sink = new CollectingSink();
        try (ConfigSource reader = factory.create(source.settings(), Plugins.context("validate", registry))) {
            reader.start(sink);
            if (!sink.awaitSynced(30)) {
                console.err().println("lintel validate: the config source did not finish reading " + source.describe());
                return 2;
            }
        }
        Translator translator = new Translator(new TranslatorSettings(common.controllerName, bindAddress,
                AssignableAddress.forHost(bindAddress)), registry);
        TranslationResult result = translator.translate(sink.snapshot(), Instant.now());
        PrintWriter out = console.out();
        StatusReport report = new StatusReport(out, strict);
        return (json ? report.printJson(result) : report.print(result)) ? ExitCodes.OK : ExitCodes.NOT_FOUND_OR_PROBLEM;
    }
}
