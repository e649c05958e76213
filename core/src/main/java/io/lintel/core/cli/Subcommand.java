package io.lintel.core.cli;

/**
 * A {@code lintel} subcommand, made from its parsed command line (each reads its values in its constructor, so
 * that a bad value is a usage error before anything runs).
 */
interface Subcommand {

    /**
     * Does the command's work; returns its exit code ({@link ExitCodes}).
     *
     * @throws io.lintel.core.cli.args.UsageException for a value found wrong only now (exit 2, with a usage hint)
     * @throws Exception                              anything else, reported by {@link ErrorReporter} (exit 2)
     */
    int call(Console console) throws Exception;
}
