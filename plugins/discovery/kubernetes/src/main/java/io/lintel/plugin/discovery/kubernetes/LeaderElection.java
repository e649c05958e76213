package io.lintel.plugin.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaigns for a {@code coordination.k8s.io} Lease with fabric8's {@link LeaderElector} and says whether this
 * replica holds it. Leadership only decides who writes status and provisions: every replica serves traffic whatever
 * the outcome. A lost leadership (or a failed campaign) starts a new campaign, so a replica stays a candidate until
 * closed; closing releases the Lease so that another replica takes over at once.
 */
final class LeaderElection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    /** Told when this replica gains or loses leadership; called on the election's threads. */
    interface Listener {
        void leadershipChanged(boolean leader);
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String identity;
    private final Duration leaseDuration;
    private final Duration renewDeadline;
    private final Duration retryPeriod;
    private final Listener listener;
    private final ExecutorService electionThreads = Executors.newCachedThreadPool(daemon("lintel-leader-election"));
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(daemon("lintel-leader-restart"));
    private volatile boolean leader;
    private volatile boolean closed;
    private volatile Optional<String> currentLeader = Optional.empty();
    private volatile CompletableFuture<?> campaign;

    LeaderElection(KubernetesClient client, String namespace, String name, String identity, Duration leaseDuration,
            Duration renewDeadline, Duration retryPeriod, Listener listener) {
        this.client = requireNonNull(client, "client");
        this.namespace = requireNonNull(namespace, "namespace");
        this.name = requireNonNull(name, "name");
        this.identity = requireNonNull(identity, "identity");
        this.leaseDuration = requireNonNull(leaseDuration, "leaseDuration");
        this.renewDeadline = requireNonNull(renewDeadline, "renewDeadline");
        this.retryPeriod = requireNonNull(retryPeriod, "retryPeriod");
        this.listener = requireNonNull(listener, "listener");
    }

    synchronized void start() {
        if (closed) {
            return;
        }
        LeaderCallbacks callbacks = new LeaderCallbacks(this::started, this::stopped, this::newLeader);
        LeaderElectionConfig config = new LeaderElectionConfig(new LeaseLock(namespace, name, identity), leaseDuration,
                renewDeadline, retryPeriod, callbacks, true, name);
        CompletableFuture<?> future = new LeaderElector(client, config, electionThreads).start();
        campaign = future;
        future.whenComplete((result, error) -> {
            if (closed) {
                return;
            }
            if (error != null && !future.isCancelled()) {
                log.warn("Leader election for Lease {}/{} failed; campaigning again in {}", namespace, name, retryPeriod, error);
            }
            restarts.schedule(this::start, retryPeriod.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    boolean isLeader() {
        return leader;
    }

    /** The identity holding the Lease, as last seen. */
    Optional<String> currentLeader() {
        return currentLeader;
    }

    String identity() {
        return identity;
    }

    String describe() {
        return "Lease " + namespace + "/" + name + ": " + (leader ? "leader (" + identity + ")"
                : "follower (" + identity + "), leader: " + currentLeader.orElse("none yet"));
    }

    private void started() {
        log.info("{} holds Lease {}/{}: writing status from now on", identity, namespace, name);
        leader = true;
        listener.leadershipChanged(true);
    }

    private void stopped() {
        if (leader) {
            log.info("{} no longer holds Lease {}/{}: another replica writes status", identity, namespace, name);
        }
        leader = false;
        listener.leadershipChanged(false);
    }

    private void newLeader(String holder) {
        currentLeader = Optional.ofNullable(holder).filter(h -> !h.isEmpty());
        log.debug("Lease {}/{} is held by {}", namespace, name, holder);
    }

    @Override
    public void close() {
        CompletableFuture<?> future;
        synchronized (this) {
            closed = true;
            future = campaign;
        }
        if (future != null) {
            // fabric8 releases the Lease on cancel (releaseOnCancel), so a follower takes over without waiting it out.
            future.cancel(true);
        }
        leader = false;
        restarts.shutdownNow();
        electionThreads.shutdown();
        try {
            electionThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
