package io.lintel.core.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that reads the running gateway's admin API. Turns what can go wrong into the {@link ExitCodes}: an
 * admin server that does not answer is 3, an object that does not exist 1, a request the admin server refuses
 * (bad parameters) 2; the message goes to stderr as one line.
 */
abstract class AdminCommand implements Callable<Integer> {

    /** What the command looked for does not exist. */
    static final class NotFoundException extends Exception {
        NotFoundException(String message) {
            super(message);
        }
    }

    @Mixin
    AdminOptions admin;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            int code = run(admin.client(), spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return code;
        } catch (AdminClient.UnreachableException e) {
            return fail(err, e.getMessage(), ExitCodes.ADMIN_UNREACHABLE);
        } catch (AdminClient.RequestException e) {
            return fail(err, e.getMessage(), e.status == 400 ? ExitCodes.USAGE : ExitCodes.NOT_FOUND_OR_PROBLEM);
        } catch (NotFoundException e) {
            return fail(err, e.getMessage(), ExitCodes.NOT_FOUND_OR_PROBLEM);
        }
    }

    /** Does the command's work, printing to {@code out}; returns the exit code. */
    abstract int run(AdminClient client, PrintWriter out)
            throws AdminClient.UnreachableException, AdminClient.RequestException, NotFoundException;

    OutputFormat output() {
        return admin.output;
    }

    private int fail(PrintWriter err, String message, int code) {
        err.println("lintel " + spec.name() + ": " + message);
        err.flush();
        return code;
    }
}
