package io.lintel.core.inject;

import java.nio.file.Path;
import java.util.List;

/** A settings file that cannot be used: missing, unreadable, not YAML, or with unknown or invalid settings. */
public final class SettingsFileException extends RuntimeException {

    private final List<String> problems;

    SettingsFileException(Path file, List<String> problems) {
        super(describe(file, problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each naming the key it is about (without the file). */
    public List<String> problems() {
        return problems;
    }

    private static String describe(Path file, List<String> problems) {
        StringBuilder text = new StringBuilder("settings file ").append(file).append(':');
        if (problems.size() == 1) {
            return text.append(' ').append(problems.get(0)).toString();
        }
        problems.forEach(problem -> text.append("\n  ").append(problem));
        return text.toString();
    }
}
