package io.lintel.core.server;

import static java.util.Objects.requireNonNull;

import io.lintel.core.route.SocketKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries again to bind the listening sockets an applied configuration could not bind (the port still held by the
 * previous Lintel during a rollout or a restart, or by another program), with the backoff of a
 * {@link BindRetrySchedule}, until they are bound or a newer configuration replaces them. Without it a socket that
 * failed once stayed down, silently, until the next configuration change.
 *
 * <p>A retry only binds the sockets still failing ({@link DataPlane#retryFailedBinds}): no translation, no route
 * table swap. It runs through the given {@link Scheduler}, which must be the control thread that applies
 * configurations (never an event loop: a bind waits for its result). All methods are called on that thread, so the
 * class needs no locking. Whenever the failures change (a socket bound, or failed differently), the consumer given
 * to the constructor hears of it, to publish statuses that tell the truth.
 *
 * <p>Logs: a socket's first failure at ERROR with address and cause, each failed retry at DEBUG, success at INFO
 * ({@code bound 127.0.0.1:443 after 4 attempts}).
 */
public final class BindRetry {

    /** Runs a task after a delay on the control thread; the future cancels it. */
    @FunctionalInterface
    public interface Scheduler {
        Future<?> schedule(Runnable task, Duration delay);
    }

    private static final Logger LOG = LoggerFactory.getLogger(BindRetry.class);

    private final Supplier<List<BindFailure>> retryFailedBinds;
    private final Scheduler scheduler;
    private final BindRetrySchedule schedule;
    private final Consumer<List<BindFailure>> failuresChanged;
    private List<BindFailure> failures = List.of();
    /** Bind attempts of the current failures so far, the configuration's own included. */
    private int attempts;
    /** Identifies the current configuration's retries: a retry of an older one that still runs does nothing. */
    private long generation;
    private Future<?> pending;

    /**
     * @param retryFailedBinds binds the sockets still failing and returns those that still fail
     * @param failuresChanged told the failures after a retry changed them (empty: every socket is bound)
     */
    public BindRetry(Supplier<List<BindFailure>> retryFailedBinds, Scheduler scheduler, BindRetrySchedule schedule,
            Consumer<List<BindFailure>> failuresChanged) {
        this.retryFailedBinds = requireNonNull(retryFailedBinds, "retryFailedBinds");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.schedule = requireNonNull(schedule, "schedule");
        this.failuresChanged = requireNonNull(failuresChanged, "failuresChanged");
    }

    /**
     * A configuration was applied and its own bind attempt left these {@code failures}: the retries of the previous
     * configuration stop, and these sockets are retried from the shortest delay on.
     */
    public void configurationApplied(List<BindFailure> failures) {
        List<BindFailure> next = List.copyOf(failures);
        cancel();
        Set<SocketKey> failingBefore = sockets(this.failures);
        for (BindFailure failure : next) {
            if (failingBefore.contains(failure.socket())) {
                // still down since the previous configuration: said already
                LOG.debug("listening socket {} still cannot be bound", failure);
            } else {
                LOG.error("Could not bind listening socket {}; retrying in {} ms, the delay doubling up to {} ms",
                        failure, schedule.first().toMillis(), schedule.max().toMillis());
            }
        }
        this.failures = next;
        attempts = 1;
        if (!next.isEmpty()) {
            scheduleRetry();
        }
    }

    /** Stops retrying (a newer configuration is about to bind, or the runtime stops). */
    public void cancel() {
        generation++;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** The failures as of the last attempt. */
    public List<BindFailure> failures() {
        return failures;
    }

    private void scheduleRetry() {
        long scheduledFor = generation;
        Duration delay = schedule.delayAfter(attempts);
        try {
            pending = scheduler.schedule(() -> retry(scheduledFor), delay);
        } catch (RejectedExecutionException e) {
            // the control thread is shutting down with the runtime: nothing left to bind for
            LOG.debug("bind retry not scheduled: {}", e.toString());
            pending = null;
        }
    }

    private void retry(long scheduledFor) {
        if (scheduledFor != generation) {
            return;
        }
        pending = null;
        attempts++;
        List<BindFailure> before = failures;
        List<BindFailure> after;
        try {
            after = List.copyOf(retryFailedBinds.get());
        } catch (RuntimeException e) {
            // a failing attempt must not end the retries: the socket would stay down silently again
            LOG.warn("bind attempt {} failed unexpectedly; retrying", attempts, e);
            scheduleRetry();
            return;
        }
        Set<SocketKey> failing = sockets(after);
        for (BindFailure failure : before) {
            if (!failing.contains(failure.socket())) {
                LOG.info("bound {} after {} attempts", failure.socket(), attempts);
            }
        }
        after.forEach(failure -> LOG.debug("bind attempt {} of {} failed: {}", attempts, failure.socket(),
                failure.cause()));
        failures = after;
        if (!after.equals(before)) {
            failuresChanged.accept(after);
        }
        if (!after.isEmpty() && scheduledFor == generation) {
            scheduleRetry();
        }
    }

    private static Set<SocketKey> sockets(List<BindFailure> failures) {
        Set<SocketKey> sockets = new HashSet<>();
        failures.forEach(failure -> sockets.add(failure.socket()));
        return sockets;
    }
}
