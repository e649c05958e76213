package io.lintel.core.cli;

import java.io.PrintWriter;

/**
 * Prints a failed command's error as one line a user can act on (the full stack trace only with
 * {@code -Dlintel.debug=true}) and exits 2, so that scripts can tell a crash from "configuration invalid" (1).
 */
final class ErrorReporter {

    private ErrorReporter() {}

    /** Reports {@code e}, thrown by {@code lintel command}; returns the exit code. */
    static int report(Exception e, String command, PrintWriter err) {
        err.println("lintel " + command + ": " + describe(e));
        if (Boolean.getBoolean("lintel.debug")) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.USAGE;
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
