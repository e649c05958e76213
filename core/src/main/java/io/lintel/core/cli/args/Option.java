package io.lintel.core.cli.args;

import java.util.List;

/**
 * One option of a command, as declared in plain code by the command (no annotations, no reflection: a start builds
 * these few objects and nothing else). Immutable; the {@code with...} methods return a changed copy. Each option is
 * a constant of the command that declares it and is compared by identity: not a record, whose {@code equals} and
 * {@code hashCode} are bootstrapped through {@code invokedynamic} on first use, which costs a start milliseconds of
 * method-handle spinning that the class-data archive does not hold.
 */
public final class Option {

    private final List<String> names;
    private final String label;
    private final String description;
    private final String defaultValue;
    private final boolean required;
    private final Arity arity;

    /**
     * @param names        every spelling, short ones ({@code -o}) before long ones ({@code --output}); the longest is
     *                     the option's name in messages
     * @param label        what the value is, for help and messages ({@code HOST:PORT}); null for a {@link Arity#FLAG}
     * @param description  one sentence or a few for {@code --help}; {@code ${DEFAULT}} stands for the default value
     * @param defaultValue the value when the option is not given, or null for none
     * @param required     whether the command line must give it
     * @param arity        how many values it takes
     */
    public Option(List<String> names, String label, String description, String defaultValue, boolean required,
            Arity arity) {
        this.names = List.copyOf(names);
        if (this.names.isEmpty()) {
            throw new IllegalArgumentException("an option needs a name");
        }
        for (String name : this.names) {
            if (!name.startsWith("-") || name.equals("-") || name.equals("--")) {
                throw new IllegalArgumentException("option name '" + name + "' does not start with - or --");
            }
        }
        if ((arity == Arity.FLAG) != (label == null)) {
            throw new IllegalArgumentException(names + ": a flag has no value label, any other option has one");
        }
        this.label = label;
        this.description = description;
        this.defaultValue = defaultValue;
        this.required = required;
        this.arity = arity;
    }

    /** An option without a value: {@code --strict}. */
    public static Option flag(String description, String... names) {
        return new Option(List.of(names), null, description, null, false, Arity.FLAG);
    }

    /** An option with one value: {@code --admin HOST:PORT} or {@code --admin=HOST:PORT}. */
    public static Option value(String label, String description, String... names) {
        return new Option(List.of(names), label, description, null, false, Arity.ONE);
    }

    /** An option that may be given any number of times, each with one value. */
    public static Option repeatable(String label, String description, String... names) {
        return new Option(List.of(names), label, description, null, false, Arity.REPEATABLE);
    }

    public Option withDefault(String value) {
        return new Option(names, label, description, value, required, arity);
    }

    public Option asRequired() {
        return new Option(names, label, description, defaultValue, true, arity);
    }

    public List<String> names() {
        return names;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public boolean required() {
        return required;
    }

    public Arity arity() {
        return arity;
    }

    /** The name messages use: the longest spelling ({@code --output}, not {@code -o}). */
    public String name() {
        String longest = names.get(0);
        for (String name : names) {
            if (name.length() > longest.length()) {
                longest = name;
            }
        }
        return longest;
    }

    /** {@code --admin HOST:PORT}, or the bare name of a flag: how a message shows what to give. */
    public String synopsis() {
        return label == null ? name() : name() + " " + label;
    }

    public boolean takesValue() {
        return arity != Arity.FLAG;
    }

    /** The description with {@code ${DEFAULT}} replaced by the default value. */
    public String helpText() {
        return defaultValue == null ? description : description.replace("${DEFAULT}", defaultValue);
    }

    @Override
    public String toString() {
        return synopsis();
    }
}
