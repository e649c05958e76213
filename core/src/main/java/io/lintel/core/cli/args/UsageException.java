package io.lintel.core.cli.args;

/**
 * The command line is wrong: an unknown option or argument, a missing or malformed value. The message names what is
 * wrong and what was expected, without the command's name (the caller adds "lintel run: "); such an error exits 2.
 * Commands throw it too for a value they can check only when they run.
 */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
