package io.lintel.core.cli.args;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command line as {@link ArgumentParser} read it for one command: the values of each option given, and the
 * positional arguments. Values are text until a command asks for them as something else; a value that does not
 * convert is a {@link UsageException} naming the option.
 */
public final class ParsedArguments {

    private final CommandSpec command;
    private final Map<Option, List<String>> given;
    private final List<String> positionals;

    ParsedArguments(CommandSpec command, Map<Option, List<String>> given, List<String> positionals) {
        this.command = command;
        this.given = Map.copyOf(given);
        this.positionals = List.copyOf(positionals);
    }

    public CommandSpec command() {
        return command;
    }

    /** {@code -h} or {@code --help} was given: print the command's help instead of running it. */
    public boolean helpRequested() {
        return given.containsKey(CommandSpec.HELP);
    }

    /** {@code -V} or {@code --version} was given: print the version instead of running the command. */
    public boolean versionRequested() {
        return given.containsKey(CommandSpec.VERSION);
    }

    /** Whether the command line gave {@code option} (its default does not count). */
    public boolean has(Option option) {
        return given.containsKey(option);
    }

    /** Whether a {@link Arity#FLAG} was given. */
    public boolean flag(Option option) {
        return has(option);
    }

    /** The value given, else the option's default, else null. */
    public String value(Option option) {
        List<String> values = given.get(option);
        return values == null ? option.defaultValue() : values.get(values.size() - 1);
    }

    /** Every value given to a {@link Arity#REPEATABLE} option, in order; empty when none. */
    public List<String> values(Option option) {
        return given.getOrDefault(option, List.of());
    }

    /**
     * Every {@code KEY=VALUE} given to a {@link Arity#REPEATABLE} option, split at the first {@code =}, in order; a
     * later value for a key replaces an earlier one.
     */
    public Map<String, String> keyValues(Option option) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String text : values(option)) {
            int equals = text.indexOf('=');
            if (equals <= 0) {
                throw invalid("option '" + option.name() + "'", "'" + text + "' (expected: " + option.label() + ")");
            }
            pairs.put(text.substring(0, equals), text.substring(equals + 1));
        }
        return pairs;
    }

    /** The value ({@link #value}) converted, or null when there is none. */
    public <T> T value(Option option, ValueConverter<T> converter) {
        String text = value(option);
        return text == null ? null : convert("option '" + option.name() + "'", text, converter);
    }

    /** Every value given, each converted. */
    public <T> List<T> values(Option option, ValueConverter<T> converter) {
        return values(option).stream().map(text -> convert("option '" + option.name() + "'", text, converter)).toList();
    }

    public Integer integer(Option option) {
        String text = value(option);
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw invalid("option '" + option.name() + "'", "'" + text + "' (expected: a whole number)");
        }
    }

    public Double decimal(Option option) {
        String text = value(option);
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw invalid("option '" + option.name() + "'", "'" + text + "' (expected: a number)");
        }
    }

    public Path path(Option option) {
        String text = value(option);
        if (text == null) {
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw invalid("option '" + option.name() + "'", "'" + text + "' is not a path (" + e.getReason() + ")");
        }
    }

    /** The positional argument at {@code index}, or null when the command line has fewer. */
    public String positional(int index) {
        return index < positionals.size() ? positionals.get(index) : null;
    }

    /** The positional argument at {@code index} converted, or null when the command line has fewer. */
    public <T> T positional(int index, ValueConverter<T> converter) {
        String text = positional(index);
        return text == null ? null : convert(command.positionals().get(index).label(), text, converter);
    }

    private static <T> T convert(String what, String text, ValueConverter<T> converter) {
        try {
            return converter.convert(text);
        } catch (IllegalArgumentException e) {
            throw invalid(what, e.getMessage() == null ? "'" + text + "'" : e.getMessage());
        }
    }

    private static UsageException invalid(String what, String detail) {
        return new UsageException("invalid value for " + what + ": " + detail);
    }
}
