package io.lintel.plugin.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Keeps what the conformance bridge creates in one apply younger, by {@code metadata.creationTimestamp}, than what it
 * created in earlier applies, as the time between upstream's steps does on a real cluster.
 *
 * <p>The API server (and fabric8's mock) stamps {@code creationTimestamp} to the second, and the Gateway API breaks a
 * tie of creation times by namespace/name. Upstream tests that need one object to be the older one wait a second before
 * creating the newer (TCPRouteMultipleRoutesAttachment: "oldest TCPRoute wins"); the runner replays such a mid-test
 * step as soon as the previous one holds, often within the same second, which would make both objects equally old and
 * let the alphabetically first win. So the first creation of an apply waits, when needed, until the clock has passed
 * the second of the earlier applies' creations. That is time passing as upstream lets it pass, not synchronisation.
 */
final class CreationSeconds {

    /** How the bridge waits; tests pass one that advances their clock. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Clock clock;
    private final Sleeper sleeper;
    /** The latest second in which an earlier apply created something. */
    private Instant earlierApplies = Instant.MIN;
    /** The latest second in which the current apply created something; null while it has created nothing. */
    private Instant currentApply;

    CreationSeconds(Clock clock, Sleeper sleeper) {
        this.clock = requireNonNull(clock, "clock");
        this.sleeper = requireNonNull(sleeper, "sleeper");
    }

    /** The bridge's: the system clock and {@link Thread#sleep}. */
    static CreationSeconds system() {
        return new CreationSeconds(Clock.systemUTC(), duration -> Thread.sleep(Math.max(1, duration.toMillis())));
    }

    /** A new apply (one changed file) begins. */
    void startApply() {
        if (currentApply != null && currentApply.isAfter(earlierApplies)) {
            earlierApplies = currentApply;
        }
        currentApply = null;
    }

    /** Call before each creation: the first one of an apply returns once its second is later than earlier applies'. */
    void beforeCreate() throws InterruptedException {
        if (currentApply != null) {
            return;
        }
        Instant now = clock.instant();
        while (!now.truncatedTo(ChronoUnit.SECONDS).isAfter(earlierApplies)) {
            sleeper.sleep(Duration.between(now, earlierApplies.plusSeconds(1)));
            now = clock.instant();
        }
    }

    /** Call after each creation. */
    void created() {
        currentApply = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
