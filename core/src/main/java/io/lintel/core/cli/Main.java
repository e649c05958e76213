package io.lintel.core.cli;

import java.io.PrintWriter;

/** The {@code lintel} command's entry point. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // Before anything else (logging set-up, command-line parsing, plugin loading), so that the preparation
        // overlaps all of it; only for the commands that serve.
        if (args.length > 0 && (args[0].equals("run") || args[0].equals("train"))) {
            StartupPreparation.start();
        }
        Console console = new Console(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(Cli.execute(args, console));
    }
}
