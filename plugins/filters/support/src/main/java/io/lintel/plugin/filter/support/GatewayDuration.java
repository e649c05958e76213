package io.lintel.plugin.filter.support;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Gateway API {@code Duration} type (GEP-2257): one to four {@code <number><unit>} parts, each number of one to
 * five digits, units {@code h}, {@code m}, {@code s} and {@code ms}, e.g. {@code 1h}, {@code 500ms}, {@code 1m30s},
 * {@code 0s}. No sign, no fractions, no spaces.
 */
public final class GatewayDuration {

    private static final Pattern WHOLE = Pattern.compile("([0-9]{1,5}(h|ms|m|s)){1,4}");
    private static final Pattern PART = Pattern.compile("([0-9]{1,5})(h|ms|m|s)");

    private GatewayDuration() {}

    /**
     * Reads {@code field} of {@code reader} as a Gateway API duration.
     *
     * @throws io.lintel.spi.filter.FilterConfigException naming the field when the value is not a string of that
     *     syntax
     */
    public static java.util.Optional<Duration> optional(ConfigReader reader, String field)
            throws io.lintel.spi.filter.FilterConfigException {
        java.util.Optional<String> text = reader.optionalString(field);
        if (text.isEmpty()) {
            return java.util.Optional.empty();
        }
        Duration parsed = parse(text.get());
        if (parsed == null) {
            throw reader.invalid(field, "\"" + text.get() + "\" is not a Gateway API duration; expected one to four"
                    + " parts of up to 5 digits and a unit h, m, s or ms, e.g. 500ms or 1m30s");
        }
        return java.util.Optional.of(parsed);
    }

    /** The duration {@code text} denotes, or null when it is not of the Gateway API syntax. */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            return null;
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
        }
        return total;
    }
}
