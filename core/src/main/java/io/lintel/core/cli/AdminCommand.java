package io.lintel.core.cli;

import io.lintel.core.cli.args.CommandSpec;
import io.lintel.core.cli.args.ParsedArguments;
import java.io.PrintWriter;

/**
 * A command that reads the running gateway's admin API. Turns what can go wrong into the {@link ExitCodes}: an
 * admin server that does not answer is 3, an object that does not exist 1, a request the admin server refuses
 * (bad parameters) 2; the message goes to stderr as one line.
 */
abstract class AdminCommand implements Subcommand {

    /** What the command looked for does not exist. */
    static final class NotFoundException extends Exception {
        NotFoundException(String message) {
            super(message);
        }
    }

    private final String name;
    private final AdminOptions admin;

    AdminCommand(CommandSpec spec, ParsedArguments arguments) {
        this.name = spec.name();
        this.admin = new AdminOptions(arguments);
    }

    @Override
    public final int call(Console console) {
        PrintWriter err = console.err();
        try {
            int code = run(admin.client(), console);
            console.out().flush();
            return code;
        } catch (AdminClient.UnreachableException e) {
            return fail(err, e.getMessage(), ExitCodes.ADMIN_UNREACHABLE);
        } catch (AdminClient.RequestException e) {
            return fail(err, e.getMessage(), e.status == 400 ? ExitCodes.USAGE : ExitCodes.NOT_FOUND_OR_PROBLEM);
        } catch (NotFoundException e) {
            return fail(err, e.getMessage(), ExitCodes.NOT_FOUND_OR_PROBLEM);
        }
    }

    /** Does the command's work, printing to the console's output; returns the exit code. */
    abstract int run(AdminClient client, Console console)
            throws AdminClient.UnreachableException, AdminClient.RequestException, NotFoundException;

    OutputFormat output() {
        return admin.output;
    }

    private int fail(PrintWriter err, String message, int code) {
        err.println(name + ": " + message);
        err.flush();
        return code;
    }
}
