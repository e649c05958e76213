package io.lintel.core.admin.inspect;

import io.lintel.core.ir.IrProtocol;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.CompiledSocket;
import io.lintel.core.route.RouteExplainer;
import io.lintel.core.route.RouteExplanation;
import io.lintel.core.route.SocketKey;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /explain}: the request, and how each socket it may arrive on routes it ({@link RouteExplanation}).
 *
 * @param request what was explained
 * @param explanations one per socket: the {@code listener} asked for, else every socket that serves HTTP, in address
 *     order
 */
record ExplainDocument(ExplainedRequest request, List<RouteExplanation> explanations) {

    /** The request as given. */
    record ExplainedRequest(String method, String host, String path, List<NameValue> headers, List<NameValue> query,
            String listener) {}

    /** A header or query parameter. */
    record NameValue(String name, String value) {
        static List<NameValue> of(List<Map.Entry<String, String>> pairs) {
            return pairs.stream().map(pair -> new NameValue(pair.getKey(), pair.getValue())).toList();
        }
    }

    static ExplainDocument of(CompiledRouteTable table, ExplainQuery query) {
        RouteExplainer.Request request = query.request();
        List<RouteExplanation> explanations = sockets(table, query.listener()).stream()
                .map(socket -> RouteExplainer.explain(table, socket, request, query.limit()))
                .toList();
        return new ExplainDocument(new ExplainedRequest(query.method(), query.host(), query.path(),
                NameValue.of(query.headers()), NameValue.of(query.query()),
                query.listener().map(SocketKey::toString).orElse(null)), explanations);
    }

    /**
     * The sockets to explain: the one {@code listener} names (a socket bound to the wildcard address stands for any
     * of the host's addresses), else every socket that serves HTTP.
     */
    private static List<SocketKey> sockets(CompiledRouteTable table, Optional<SocketKey> listener) {
        if (listener.isEmpty()) {
            return table.sockets().values().stream()
                    .filter(socket -> socket.protocol() != IrProtocol.TCP)
                    .map(CompiledSocket::key)
                    .sorted(Comparator.comparing(SocketKey::port).thenComparing(SocketKey::address))
                    .toList();
        }
        SocketKey asked = listener.get();
        if (table.sockets().containsKey(asked)) {
            return List.of(asked);
        }
        return table.sockets().keySet().stream()
                .filter(socket -> socket.port() == asked.port() && SocketKeys.isWildcard(socket.address()))
                .findFirst()
                .map(List::of)
                .orElse(List.of(asked));
    }
}
