package io.lintel.core.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints a failed command's error as one line a user can act on (the full stack trace only with
 * {@code -Dlintel.debug=true}) and exits 2, so that scripts can tell a crash from "configuration invalid" (1).
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println("lintel " + commandLine.getCommandName() + ": " + describe(e));
        if (Boolean.getBoolean("lintel.debug")) {
            e.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return 2;
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
