package io.lintel.core.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code SIGHUP} ({@code systemctl reload lintel}): the JVM's default would run the shutdown hooks and stop the
 * gateway. Lintel has nothing to reload on a signal: config sources apply changes as they are written (the file
 * source watches its directory and rescans it), settings ({@code conf/lintel.yaml}) are read at start, and logging
 * configuration is rescanned by logback ({@code scan} in {@code conf/logback.xml}). So a hang-up is logged, and the
 * gateway keeps serving.
 */
final class HangupSignal {

    private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {}

    /** Replaces the JVM's handling of {@code SIGHUP}; {@code source} names the config source in the log line. */
    static void install(String source) {
        try {
            Signal.handle(new Signal("HUP"), signal -> LOG.info("SIGHUP: nothing to reload; {} applies changes as they"
                    + " are made, conf/lintel.yaml is read at start (restart to change settings)", source));
        } catch (IllegalArgumentException e) {
            // no SIGHUP on this platform, or the JVM keeps it (-Xrs): its default stays
            LOG.debug("SIGHUP is not handled: {}", e.getMessage());
        }
    }
}
