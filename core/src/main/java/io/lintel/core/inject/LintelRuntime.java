package io.lintel.core.inject;

import io.lintel.core.admin.AdminServer;
import io.lintel.core.admin.GatewayMetrics;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.server.BindRetrySchedule;
import io.lintel.core.server.DataPlane;
import io.lintel.core.store.ResourceStore;
import io.lintel.core.translate.Translator;
import io.lintel.spi.PluginContext;
import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.ConfigSourceFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Lintel: admin server, config source, store, translator and data plane, started in dependency order and
 * closed in reverse. Every snapshot the store publishes is applied on the store's control thread by a
 * {@link ConfigApplier}.
 */
public final class LintelRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LintelRuntime.class);

    private final LintelSettings settings;
    private final PluginRegistry registry;
    private volatile ResourceStore store;
    private final DataPlane dataPlane;
    private final GatewayMetrics metrics;
    private final Translator translator;
    private final PluginContext sourceContext;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ConfigSource source;
    private volatile AdminServer admin;
    private volatile RuntimeState state;

    @Inject
    LintelRuntime(
            LintelSettings settings,
            PluginRegistry registry,
            DataPlane dataPlane,
            GatewayMetrics metrics,
            Translator translator,
            PluginContext sourceContext,
            Clock clock) {
        this.settings = settings;
        this.registry = registry;
        this.dataPlane = dataPlane;
        this.metrics = metrics;
        this.translator = translator;
        this.sourceContext = sourceContext;
        this.clock = clock;
    }

    /** Starts serving; returns once the config source has read its initial state (or failed to). */
    public void start() throws Exception {
        ConfigSourceFactory factory = registry.configSources().get(settings.sourceType());
        if (factory == null) {
            throw new IllegalStateException("no config source of type '" + settings.sourceType() + "' is loaded (loaded: "
                    + registry.configSources().keySet() + "; plugins: " + registry.plugins() + ")");
        }
        ConfigSource created = factory.create(settings.sourceSettings(), sourceContext);
        source = created;
        RuntimeState state = new RuntimeState(this::sourcesSynced, this::describeSources, dataPlane::endpointHealth,
                dataPlane::currentTable, registry.reports()::readyDetail);
        metrics.register(registry.reports());
        this.state = state;
        ConfigApplier applier = new ConfigApplier(translator, dataPlane, state, metrics,
                created.statusWriter().map(List::of).orElse(List.of()), clock,
                (task, delay) -> store.runOnControlThread(task, delay), BindRetrySchedule.fromSystemProperties());
        ResourceStore resourceStore = new ResourceStore(snapshot -> {
            // A partial snapshot (taken while a source was still reading) would serve and report part of the
            // configuration, and /ready would say ready before the routes answer.
            if (snapshot.synced()) {
                applier.apply(snapshot);
            }
        });
        store = resourceStore;
        AdminServer server = new AdminServer(settings.adminAddress(), state, metrics);
        server.start();
        admin = server;
        created.start(resourceStore.sinkFor(settings.sourceType()));
        log.info("Plugins: {}; features: {}", registry.plugins(), registry.features().size());
    }

    /** The admin server's bound port (useful when started on port 0). */
    public int adminPort() {
        AdminServer server = admin;
        return server == null ? -1 : server.port();
    }

    private boolean sourcesSynced() {
        ResourceStore current = store;
        return current != null && current.allSynced();
    }

    private List<String> describeSources() {
        ConfigSource current = source;
        if (current == null) {
            return List.of("source: not started");
        }
        return List.of("source " + settings.sourceType() + ": " + (current.healthy() ? "" : "stale: ") + current.describe());
    }

    /**
     * Stops gracefully (SIGTERM): {@code /ready} answers 503 "draining" at once, the data plane stops accepting and
     * lets the requests in flight finish for at most {@code drain}, then everything is closed as by {@link #close}.
     * The admin server answers throughout, so that load balancers and probes see the drain.
     */
    public void stop(Duration drain) {
        if (closed.get()) {
            return;
        }
        RuntimeState current = state;
        if (current != null) {
            current.startDraining();
        }
        try {
            dataPlane.drain(drain);
        } catch (RuntimeException e) {
            log.warn("Draining the data plane failed; closing it", e);
        }
        close();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly("config source", source);
        closeQuietly("resource store", store);
        closeQuietly("data plane", dataPlane);
        closeQuietly("admin server", admin);
    }

    private static void closeQuietly(String what, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Closing the {} failed", what, e);
        }
    }
}
