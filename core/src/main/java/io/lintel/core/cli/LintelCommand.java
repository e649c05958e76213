package io.lintel.core.cli;

import io.lintel.core.cli.args.CommandSpec;
import io.lintel.core.cli.args.ParsedArguments;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lintel}: the top-level command, and the table of its subcommands. Looked up by name with a switch, so that
 * a start builds the description of the one command it runs and loads no other command's class.
 */
final class LintelCommand {

    static final CommandSpec SPEC = CommandSpec.builder("lintel",
            "A Kubernetes Gateway API implementation: reads Gateway API resources and serves their traffic.").build();

    /** The subcommands, in the order {@code lintel --help} lists them ({@code train} is hidden). */
    static final List<String> NAMES = List.of("run", "validate", "features", "settings", "version", "cert", "train",
            "get", "describe", "explain");

    private LintelCommand() {}

    /** The description of subcommand {@code name}, or null when there is none of that name. */
    static CommandSpec spec(String name) {
        return switch (name) {
            case "run" -> RunCommand.SPEC;
            case "validate" -> ValidateCommand.SPEC;
            case "features" -> FeaturesCommand.SPEC;
            case "settings" -> SettingsCommand.SPEC;
            case "version" -> VersionCommand.SPEC;
            case "cert" -> CertCommand.SPEC;
            case "train" -> TrainCommand.SPEC;
            case "get" -> GetCommand.SPEC;
            case "describe" -> DescribeCommand.SPEC;
            case "explain" -> ExplainCommand.SPEC;
            default -> null;
        };
    }

    /** Subcommand {@code name} (one of {@link #NAMES}) with its command line. */
    static Subcommand create(String name, ParsedArguments arguments) {
        return switch (name) {
            case "run" -> new RunCommand(arguments);
            case "validate" -> new ValidateCommand(arguments);
            case "features" -> new FeaturesCommand(arguments);
            case "settings" -> new SettingsCommand(arguments);
            case "version" -> new VersionCommand();
            case "cert" -> new CertCommand(arguments);
            case "train" -> new TrainCommand(arguments);
            case "get" -> new GetCommand(arguments);
            case "describe" -> new DescribeCommand(arguments);
            case "explain" -> new ExplainCommand(arguments);
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /** Every subcommand's description, for {@code lintel --help}. */
    static List<CommandSpec> subcommands() {
        List<CommandSpec> all = new ArrayList<>();
        for (String name : NAMES) {
            all.add(spec(name));
        }
        return all;
    }
}
