package io.lintel.core.cli;

import picocli.CommandLine;

/** The {@code lintel} command's entry point. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int exitCode = new CommandLine(new LintelCommand())
                .setExecutionExceptionHandler(new ErrorReporter())
                .execute(args);
        System.exit(exitCode);
    }
}
