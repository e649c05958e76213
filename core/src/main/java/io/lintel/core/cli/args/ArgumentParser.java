package io.lintel.core.cli.args;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a command line for one {@link CommandSpec}. Accepts what picocli accepted before it, so that scripts keep
 * working: {@code --opt value} and {@code --opt=value}, {@code -o value}, {@code -ovalue} and {@code -o=value},
 * options before, between and after positional arguments, and {@code --} to end the options. A value may start with
 * {@code -} unless it is one of the command's option names (then the value is missing).
 *
 * <p>With {@code -h}/{@code --help} or {@code -V}/{@code --version}, required options and arguments are not checked:
 * the command prints its help or version instead of running.
 */
public final class ArgumentParser {

    private ArgumentParser() {}

    /**
     * @param args  the whole command line
     * @param start the index of the first argument of this command (after its name)
     * @throws UsageException for an unknown option, a missing value, an option given twice, a missing required
     *                        option or argument, or an unexpected argument
     */
    public static ParsedArguments parse(CommandSpec command, String[] args, int start) {
        Map<Option, List<String>> given = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = start; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !looksLikeOption(arg)) {
                positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            Spelling spelling = Spelling.of(arg);
            Option option = command.find(spelling.name());
            if (option == null) {
                throw new UsageException("unknown option '" + spelling.name() + "'" + Suggestion.among(spelling.name(), command));
            }
            String value = spelling.attached();
            if (!option.takesValue()) {
                if (value != null) {
                    throw new UsageException("option '" + option.name() + "' takes no value (given: '" + value + "')");
                }
            } else if (value == null) {
                if (i + 1 >= args.length || isOptionName(command, args[i + 1])) {
                    throw new UsageException("missing value for option '" + option.name() + "' (expected: "
                            + option.label() + ")");
                }
                value = args[++i];
            }
            List<String> values = given.get(option);
            if (values == null) {
                values = new ArrayList<>(1);
                given.put(option, values);
            } else if (option.arity() == Arity.ONE && !values.isEmpty()) {
                throw new UsageException("option '" + option.name() + "' given more than once ('" + values.get(0)
                        + "', then '" + value + "')");
            }
            values.add(value);
        }
        ParsedArguments parsed = new ParsedArguments(command, given, positionals);
        if (!parsed.helpRequested() && !parsed.versionRequested()) {
            checkComplete(command, given, positionals);
        }
        return parsed;
    }

    private static void checkComplete(CommandSpec command, Map<Option, List<String>> given, List<String> positionals) {
        if (positionals.size() > command.positionals().size()) {
            String extra = positionals.get(command.positionals().size());
            throw new UsageException("unexpected argument '" + extra + "'" + (command.positionals().isEmpty()
                    ? " (the command takes options only)" : ""));
        }
        for (int i = positionals.size(); i < command.positionals().size(); i++) {
            Positional missing = command.positionals().get(i);
            if (missing.required()) {
                throw new UsageException("missing argument " + missing.label());
            }
        }
        for (Option option : command.options()) {
            if (option.required() && !given.containsKey(option)) {
                throw new UsageException("missing required option " + option.synopsis());
            }
        }
        for (OneOf choice : command.choices()) {
            List<Option> chosen = new ArrayList<>(1);
            for (Option option : choice.options()) {
                if (given.containsKey(option)) {
                    chosen.add(option);
                }
            }
            if (chosen.size() > 1) {
                throw new UsageException("options " + chosen.get(0).name() + " and " + chosen.get(1).name()
                        + " exclude each other (expected one of: " + choice.describe(", ") + ")");
            }
            if (chosen.isEmpty() && choice.required()) {
                throw new UsageException("missing " + choice.describe(" or "));
            }
        }
    }

    /** {@code -x...} or {@code --x...}; not {@code -} alone (stdin, by convention) nor a negative number. */
    private static boolean looksLikeOption(String arg) {
        return arg.length() > 1 && arg.charAt(0) == '-' && !Character.isDigit(arg.charAt(1));
    }

    private static boolean isOptionName(CommandSpec command, String arg) {
        return looksLikeOption(arg) && (arg.equals("--") || command.find(Spelling.of(arg).name()) != null);
    }

    /** An option as typed: its name and the value attached to it ({@code --opt=value}, {@code -ovalue}), if any. */
    private record Spelling(String name, String attached) {

        static Spelling of(String arg) {
            if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                return equals < 0 ? new Spelling(arg, null) : new Spelling(arg.substring(0, equals), arg.substring(equals + 1));
            }
            // a short option: one letter, then its value, if any, with or without '='
            String rest = arg.substring(2);
            return new Spelling(arg.substring(0, 2), rest.isEmpty() ? null : rest.startsWith("=") ? rest.substring(1) : rest);
        }
    }
}
