package io.lintel.core.translate;

import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrVirtualHost;
import io.lintel.core.status.ResourceStatus;
import io.lintel.core.store.Snapshot;
import io.lintel.core.translate.decode.DecodeCache;
import io.lintel.core.translate.decode.DocumentDecoder;
import io.lintel.core.translate.validate.ResourceValidator;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The state a full translation leaves behind, and the translation of a change that touched HTTPRoutes and GRPCRoutes
 * only, at the cost of the routes it touched: each changed route is detached from the listeners it served, decoded,
 * translated and attached again; the virtual hosts of the hostnames it served before and after are rebuilt and the
 * others handed on; Gateway statuses (attached route counts) are recomputed. The result equals a full translation of
 * the same snapshot (the property test holds both to it).
 *
 * <p>Only made when nothing else depends on routes (no BackendTLSPolicy, whose status lists the Gateways using its
 * Services). Not thread-safe: the {@link Translator} uses it under its lock.
 */
final class RouteChanges {

    private final RouteAttacher attacher;
    private final List<GatewayState> gateways;
    private final List<ListenerState> served;
    private final Map<ResourceKey, IrAssembler.TlsRouteInfo> streamRoutes;
    private final TreeMap<ResourceKey, ResourceStatus> statuses = new TreeMap<>();
    private final TreeMap<ResourceKey, List<ConfigProblem>> problemsByKey;
    private final DecodeCache decodeCache;
    private final DocumentDecoder decoder;
    private final ResourceValidator validator;
    private final VirtualHostMemo virtualHostMemo;

    RouteChanges(RouteAttacher attacher, List<GatewayState> gateways, List<ListenerState> served,
            Map<ResourceKey, IrAssembler.TlsRouteInfo> streamRoutes, List<ResourceStatus> statuses,
            TreeMap<ResourceKey, List<ConfigProblem>> problemsByKey, DecodeCache decodeCache, DocumentDecoder decoder,
            ResourceValidator validator, VirtualHostMemo virtualHostMemo) {
        this.attacher = attacher;
        this.gateways = List.copyOf(gateways);
        this.served = List.copyOf(served);
        this.streamRoutes = streamRoutes;
        statuses.forEach(s -> this.statuses.put(s.key(), s));
        this.problemsByKey = problemsByKey;
        this.decodeCache = decodeCache;
        this.decoder = decoder;
        this.validator = validator;
        this.virtualHostMemo = virtualHostMemo;
    }

    /** Translates {@code snapshot}, which differs from the previous one in the {@code changed} routes only. */
    TranslationResult apply(Snapshot snapshot, Set<ResourceKey> changed, String time) {
        Map<ListenerState, Set<String>> affected = new IdentityHashMap<>();
        for (ResourceKey key : new TreeSet<>(changed)) {
            for (ListenerState listener : attacher.listeners().values()) {
                Set<String> hostnames = listener.detach(key);
                if (!hostnames.isEmpty()) {
                    affected.computeIfAbsent(listener, l -> new HashSet<>()).addAll(hostnames);
                }
            }
            statuses.remove(key);
            attacher.routes.remove(key);
            problemsByKey.remove(key);
            KubernetesDocument document = snapshot.documents().get(key);
            if (document == null) {
                decodeCache.forget(key);
                continue;
            }
            DecodeCache.Outcome outcome = decodeCache.refresh(document, d -> ResourceIndex.decode(d, decoder, validator));
            if (!outcome.problems().isEmpty()) {
                problemsByKey.put(key, outcome.problems());
            }
            if (outcome.decoded().isPresent()) {
                TranslationMemo.Attachment attachment = attacher.add(outcome.decoded().get(), time);
                if (attachment.status() != null) {
                    statuses.put(key, attachment.status());
                }
                for (TranslationMemo.Attached attached : attachment.attached()) {
                    affected.computeIfAbsent(attacher.listeners().get(attached.listener()), l -> new HashSet<>())
                            .add(attached.hostname());
                }
            }
        }
        for (GatewayState gateway : gateways) {
            statuses.put(gateway.resource.document().key(), Translator.status(gateway.resource, gateway.status(time)));
        }
        Ir ir = new IrAssembler().assemble(served, streamRoutes, listener -> virtualHosts(listener, affected));
        List<ConfigProblem> problems = new ArrayList<>(snapshot.sourceProblems());
        problemsByKey.values().forEach(problems::addAll);
        return new TranslationResult(List.copyOf(statuses.values()), ir, problems);
    }

    private List<IrVirtualHost> virtualHosts(ListenerState listener, Map<ListenerState, Set<String>> affected) {
        Set<String> hostnames = affected.get(listener);
        return hostnames == null ? List.copyOf(listener.virtualHosts.values())
                : IrAssembler.rebuild(listener, hostnames, attacher.routes, virtualHostMemo);
    }
}
