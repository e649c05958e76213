package io.lintel.core.cli;

import io.lintel.core.cli.args.CommandSpec;
import io.lintel.core.cli.args.ParsedArguments;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.spi.GatewayFeature;
import java.util.stream.Collectors;

/** {@code lintel features}: the Gateway API features core and the loaded plugins support, comma-separated. */
final class FeaturesCommand implements Subcommand {

    static final CommandSpec SPEC = CommandSpec.builder("lintel features",
                    "Print the supported Gateway API feature names (core plus loaded plugins), comma-separated.")
            .options(CommonOptions.OPTIONS)
            .build();

    private final CommonOptions common;

    FeaturesCommand(ParsedArguments arguments) {
        common = new CommonOptions(arguments);
    }

    @Override
    public int call(Console console) {
        PluginRegistry registry = Plugins.load(common.pluginsDirectory());
        String features = registry.features().stream().map(GatewayFeature::name).sorted()
                .collect(Collectors.joining(","));
        console.out().println(features);
        console.out().flush();
        return 0;
    }
}
