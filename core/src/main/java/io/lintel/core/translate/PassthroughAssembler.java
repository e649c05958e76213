package io.lintel.core.translate;

import io.lintel.core.ir.IrPassthrough;
import io.lintel.core.ir.IrTlsRoute;
import io.lintel.spi.config.ResourceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The IR of a listener that relays connections (TLS passthrough or terminate, TCP): one {@link IrTlsRoute} per attached
 * TLSRoute (or TCPRoute, whose only hostname is {@code "*"}) and effective hostname, most
 * specific hostname first and, for equal hostnames, the oldest route first (it wins, as the Gateway API's
 * conflict resolution says: creation time, then namespace/name).
 */
final class PassthroughAssembler {

    private record Entry(String kind, String hostname, IrAssembler.TlsRouteInfo route) {}

    private static final Comparator<Entry> ORDER = Comparator
            .comparing(Entry::hostname, Hostnames.MOST_SPECIFIC_FIRST)
            .thenComparing(e -> e.route().created())
            .thenComparing(e -> e.route().namespace())
            .thenComparing(e -> e.route().name());

    static IrPassthrough passthrough(ListenerState listener, Map<ResourceKey, IrAssembler.TlsRouteInfo> streamRoutes) {
        List<Entry> entries = new ArrayList<>();
        listener.routes.forEach((key, hostnames) -> {
            IrAssembler.TlsRouteInfo route = streamRoutes.get(key);
            if (route != null) {
                hostnames.forEach(hostname -> entries.add(new Entry(key.kind(), hostname, route)));
            }
        });
        entries.sort(ORDER);
        List<IrTlsRoute> routes = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            routes.add(new IrTlsRoute(e.kind().toLowerCase(Locale.ROOT) + "/" + e.route().namespace() + "/" + e.route().name(), e.hostname(),
                    e.route().backends()));
        }
        return new IrPassthrough(routes);
    }

    private PassthroughAssembler() {}
}
