package io.lintel.core.inject;

import io.lintel.core.admin.AdminState;
import io.lintel.core.ir.Ir;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.status.ResourceStatus;
import io.lintel.spi.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the runtime last applied, published as one immutable value so the admin server reads a consistent view
 * without locks.
 */
final class RuntimeState implements AdminState {

    /** One applied configuration. */
    record Applied(long snapshotVersion, List<ResourceStatus> statuses, List<ConfigProblem> problems, Ir ir, List<String> bindErrors) {
        static final Applied NONE = new Applied(-1, List.of(), List.of(), Ir.EMPTY, List.of());
    }

    private final BooleanSupplier sourcesSynced;
    private final Supplier<List<String>> sourceDescriptions;
    private final Supplier<Map<String, Boolean>> endpointHealth;
    private final Supplier<CompiledRouteTable> routeTable;
    private final Supplier<List<String>> pluginDetail;
    private volatile Applied applied = Applied.NONE;
    private volatile boolean draining;

    /** Without active health verdicts, route table nor plugin lines (tests). */
    RuntimeState(BooleanSupplier sourcesSynced, Supplier<List<String>> sourceDescriptions) {
        this(sourcesSynced, sourceDescriptions, Map::of, () -> null, List::of);
    }

    /**
     * @param endpointHealth the data plane's active health verdicts
     * @param routeTable the table the data plane routes by now
     * @param pluginDetail the plugins' own lines ({@link io.lintel.spi.PluginReporting#readyDetail}), listed last
     */
    RuntimeState(BooleanSupplier sourcesSynced, Supplier<List<String>> sourceDescriptions,
            Supplier<Map<String, Boolean>> endpointHealth, Supplier<CompiledRouteTable> routeTable,
            Supplier<List<String>> pluginDetail) {
        this.sourcesSynced = sourcesSynced;
        this.sourceDescriptions = sourceDescriptions;
        this.endpointHealth = endpointHealth;
        this.routeTable = routeTable;
        this.pluginDetail = pluginDetail;
    }

    @Override
    public Map<String, Boolean> endpointHealth() {
        return endpointHealth.get();
    }

    void publish(Applied next) {
        applied = next;
    }

    /** The gateway has begun to stop: {@code /ready} says "draining" from now on. */
    void startDraining() {
        draining = true;
    }

    @Override
    public boolean draining() {
        return draining;
    }

    Applied applied() {
        return applied;
    }

    @Override
    public boolean ready() {
        return !draining && applied.snapshotVersion() >= 0 && sourcesSynced.getAsBoolean();
    }

    @Override
    public List<String> readyDetail() {
        Applied current = applied;
        List<String> lines = new ArrayList<>(sourceDescriptions.get());
        if (current.snapshotVersion() < 0) {
            lines.add("config: not loaded yet");
        } else {
            lines.add("config: snapshot " + current.snapshotVersion() + ", " + current.statuses().size() + " resources with status, "
                    + current.problems().size() + " problems");
        }
        current.bindErrors().forEach(error -> lines.add("bind failed: " + error));
        lines.addAll(pluginDetail.get());
        return List.copyOf(lines);
    }

    @Override
    public List<ResourceStatus> statuses() {
        return applied.statuses();
    }

    @Override
    public List<ConfigProblem> problems() {
        return applied.problems();
    }

    @Override
    public Ir config() {
        return applied.ir();
    }

    @Override
    public CompiledRouteTable routeTable() {
        return routeTable.get();
    }
}
