package io.lintel.core.cli;

import io.lintel.core.cli.args.CommandSpec;

/** {@code lintel version}: prints Lintel's and Java's versions. */
final class VersionCommand implements Subcommand {

    static final CommandSpec SPEC = CommandSpec.builder("lintel version", "Print the version.").build();

    @Override
    public int call(Console console) {
        LintelVersion.print(console.out());
        console.out().flush();
        return ExitCodes.OK;
    }
}
