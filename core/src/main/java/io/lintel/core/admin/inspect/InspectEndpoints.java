package io.lintel.core.admin.inspect;

import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.route.CompiledRouteTable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The admin endpoints that inspect the route table being served: {@code GET /explain} (how a request would be
 * routed, and why) and {@code GET /backends} (every backend with its endpoints' passive health). Their query
 * parameters are checked when the request arrives ({@link #prepare}); the documents are computed when written, on
 * the admin server's render threads.
 */
public final class InspectEndpoints {

    /** The paths served here. */
    public static final List<String> PATHS = List.of("/explain", "/backends");

    private static final CompiledRouteTable NOTHING_SERVED = CompiledRouteTable.empty(ProxyMetrics.NOOP);

    private InspectEndpoints() {}

    /** A document ready to be written. */
    @FunctionalInterface
    public interface Document {
        void write(OutputStream out) throws IOException;
    }

    public static boolean serves(String path) {
        return PATHS.contains(path);
    }

    /**
     * The document of {@code path} for these query parameters.
     *
     * @param table the table requests are routed by now; null when none is served (everything is answered 404)
     * @throws IllegalArgumentException naming a query parameter that is unknown, missing or malformed
     */
    public static Document prepare(String path, Map<String, List<String>> parameters,
            Supplier<CompiledRouteTable> table) {
        return switch (path) {
            case "/explain" -> {
                ExplainQuery query = ExplainQuery.of(parameters);
                yield out -> InspectJson.write(out, ExplainDocument.of(current(table), query));
            }
            case "/backends" -> {
                BackendsDocument.Filter filter = BackendsDocument.Filter.of(parameters);
                yield out -> InspectJson.write(out, BackendsDocument.of(current(table), filter));
            }
            default -> throw new IllegalArgumentException("not an inspection endpoint: " + path);
        };
    }

    private static CompiledRouteTable current(Supplier<CompiledRouteTable> table) {
        CompiledRouteTable current = table.get();
        return current != null ? current : NOTHING_SERVED;
    }
}
