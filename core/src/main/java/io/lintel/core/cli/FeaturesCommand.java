package io.lintel.core.cli;

import io.lintel.core.plugin.PluginRegistry;
import io.lintel.spi.GatewayFeature;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lintel features}: the Gateway API features core and the loaded plugins support, comma-separated. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Print the supported Gateway API feature names (core plus loaded plugins), comma-separated.")
final class FeaturesCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PluginRegistry registry = Plugins.load(common.pluginsDirectory());
        String features = registry.features().stream().map(GatewayFeature::name).sorted()
                .collect(Collectors.joining(","));
        spec.commandLine().getOut().println(features);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
