package io.lintel.core.inject;

import io.lintel.core.admin.GatewayMetrics;
import io.lintel.core.ir.Ir;
import io.lintel.core.server.BindFailure;
import io.lintel.core.server.BindRetry;
import io.lintel.core.server.BindRetrySchedule;
import io.lintel.core.server.DataPlane;
import io.lintel.core.status.ResourceStatus;
import io.lintel.core.status.StatusTimestamps;
import io.lintel.core.store.Snapshot;
import io.lintel.core.translate.TranslationResult;
import io.lintel.core.translate.Translator;
import io.lintel.core.translate.validate.ResourceValidator;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.StatusWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each snapshot into served configuration: translate, apply to the data plane, amend the statuses with the
 * sockets that could not be bound ({@link BindFailureStatus}), keep condition timestamps stable, publish for the
 * admin server, and write changed statuses back. Sockets that could not be bound are retried ({@link BindRetry}) and
 * the statuses published again when that changes. Runs on the store's control thread only (the retries too), so it
 * needs no locking.
 */
final class ConfigApplier {

    private static final Logger log = LoggerFactory.getLogger(ConfigApplier.class);

    private final SteadyHeap steadyHeap = new SteadyHeap();
    private final Translator translator;
    private final DataPlane dataPlane;
    private final RuntimeState state;
    private final GatewayMetrics metrics;
    private final List<StatusWriter> statusWriters;
    private final Clock clock;
    private final StatusTimestamps timestamps = new StatusTimestamps();
    private Set<String> loggedProblems = Set.of();
    private Map<ResourceKey, ResourceStatus> lastWritten = Map.of();
    private final BindFailureStatus bindFailureStatus = new BindFailureStatus();
    private final BindRetry bindRetry;
    /** The configuration applied last, as translated: what a bind retry publishes again, amended anew. */
    private Translated lastApplied;

    private record Translated(long snapshotVersion, List<ResourceStatus> statuses, List<ConfigProblem> problems, Ir ir) {}

    /**
     * @param controlThread schedules bind retries on the thread that calls {@link #apply}
     */
    ConfigApplier(
            Translator translator,
            DataPlane dataPlane,
            RuntimeState state,
            GatewayMetrics metrics,
            List<StatusWriter> statusWriters,
            Clock clock,
            BindRetry.Scheduler controlThread,
            BindRetrySchedule retrySchedule) {
        this.translator = translator;
        this.dataPlane = dataPlane;
        this.state = state;
        this.metrics = metrics;
        this.statusWriters = List.copyOf(statusWriters);
        this.clock = clock;
        this.bindRetry = new BindRetry(dataPlane::retryFailedBinds, controlThread, retrySchedule, this::rebound);
    }

    void apply(Snapshot snapshot) {
        long started = System.nanoTime();
        TranslationResult result;
        try {
            result = translator.translate(snapshot, clock.instant());
        } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
            // A translator bug must not take down serving: keep the last good configuration.
            log.error("Configuration {} could not be translated; the previous configuration keeps serving", snapshot.version(), e);
            metrics.reloaded(false, System.nanoTime() - started);
            return;
        }
        long translated = System.nanoTime();
        // this configuration binds for itself: the retries of the previous one must not bind what it dropped
        bindRetry.cancel();
        dataPlane.apply(result.ir());
        List<BindFailure> bindFailures = dataPlane.bindFailures();
        long served = System.nanoTime();
        // the series of rules that left the configuration now served go
        metrics.retainRules(result.ir());
        lastApplied = new Translated(snapshot.version(), result.statuses(), result.problems(), result.ir());
        List<ResourceStatus> statuses = publish(bindFailures);
        metrics.reloaded(bindFailures.isEmpty(), served - started);
        metrics.configProblems(result.problems().size());
        metrics.gatewaysServed(gatewaysOf(statuses), snapshot.documents());
        logNewProblems(result.problems());
        log.info("Applied configuration {} in {} ms (translation {} ms, data plane {} ms): {} sockets, {} resources with "
                + "status, {} problems", snapshot.version(), millis(served - started), millis(translated - started),
                millis(served - translated), result.ir().sockets().size(), statuses.size(), result.problems().size());
        bindRetry.configurationApplied(bindFailures);
        if (bindFailures.isEmpty()) {
            steadyHeap.configurationServed();
        }
    }

    private static List<ResourceKey> gatewaysOf(List<ResourceStatus> statuses) {
        return statuses.stream().map(ResourceStatus::key)
                .filter(key -> "Gateway".equals(key.kind()) && ResourceValidator.GATEWAY_GROUP.equals(key.group())).toList();
    }

    /** A bind retry changed which sockets are not bound: the same configuration, published with the new truth. */
    private void rebound(List<BindFailure> bindFailures) {
        publish(bindFailures);
        if (bindFailures.isEmpty()) {
            steadyHeap.configurationServed();
        }
    }

    /** Publishes {@link #lastApplied} with these bind failures to the admin server and the status writers. */
    private List<ResourceStatus> publish(List<BindFailure> bindFailures) {
        List<ResourceStatus> statuses = timestamps.stabilise(
                bindFailureStatus.amend(lastApplied.statuses(), lastApplied.ir(), bindFailures, clock.instant()));
        List<String> bindErrors = bindFailures.stream().map(failure -> failure + "; retrying").toList();
        state.publish(new RuntimeState.Applied(lastApplied.snapshotVersion(), statuses, lastApplied.problems(),
                lastApplied.ir(), bindErrors));
        writeChangedStatuses(statuses);
        return statuses;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private void logNewProblems(List<ConfigProblem> problems) {
        Set<String> current = new HashSet<>();
        for (ConfigProblem problem : problems) {
            String text = problem.toString();
            current.add(text);
            if (!loggedProblems.contains(text)) {
                log.warn("Configuration problem: {}", text);
            }
        }
        loggedProblems = current;
    }

    private void writeChangedStatuses(List<ResourceStatus> statuses) {
        if (statusWriters.isEmpty()) {
            return;
        }
        Map<ResourceKey, ResourceStatus> written = new HashMap<>();
        for (ResourceStatus status : statuses) {
            written.put(status.key(), status);
            ResourceStatus last = lastWritten.get(status.key());
            // unchanged statuses are mostly the very instances written last time: no tree comparison for them
            if (status == last || status.equals(last)) {
                continue;
            }
            for (StatusWriter writer : statusWriters) {
                try {
                    writer.write(status.key(), status.status());
                } catch (RuntimeException e) {
                    log.warn("Could not write the status of {}", status.key(), e);
                }
            }
        }
        lastWritten = written;
    }
}
