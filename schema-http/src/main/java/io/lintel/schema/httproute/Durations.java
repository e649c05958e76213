package io.lintel.schema.httproute;

import io.lintel.schema.Schema;
import io.lintel.schema.StringSchema;
import java.util.regex.Pattern;

/**
 * Gateway API {@code Duration} strings (GEP-2257): one to four groups of up to five digits and a unit
 * ({@code h}, {@code m}, {@code s}, {@code ms}), e.g. {@code 1h30m}, {@code 500ms}.
 */
public final class Durations {

    public static final String PATTERN = "^([0-9]{1,5}(h|m|s|ms)){1,4}$";
    private static final Pattern GROUP = Pattern.compile("([0-9]{1,5})(h|ms|m|s)");

    /** The schema of a Duration field. */
    public static final Schema DURATION = StringSchema.string().pattern(PATTERN);

    /** The duration in milliseconds of a string that matches {@link #PATTERN}. */
    public static long millis(String duration) {
        java.util.regex.Matcher m = GROUP.matcher(duration);
        long total = 0;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total += switch (m.group(2)) {
                case "h" -> n * 3_600_000L;
                case "m" -> n * 60_000L;
                case "s" -> n * 1_000L;
                default -> n;
            };
        }
        return total;
    }

    private Durations() {}
}
