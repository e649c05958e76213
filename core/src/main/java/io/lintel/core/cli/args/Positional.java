package io.lintel.core.cli.args;

/**
 * A positional argument of a command ({@code lintel get KIND}), in the order the command declares them.
 *
 * @param label       what it is, for help and messages ({@code KIND/NAME})
 * @param description one sentence or a few for {@code --help}
 * @param required    whether the command line must give it
 */
public record Positional(String label, String description, boolean required) {

    public static Positional required(String label, String description) {
        return new Positional(label, description, true);
    }
}
