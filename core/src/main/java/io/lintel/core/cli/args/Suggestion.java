package io.lintel.core.cli.args;

import io.lintel.core.inject.EditDistance;
import java.util.ArrayList;
import java.util.List;

/** "did you mean": the known name nearest to a misspelt one, when it is near enough to be what was meant. */
public final class Suggestion {

    /** Farther than this, a suggestion is more confusing than helpful. */
    private static final int MAX_DISTANCE = 3;

    private Suggestion() {}

    /** {@code " (did you mean --config?)"}, or "" when no option of {@code command} is near. */
    static String among(String unknown, CommandSpec command) {
        List<String> names = new ArrayList<>();
        for (Option option : command.options()) {
            names.addAll(option.names());
        }
        return among(unknown, names);
    }

    /** {@code " (did you mean run?)"}, or "" when no name is near. */
    public static String among(String unknown, Iterable<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int distance = EditDistance.between(unknown, name);
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return nearEnough(unknown, bestDistance) ? " (did you mean " + best + "?)" : "";
    }

    /** Short names are all near each other: {@code -x} is one edit from {@code -o}. */
    private static boolean nearEnough(String unknown, int distance) {
        return distance <= Math.min(MAX_DISTANCE, unknown.length() / 3);
    }
}
