package io.lintel.core.cli.args;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Options of which at most one may be given, and exactly one when {@code required}: {@code --config DIR} or
 * {@code --source TYPE}. Each option must be among the command's options too.
 */
public record OneOf(List<Option> options, boolean required) {

    public OneOf {
        options = List.copyOf(options);
        if (options.size() < 2) {
            throw new IllegalArgumentException("a choice needs two options or more");
        }
    }

    public static OneOf required(Option... options) {
        return new OneOf(List.of(options), true);
    }

    /** {@code --config DIR or --source TYPE}. */
    String describe(String separator) {
        return options.stream().map(Option::synopsis).collect(Collectors.joining(separator));
    }
}
