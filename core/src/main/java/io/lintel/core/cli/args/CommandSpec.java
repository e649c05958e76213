package io.lintel.core.cli.args;

import java.util.ArrayList;
import java.util.List;

/**
 * What a command accepts: its options (with {@code -h/--help} and {@code -V/--version}, which every command has),
 * its positional arguments, and its choices among options; and what {@code --help} says about it. Immutable; built
 * with {@link #builder}.
 *
 * @param name        the command line up to this command: {@code lintel run}
 * @param description one sentence or a few for {@code --help}
 * @param hidden      whether the parent command's help leaves it out (commands for the launcher, not for people)
 */
public record CommandSpec(String name, String description, List<Option> options, List<Positional> positionals,
        List<OneOf> choices, boolean hidden) {

    public static final Option HELP = Option.flag("Show this help message and exit.", "-h", "--help");
    public static final Option VERSION = Option.flag("Print version information and exit.", "-V", "--version");

    public CommandSpec {
        options = List.copyOf(options);
        positionals = List.copyOf(positionals);
        choices = List.copyOf(choices);
        List<String> seen = new ArrayList<>();
        for (Option option : options) {
            for (String spelling : option.names()) {
                if (seen.contains(spelling)) {
                    throw new IllegalArgumentException(name + ": option " + spelling + " declared twice");
                }
                seen.add(spelling);
            }
        }
        for (OneOf choice : choices) {
            if (!options.containsAll(choice.options())) {
                throw new IllegalArgumentException(name + ": a choice names an option the command does not have");
            }
        }
    }

    public static Builder builder(String name, String description) {
        return new Builder(name, description);
    }

    /** The option spelt {@code spelling} ({@code -o}, {@code --output}), or null. */
    public Option find(String spelling) {
        for (Option option : options) {
            if (option.names().contains(spelling)) {
                return option;
            }
        }
        return null;
    }

    /** Collects a command's parts; {@link #build} adds the help and version options. */
    public static final class Builder {
        private final String name;
        private final String description;
        private final List<Option> options = new ArrayList<>();
        private final List<Positional> positionals = new ArrayList<>();
        private final List<OneOf> choices = new ArrayList<>();
        private boolean hidden;

        private Builder(String name, String description) {
            this.name = name;
            this.description = description;
        }

        public Builder option(Option option) {
            options.add(option);
            return this;
        }

        public Builder options(List<Option> more) {
            options.addAll(more);
            return this;
        }

        public Builder positional(Positional positional) {
            positionals.add(positional);
            return this;
        }

        /** One of these options, which must be added with {@link #option} or {@link #options} too. */
        public Builder choice(OneOf choice) {
            choices.add(choice);
            return this;
        }

        public Builder hidden() {
            hidden = true;
            return this;
        }

        public CommandSpec build() {
            List<Option> all = new ArrayList<>(options);
            all.add(HELP);
            all.add(VERSION);
            return new CommandSpec(name, description, all, positionals, choices, hidden);
        }
    }
}
