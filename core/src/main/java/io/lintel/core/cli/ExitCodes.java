package io.lintel.core.cli;

/**
 * The exit codes of the commands, for scripts (docs/cli.md lists them): every command uses these four and no other.
 */
final class ExitCodes {

    /** Done; for {@code validate}: the configuration is valid. */
    static final int OK = 0;
    /** What was asked for does not exist, or the configuration has a problem ({@code validate}). */
    static final int NOT_FOUND_OR_PROBLEM = 1;
    /** The command line, or a file it names, is wrong; or the command failed ({@link ErrorReporter}). */
    static final int USAGE = 2;
    /** The admin server did not answer: nothing listens there, or it timed out. */
    static final int ADMIN_UNREACHABLE = 3;

    private ExitCodes() {}
}
