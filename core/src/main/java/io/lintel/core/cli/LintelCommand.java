package io.lintel.core.cli;

import picocli.CommandLine.Command;

/** {@code lintel}: the top-level command; does nothing by itself but list its subcommands. */
@Command(
        name = "lintel",
        mixinStandardHelpOptions = true,
        versionProvider = LintelVersion.class,
        description = "A Kubernetes Gateway API implementation: reads Gateway API resources and serves their traffic.",
        subcommands = {RunCommand.class, ValidateCommand.class, FeaturesCommand.class, SettingsCommand.class,
                VersionCommand.class, CertCommand.class, TrainCommand.class, GetCommand.class, DescribeCommand.class,
                ExplainCommand.class})
final class LintelCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
