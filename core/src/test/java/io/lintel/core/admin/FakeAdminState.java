package io.lintel.core.admin;

import io.lintel.core.ir.Ir;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.status.ResourceStatus;
import io.lintel.spi.config.ConfigProblem;
import java.util.List;

/** An {@link AdminState} a test sets field by field. */
final class FakeAdminState implements AdminState {

    volatile boolean ready;
    volatile boolean draining;
    volatile List<String> readyDetail = List.of();
    volatile List<ResourceStatus> statuses = List.of();
    volatile List<ConfigProblem> problems = List.of();
    volatile Ir config = Ir.EMPTY;
    volatile CompiledRouteTable routeTable;
    /** Runs on each {@link #statuses()} call, e.g. to hold a render thread on a latch. */
    volatile Runnable onStatuses = () -> {};

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public boolean draining() {
        return draining;
    }

    @Override
    public List<String> readyDetail() {
        return readyDetail;
    }

    @Override
    public List<ResourceStatus> statuses() {
        onStatuses.run();
        return statuses;
    }

    @Override
    public List<ConfigProblem> problems() {
        return problems;
    }

    @Override
    public Ir config() {
        return config;
    }

    @Override
    public CompiledRouteTable routeTable() {
        return routeTable;
    }
}
