package io.lintel.core.cli.args;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code --help}: a command's synopsis, description, arguments, options (each with its description and default) and
 * subcommands, in the layout picocli printed before (names in a column, descriptions wrapped beside them at 80
 * columns), so that help quoted in the docs keeps its shape.
 */
public final class HelpRenderer {

    static final int WIDTH = 80;
    /** Names longer than this put their description on the next line. */
    private static final int MAX_NAME_COLUMN = 24;
    private static final String INDENT = "  ";

    private HelpRenderer() {}

    /** The help of {@code command}, listing {@code subcommands} (the hidden ones left out), ending with a newline. */
    public static String render(CommandSpec command, List<CommandSpec> subcommands) {
        StringBuilder out = new StringBuilder();
        appendWrapped(out, synopsis(command, !subcommands.isEmpty()), "Usage: ".length() + command.name().length() + 1);
        appendWrapped(out, command.description(), 0);
        List<String[]> rows = new ArrayList<>();
        for (Positional positional : command.positionals()) {
            rows.add(new String[] {"    " + positional.label(), positional.description()});
        }
        for (Option option : sorted(command.options())) {
            rows.add(new String[] {names(option), option.helpText()});
        }
        appendColumns(out, rows, MAX_NAME_COLUMN);
        List<String[]> commands = new ArrayList<>();
        for (CommandSpec subcommand : subcommands) {
            if (!subcommand.hidden()) {
                commands.add(new String[] {simpleName(subcommand), subcommand.description()});
            }
        }
        if (!commands.isEmpty()) {
            out.append("Commands:\n");
            appendColumns(out, commands, Integer.MAX_VALUE);
        }
        return out.toString();
    }

    /** {@code Usage: lintel run [-hV] [--admin=HOST:PORT] ... (--config=DIR | --source=TYPE)}. */
    static String synopsis(CommandSpec command, boolean hasSubcommands) {
        StringBuilder line = new StringBuilder("Usage: ").append(command.name());
        StringBuilder shortFlags = new StringBuilder();
        List<String> parts = new ArrayList<>();
        List<Option> inChoices = new ArrayList<>();
        command.choices().forEach(choice -> inChoices.addAll(choice.options()));
        for (Option option : sorted(command.options())) {
            if (inChoices.contains(option)) {
                continue;
            }
            String shortName = shortName(option);
            if (!option.takesValue() && !option.required() && shortName != null) {
                shortFlags.append(shortName.substring(1));
                continue;
            }
            String spelt = (shortName != null ? shortName : option.name())
                    + (option.takesValue() ? "=" + option.label() : "");
            parts.add(option.required() ? spelt : "[" + spelt + "]" + (option.arity() == Arity.REPEATABLE ? "..." : ""));
        }
        if (!shortFlags.isEmpty()) {
            line.append(" [-").append(shortFlags).append(']');
        }
        for (String part : parts) {
            line.append(' ').append(part);
        }
        for (OneOf choice : command.choices()) {
            List<String> spelt = new ArrayList<>();
            choice.options().forEach(option -> spelt.add(option.name() + "=" + option.label()));
            line.append(' ').append(choice.required() ? "(" : "[").append(String.join(" | ", spelt))
                    .append(choice.required() ? ")" : "]");
        }
        for (Positional positional : command.positionals()) {
            line.append(' ').append(positional.required() ? positional.label() : "[" + positional.label() + "]");
        }
        if (hasSubcommands) {
            line.append(" [COMMAND]");
        }
        return line.toString();
    }

    /** {@code -o, --output=FORMAT}, or {@code     --admin=HOST:PORT} aligned under the long names. */
    private static String names(Option option) {
        String shortName = shortName(option);
        String value = option.takesValue() ? "=" + option.label() : "";
        List<String> longNames = new ArrayList<>();
        for (String name : option.names()) {
            if (name.startsWith("--")) {
                longNames.add(name + value);
            }
        }
        if (longNames.isEmpty()) {
            return shortName + value;
        }
        return (shortName == null ? "    " : shortName + ", ") + String.join(", ", longNames);
    }

    private static String shortName(Option option) {
        for (String name : option.names()) {
            if (!name.startsWith("--")) {
                return name;
            }
        }
        return null;
    }

    /** By long name, as picocli listed them. */
    private static List<Option> sorted(List<Option> options) {
        List<Option> sorted = new ArrayList<>(options);
        sorted.sort(Comparator.comparing(option -> option.name().replaceFirst("^-+", "").toLowerCase(Locale.ROOT)));
        return sorted;
    }

    private static String simpleName(CommandSpec command) {
        return command.name().substring(command.name().lastIndexOf(' ') + 1);
    }

    /** Names in a column, descriptions wrapped beside them; a name wider than the column has its description below. */
    private static void appendColumns(StringBuilder out, List<String[]> rows, int maxNameColumn) {
        int widest = 0;
        for (String[] row : rows) {
            widest = Math.max(widest, Math.min(row[0].length(), maxNameColumn));
        }
        int column = INDENT.length() + widest + 2;
        for (String[] row : rows) {
            String name = INDENT + row[0];
            // continuation lines are indented by two more, as picocli's were
            List<String> lines = wrap(row[1], WIDTH - column, WIDTH - column - 2);
            if (name.length() + 2 > column) {
                out.append(name).append('\n');
                if (!lines.isEmpty()) {
                    out.append(" ".repeat(column)).append(lines.remove(0)).append('\n');
                }
            } else if (lines.isEmpty()) {
                out.append(name).append('\n');
            } else {
                out.append(name).append(" ".repeat(column - name.length())).append(lines.remove(0)).append('\n');
            }
            for (String line : lines) {
                out.append(" ".repeat(column + 2)).append(line).append('\n');
            }
        }
    }

    /** {@code text} wrapped to {@link #WIDTH}, lines after the first indented by {@code indent}. */
    private static void appendWrapped(StringBuilder out, String text, int indent) {
        List<String> lines = wrap(text, WIDTH, WIDTH - indent);
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == 0 ? "" : " ".repeat(indent)).append(lines.get(i)).append('\n');
        }
    }

    /**
     * Words of {@code text} in lines of at most {@code firstWidth} characters for the first line and {@code width}
     * for the others; a longer word has a line of its own.
     */
    static List<String> wrap(String text, int firstWidth, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!line.isEmpty() && line.length() + 1 + word.length() > (lines.isEmpty() ? firstWidth : width)) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
