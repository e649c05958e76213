package io.lintel.core.cli;

import io.lintel.core.cli.args.ArgumentParser;
import io.lintel.core.cli.args.CommandSpec;
import io.lintel.core.cli.args.HelpRenderer;
import io.lintel.core.cli.args.ParsedArguments;
import io.lintel.core.cli.args.Suggestion;
import io.lintel.core.cli.args.UsageException;
import java.util.List;

/**
 * Runs a {@code lintel} command line: picks the subcommand, parses its options, prints help or the version when asked
 * (to stdout, exit 0), and turns what goes wrong into the exit codes scripts rely on: a wrong command line is 2 with
 * one line naming the problem and a hint, a failure of the command 2 through {@link ErrorReporter}; otherwise the
 * command's own code. {@code lintel} alone prints the usage.
 */
final class Cli {

    private Cli() {}

    static int execute(String[] args, Console console) {
        try {
            if (args.length == 0 || args[0].startsWith("-")) {
                return topLevel(args, console);
            }
            String name = args[0];
            CommandSpec spec = LintelCommand.spec(name);
            if (spec == null) {
                console.err().println("lintel: unknown command '" + name + "'" + Suggestion.among(name, visibleNames()));
                console.err().print(HelpRenderer.render(LintelCommand.SPEC, LintelCommand.subcommands()));
                return ExitCodes.USAGE;
            }
            return run(name, spec, args, console);
        } finally {
            console.flush();
        }
    }

    /** {@code lintel}, {@code lintel --help}, {@code lintel --version}. */
    private static int topLevel(String[] args, Console console) {
        ParsedArguments parsed;
        try {
            parsed = ArgumentParser.parse(LintelCommand.SPEC, args, 0);
        } catch (UsageException e) {
            return usageError(LintelCommand.SPEC, e, console);
        }
        if (parsed.versionRequested() && !parsed.helpRequested()) {
            LintelVersion.print(console.out());
        } else {
            console.out().print(HelpRenderer.render(LintelCommand.SPEC, LintelCommand.subcommands()));
        }
        return ExitCodes.OK;
    }

    private static int run(String name, CommandSpec spec, String[] args, Console console) {
        Subcommand command;
        try {
            ParsedArguments parsed = ArgumentParser.parse(spec, args, 1);
            if (parsed.helpRequested()) {
                console.out().print(HelpRenderer.render(spec, List.of()));
                return ExitCodes.OK;
            }
            if (parsed.versionRequested()) {
                LintelVersion.print(console.out());
                return ExitCodes.OK;
            }
            command = LintelCommand.create(name, parsed);
        } catch (UsageException e) {
            return usageError(spec, e, console);
        }
        try {
            return command.call(console);
        } catch (UsageException e) {
            return usageError(spec, e, console);
        } catch (Exception e) {
            return ErrorReporter.report(e, name, console.err());
        }
    }

    private static int usageError(CommandSpec spec, UsageException e, Console console) {
        console.err().println(spec.name() + ": " + e.getMessage());
        console.err().println("Try '" + spec.name() + " --help' for the options.");
        return ExitCodes.USAGE;
    }

    private static List<String> visibleNames() {
        return LintelCommand.NAMES.stream().filter(name -> !LintelCommand.spec(name).hidden()).toList();
    }
}
