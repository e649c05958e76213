package io.lintel.core.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a count setting of the data plane from a system property. A class of its own, with no static state, so that
 * the settings' static defaults ({@link DataPlaneSettings#DEFAULTS}, {@link Http2FloodLimits#DEFAULTS}) can both use it
 * whichever class is initialised first.
 */
public final class CountProperty {

    private static final Logger log = LoggerFactory.getLogger(CountProperty.class);

    private CountProperty() {
    }

    /**
     * System property {@code name} as a whole number >= 0, else the default: a wrong value is reported and ignored
     * rather than failing start-up from a static initialiser.
     */
    public static int read(String name, int fallback) {
        return (int) read(name, fallback, 0, Integer.MAX_VALUE, "a whole number");
    }

    /**
     * System property {@code name} as a whole number > 0, for a bound where 0 would mean nothing sensible (no byte, no
     * stream, no time to connect), else the default: a wrong value, 0 included, is reported and ignored.
     */
    public static int readPositive(String name, int fallback) {
        return (int) read(name, fallback, 1, Integer.MAX_VALUE, "a whole number");
    }

    /**
     * System property {@code name} as a whole number from {@code least} to {@code most}, else the default: a wrong
     * value is reported (as {@code what}, e.g. "a number of seconds") and ignored.
     */
    static long read(String name, long fallback, long least, long most, String what) {
        String value = System.getProperty(name);
        if (value == null) {
            return fallback;
        }
        try {
            long count = Long.parseLong(value.trim());
            if (count >= least && count <= most) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        log.warn("-D{}={}: expected {} {}; using {}", name, value, what, least == 1 ? "> 0" : ">= " + least, fallback);
        return fallback;
    }
}
