package io.lintel.core.admin;

import io.lintel.core.ir.Ir;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.status.ResourceStatus;
import io.lintel.spi.config.ConfigProblem;
import java.util.List;
import java.util.Map;

/**
 * What the admin server shows: readiness, the computed statuses and problems, and the current IR. Thread-safe;
 * {@link #ready()} and {@link #readyDetail()} are read on the admin server's event loop, the others on its render
 * threads, so implementations return values they already hold and never wait for a reload.
 */
public interface AdminState {

    /** True once every config source has synced and the first configuration is being served. */
    boolean ready();

    /**
     * True once the gateway has begun to stop (SIGTERM): {@code /ready} then answers 503 "draining", so that a load
     * balancer stops sending new clients while the requests in flight finish.
     */
    default boolean draining() {
        return false;
    }

    /** One line per config source plus the last reload's result, for {@code /ready}. */
    List<String> readyDetail();

    List<ResourceStatus> statuses();

    List<ConfigProblem> problems();

    Ir config();

    /** Active health checks' verdicts by endpoint ({@code address:port}), shown with the policies that check them. */
    default Map<String, Boolean> endpointHealth() {
        return Map.of();
    }

    /** The route table requests are routed by now, for {@code /explain} and {@code /backends}; null when none is served. */
    default CompiledRouteTable routeTable() {
        return null;
    }
}
