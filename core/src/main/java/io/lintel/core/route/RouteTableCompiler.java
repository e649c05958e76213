package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.lintel.core.ir.Ir;
import io.lintel.core.ir.IrBackend;
import io.lintel.core.ir.IrEndpoint;
import io.lintel.core.ir.IrFilter;
import io.lintel.core.ir.IrHeaderMatch;
import io.lintel.core.ir.IrListener;
import io.lintel.core.ir.IrPassthrough;
import io.lintel.core.ir.IrPathMatch;
import io.lintel.core.ir.IrProtocol;
import io.lintel.core.ir.IrQueryParamMatch;
import io.lintel.core.ir.IrRouteMatch;
import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrSocket;
import io.lintel.core.ir.IrTls;
import io.lintel.core.ir.IrTlsRoute;
import io.lintel.core.ir.IrValueMatchType;
import io.lintel.core.ir.IrVirtualHost;
import io.lintel.core.ir.VirtualHostDiff;
import io.lintel.core.plugin.PluginRegistry;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.filter.RuleRef;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles an {@link Ir} into a {@link CompiledRouteTable}: matchers with precompiled patterns, runtime filters
 * created by the plugins' factories, weighted backends, metrics handles.
 *
 * <p>Compilation is incremental. The translator hands out the same {@link IrVirtualHost} and {@link IrRule}
 * instances for what did not change, so the compiler keeps what it made of each instance still in use
 * ({@link CompiledUses}, by identity, with use counts so memory stays bounded by the table served) and reuses it.
 * Each listener remembers the host list it was compiled from ({@link ListenerMemo}); a one-route change costs the
 * changed virtual hosts, an identity comparison per host of their listener and a copy of its host map patched with
 * them. Reused rules keep their filters and metrics handles. Below that, regular expressions are cached by value and
 * filters by rule identity and value (Caffeine, sized from the table so that a large table is not recompiled for
 * want of cache room): a rule whose IR instance is new but whose identity and filter specs are equal gets its old
 * filters, with their state.
 *
 * <p>A rule whose filter cannot be created (no factory for its key, or the factory throws) answers 500 instead of
 * running without the filter. HTTPS sockets get their TLS contexts here, from a {@link SslContextCache}; a listener
 * whose certificate the TLS provider refuses is left out of SNI selection (logged). Called from one control thread at
 * a time, never from an event loop.
 */
public final class RouteTableCompiler {

    private static final Logger LOG = LoggerFactory.getLogger(RouteTableCompiler.class);
    private static final int INTERNAL_SERVER_ERROR = 500;
    private static final int BAD_GATEWAY = 502;

    /** The least room of the pattern and filter caches; they grow with the IR (see {@link #resizeCaches}). */
    static final int MIN_CACHE_SIZE = 10_000;

    private final PluginRegistry registry;
    private final ProxyMetrics metrics;
    // RE2/J patterns: every user-supplied expression matches in linear time (the translator refused what RE2 lacks).
    private final Cache<String, Pattern> patterns = Caffeine.newBuilder().maximumSize(MIN_CACHE_SIZE).build();
    // Keyed by what create() reads, so that an endpoint change of a filter's backend keeps the filter.
    private final Cache<FilterIdentity, HttpFilter> filters = Caffeine.newBuilder().maximumSize(MIN_CACHE_SIZE).build();

    private final SslContextCache sslContexts;
    private final int indexThreshold;
    private final BackendTlsContexts backendTls = new BackendTlsContexts();

    /** What the compiler made of each virtual host and rule instance still in use. */
    private final CompiledUses uses = new CompiledUses();
    /** Each listener of the table served, by socket and name, with the IR hosts it was compiled from. */
    private Map<ListenerSlot, ListenerMemo> listeners = new HashMap<>();
    /** Passive health of the endpoints. */
    private final EndpointHealth health;
    /** Whether HTTPS sockets answer 421 to misdirected requests: the gateway-tls plugin's feature, off without it. */
    private final boolean detectMisdirected;

    public RouteTableCompiler(PluginRegistry registry, ProxyMetrics metrics) {
        this(registry, metrics, new SslContextCache());
    }

    public RouteTableCompiler(PluginRegistry registry, ProxyMetrics metrics, SslContextCache sslContexts) {
        this(registry, metrics, sslContexts, CompiledVirtualHost.INDEX_THRESHOLD, EndpointHealth.OFF);
    }

    /** @param health the endpoints' passive health, which every compiled backend picks by */
    public RouteTableCompiler(PluginRegistry registry, ProxyMetrics metrics, EndpointHealth health) {
        this(registry, metrics, new SslContextCache(), CompiledVirtualHost.INDEX_THRESHOLD, health);
    }

    /**
     * @param indexThreshold virtual hosts with at least this many matches are indexed, smaller ones scanned (the
     *     benchmarks compare both; {@link Integer#MAX_VALUE} scans every host as before the index existed)
     */
    RouteTableCompiler(PluginRegistry registry, ProxyMetrics metrics, SslContextCache sslContexts, int indexThreshold,
            EndpointHealth health) {
        this.registry = requireNonNull(registry, "registry");
        this.health = requireNonNull(health, "health");
        this.metrics = requireNonNull(metrics, "metrics");
        this.sslContexts = requireNonNull(sslContexts, "sslContexts");
        this.indexThreshold = indexThreshold;
        this.detectMisdirected = registry.gatewayTls().map(t -> t.detectsMisdirectedRequests()).orElse(false);
    }

    public CompiledRouteTable compile(Ir ir) {
        requireNonNull(ir, "ir");
        try {
            return compileChanges(ir);
        } catch (RuntimeException | Error e) {
            // the use counts stopped half-way: start from nothing next time rather than trust them
            uses.clear();
            listeners = new HashMap<>();
            throw e;
        }
    }

    private CompiledRouteTable compileChanges(Ir ir) {
        Map<ListenerSlot, ListenerMemo> compiled = new HashMap<>();
        // Hosts that left are released after every listener took what it uses, so that a host or rule that moved
        // from one listener (or host) to another is handed on, not compiled again.
        List<IrVirtualHost> released = new ArrayList<>();
        Map<SocketKey, CompiledSocket> sockets = new HashMap<>();
        Map<SocketKey, CompiledTlsRoute> datagramRoutes = new HashMap<>();
        for (IrSocket socket : ir.sockets()) {
            SocketKey key = new SocketKey(socket.address(), socket.port());
            if (socket.protocol().datagram()) {
                // no hosts, no TLS: a UDP socket's flows all go by its first route, as a TCP socket's connections
                CompiledTlsRoute route = firstRoute(socket);
                if (route != null) {
                    datagramRoutes.putIfAbsent(key, route);
                }
                continue;
            }
            HostSelector.Builder<CompiledListener> socketListeners = HostSelector.builder();
            for (IrListener listener : socket.listeners()) {
                ListenerSlot slot = new ListenerSlot(key, listener.name());
                ListenerMemo memo = compileListener(listener, listeners.remove(slot), released);
                ListenerMemo twin = compiled.put(slot, memo);
                if (twin != null) {
                    released.addAll(twin.irHosts);
                }
                socketListeners.add(listener.hostname(), memo.compiled);
            }
            boolean terminatesTls = socket.protocol() == IrProtocol.HTTPS || socket.protocol() == IrProtocol.TLS;
            CompiledTls tls = terminatesTls ? compileTls(key, socket) : null;
            PassthroughRouter passthrough = socket.protocol() == IrProtocol.TLS ? PassthroughRouter.compile(socket) : null;
            CompiledRule misdirected = detectMisdirected && terminatedListeners(socket) > 1 ? misdirected() : null;
            CompiledTlsRoute tcpRoute = socket.protocol() == IrProtocol.TCP ? firstRoute(socket) : null;
            if (sockets.putIfAbsent(key, new CompiledSocket(key, socket.protocol(), socketListeners.build(), tls,
                    passthrough, misdirected, tcpRoute)) != null) {
                LOG.warn("IR lists socket {} more than once; the first entry is used", key);
            }
        }
        for (ListenerMemo gone : listeners.values()) {
            released.addAll(gone.irHosts);
        }
        for (IrVirtualHost host : released) {
            uses.releaseHost(host);
        }
        listeners = compiled;
        resizeCaches();
        return new CompiledRouteTable(sockets, CompiledRule.direct("none", 404, metrics.forRule("none")),
                datagramRoutes);
    }

    /** A listener of a socket, as the compiler remembers it between compiles. */
    private record ListenerSlot(SocketKey socket, String name) {}

    /**
     * Gives the caches room for everything the table uses (with a margin), so that recompiling a changed virtual
     * host of a large table finds its unchanged patterns and filters instead of recompiling them.
     */
    private void resizeCaches() {
        long patternRoom = Math.max(MIN_CACHE_SIZE, uses.patterns() + uses.patterns() / 4);
        long filterRoom = Math.max(MIN_CACHE_SIZE, uses.filters() + uses.filters() / 4);
        patterns.policy().eviction().ifPresent(eviction -> eviction.setMaximum(patternRoom));
        filters.policy().eviction().ifPresent(eviction -> eviction.setMaximum(filterRoom));
    }

    /** The compiled virtual host made of this IR instance for the table served, or null (for tests). */
    CompiledVirtualHost previousVirtualHost(IrVirtualHost virtualHost) {
        CompiledUses.HostEntry entry = uses.host(virtualHost);
        return entry == null ? null : entry.compiled;
    }

    /** The room of the regular-expression cache (for tests). */
    long patternCacheRoom() {
        return patterns.policy().eviction().orElseThrow().getMaximum();
    }

    /** How many rules the table served uses (for tests). */
    int previousRuleCount() {
        return uses.ruleCount();
    }

    /** How many listeners of a socket terminate TLS: with more than one, a connection could reach the wrong one. */
    private static long terminatedListeners(IrSocket socket) {
        return socket.listeners().stream().filter(l -> l.tls().isPresent()).count();
    }

    private CompiledRule misdirected() {
        return CompiledRule.direct("misdirected", 421, metrics.forRule("misdirected"));
    }

    private CompiledTls compileTls(SocketKey key, IrSocket socket) {
        HostSelector.Builder<SslContext> byHostname = HostSelector.builder();
        SslContext first = null;
        SslContext catchAll = null;
        for (IrListener listener : socket.listeners()) {
            if (listener.passthrough().isPresent() && listener.tls().isEmpty()) {
                continue;
            }
            if (listener.tls().isEmpty()) {
                LOG.warn("{}: listener {} of an HTTPS socket has no certificate; it is not offered by SNI",
                        key, listener.name());
                continue;
            }
            SslContext context;
            try {
                IrTls tls = listener.tls().get();
                // a listener that also relays (TLS, mode Terminate) serves no HTTP: no ALPN
                context = listener.passthrough().isPresent()
                        ? sslContexts.getForRelay(tls.certificates().get(0), tls.options())
                        : sslContexts.get(tls);
            } catch (IllegalArgumentException e) {
                LOG.warn("{}: listener {}: {}; it is not offered by SNI", key, listener.name(), e.getMessage());
                continue;
            }
            byHostname.add(listener.hostname(), context);
            if (first == null) {
                first = context;
            }
            if (catchAll == null && (listener.hostname().isEmpty() || listener.hostname().equals("*"))) {
                catchAll = context;
            }
        }
        return new CompiledTls(byHostname.build(), catchAll != null ? catchAll : first);
    }

    /**
     * The first route of the first listener with one: a TCP socket has no way to tell connections apart (nor a UDP
     * socket flows), so the oldest TCPRoute (UDPRoute; the IR lists it first) takes them all, as the Gateway API's
     * conflict resolution says.
     */
    private static CompiledTlsRoute firstRoute(IrSocket socket) {
        for (IrListener listener : socket.listeners()) {
            List<IrTlsRoute> routes = listener.passthrough().map(IrPassthrough::routes).orElse(List.of());
            if (!routes.isEmpty()) {
                return PassthroughRouter.compile(routes.get(0));
            }
        }
        return null;
    }

    /**
     * The listener compiled: {@code before} itself when its hosts are the same list, {@code before}'s host map patched
     * when a few hosts changed, else a new map. Hosts {@code before} used and this one does not are added to
     * {@code released}.
     */
    private ListenerMemo compileListener(IrListener listener, ListenerMemo before, List<IrVirtualHost> released) {
        List<IrVirtualHost> now = listener.virtualHosts();
        if (before != null && before.irHosts == now) {
            return before;
        }
        if (before != null && before.compiled.name().equals(listener.name())) {
            VirtualHostDiff diff = before.diff(now);
            // past a quarter of the hosts, a rebuild costs no more than the patch's copy
            if (diff != null && diff.size() <= now.size() / 4 + 8) {
                List<Map.Entry<String, CompiledVirtualHost>> removed = new ArrayList<>(diff.removed().size());
                for (IrVirtualHost host : diff.removed()) {
                    removed.add(Map.entry(host.hostname(), uses.host(host).compiled));
                }
                List<Map.Entry<String, CompiledVirtualHost>> added = new ArrayList<>(diff.added().size());
                for (IrVirtualHost host : diff.added()) {
                    added.add(Map.entry(host.hostname(), uses.acquireHost(host, this::compileVirtualHost).compiled));
                }
                HostSelector<CompiledVirtualHost> patched = before.selector.patched(removed, added);
                if (patched != null) {
                    released.addAll(diff.removed());
                    return new ListenerMemo(listener.name(), now, patched, diff.byHostname());
                }
                released.addAll(diff.added()); // taken again below
            }
        }
        HostSelector.Builder<CompiledVirtualHost> virtualHosts = HostSelector.builder(now.size());
        for (IrVirtualHost virtualHost : now) {
            virtualHosts.add(virtualHost.hostname(), uses.acquireHost(virtualHost, this::compileVirtualHost).compiled);
        }
        if (before != null) {
            released.addAll(before.irHosts);
        }
        return new ListenerMemo(listener.name(), now, virtualHosts.build(), null);
    }

    private CompiledUses.HostEntry compileVirtualHost(IrVirtualHost virtualHost) {
        List<CompiledMatch> matches = new ArrayList<>(virtualHost.matches().size());
        List<IrRule> irRules = new ArrayList<>();
        int patternCount = 0;
        int filterCount = 0;
        IrRule last = null;
        CompiledRule lastCompiled = null;
        for (IrRouteMatch match : virtualHost.matches()) {
            Conditions conditions = compileConditions(match);
            if (conditions == null) {
                continue;
            }
            // a rule's matches are consecutive in most hosts; a repeat further away is only listed twice
            if (match.rule() != last) {
                last = match.rule();
                lastCompiled = uses.acquireRule(last, this::compileRule);
                irRules.add(last);
                filterCount += filterCount(last);
            }
            CompiledRule rule = match.path().type() == IrPathMatch.Type.PREFIX
                    ? lastCompiled.reachedThroughPrefix(match.path().value())
                    : lastCompiled;
            matches.add(new CompiledMatch(match.name(), conditions.path(), conditions.headers(), conditions.query(),
                    match.method().orElse(null), rule));
            patternCount += patternCount(match);
        }
        return new CompiledUses.HostEntry(new CompiledVirtualHost(virtualHost.hostname(), matches, indexThreshold),
                irRules.toArray(new IrRule[0]), patternCount, filterCount);
    }

    private static int patternCount(IrRouteMatch match) {
        int count = match.path().type() == IrPathMatch.Type.REGULAR_EXPRESSION ? 1 : 0;
        for (IrHeaderMatch header : match.headers()) {
            count += header.type() == IrValueMatchType.REGULAR_EXPRESSION ? 1 : 0;
        }
        for (IrQueryParamMatch param : match.queryParams()) {
            count += param.type() == IrValueMatchType.REGULAR_EXPRESSION ? 1 : 0;
        }
        return count;
    }

    private static int filterCount(IrRule rule) {
        int count = rule.filters().size();
        for (IrBackend backend : rule.backends()) {
            count += backend.filters().size();
        }
        return count;
    }

    /** A match's compiled conditions, before its rule is attached. */
    private record Conditions(PathMatcher path, CompiledMatch.HeaderCondition[] headers,
            CompiledMatch.QueryCondition[] query) {}

    /** The match's conditions, or null when one of its expressions does not compile (logged). */
    private Conditions compileConditions(IrRouteMatch match) {
        try {
            PathMatcher path = PathMatcher.of(match.path(), this::pattern);
            CompiledMatch.HeaderCondition[] headers = new CompiledMatch.HeaderCondition[match.headers().size()];
            for (int i = 0; i < headers.length; i++) {
                IrHeaderMatch header = match.headers().get(i);
                headers[i] = new CompiledMatch.HeaderCondition(
                        AsciiString.of(header.name()), ValueMatcher.of(header.type(), header.value(), this::pattern));
            }
            CompiledMatch.QueryCondition[] query = new CompiledMatch.QueryCondition[match.queryParams().size()];
            for (int i = 0; i < query.length; i++) {
                IrQueryParamMatch param = match.queryParams().get(i);
                query[i] = new CompiledMatch.QueryCondition(
                        param.name(), ValueMatcher.of(param.type(), param.value(), this::pattern));
            }
            return new Conditions(path, headers, query);
        } catch (PatternSyntaxException e) {
            // The translator validates expressions; if one slips through, the match can never apply.
            LOG.warn("{}: invalid regular expression '{}' ({}); this match is skipped",
                    match.name(), e.getPattern(), e.getDescription());
            return null;
        }
    }

    private Pattern pattern(String regex) {
        return patterns.get(regex, Pattern::compile);
    }

    private CompiledRule compileRule(IrRule rule) {
        ProxyMetrics.RuleMetrics ruleMetrics = metrics.forRule(rule.name(), rule.ruleName().orElse(""));
        int status = rule.directResponseStatus();
        RuleRef ref = RuleRefs.of(rule.name(), rule.ruleName().orElse(""));
        List<HttpFilter> ruleFilters = createFilters(rule.name(), ref, "", rule.filters());
        if (ruleFilters == null) {
            return CompiledRule.direct(rule.name(), INTERNAL_SERVER_ERROR, ruleMetrics).named(rule.ruleName().orElse(""))
                    .identified(ref, false);
        }
        boolean buffersBody = needsBody(ruleFilters);
        List<CompiledBackend> backends = new ArrayList<>(rule.backends().size());
        Map<String, CompiledBackend> filterBackends = new HashMap<>();
        addFilterBackends(rule.filters(), filterBackends);
        for (int i = 0; i < rule.backends().size(); i++) {
            IrBackend backend = rule.backends().get(i);
            List<HttpFilter> backendFilters = createFilters(rule.name() + "/backend/" + i, ref, "backend/" + i,
                    backend.filters());
            int errorStatus = backendFilters == null && backend.errorStatus() == 0
                    ? INTERNAL_SERVER_ERROR
                    : backend.errorStatus();
            BackendTls tls = backendTls(rule.name() + "/backend/" + i, backend);
            if (backend.tls().isPresent() && tls == null && errorStatus == 0) {
                errorStatus = BAD_GATEWAY;
            }
            backends.add(new CompiledBackend(backend.name(), backend.weight(), errorStatus, endpoints(backend, tls),
                    backendFilters == null ? List.of() : backendFilters, health));
            addFilterBackends(backend.filters(), filterBackends);
            buffersBody |= backendFilters != null && needsBody(backendFilters);
        }
        CompiledRule compiled = new CompiledRule(rule.name(), ruleFilters, new WeightedBackendPicker(backends), status,
                ruleMetrics, filterBackends).named(rule.ruleName().orElse("")).identified(ref, buffersBody);
        return rule.sessionPersistence().isEmpty() ? compiled : compiled.withSessions(new StickySessions(
                rule.sessionPersistence().get(), rule.name(), backends, SessionTokens.PROCESS,
                System::currentTimeMillis));
    }

    /** Whether one of {@code created} reads the request body (asked once per compile, never per request). */
    private static boolean needsBody(List<HttpFilter> created) {
        for (HttpFilter filter : created) {
            if (filter.needsRequestBody()) {
                return true;
            }
        }
        return false;
    }

    /** The backends {@code irFilters} refer to (a mirror's), by name; the first of a name wins (they are equal). */
    private void addFilterBackends(List<IrFilter> irFilters, Map<String, CompiledBackend> out) {
        for (IrFilter filter : irFilters) {
            for (IrBackend backend : filter.backends()) {
                out.computeIfAbsent(backend.name(), name -> {
                    BackendTls tls = backendTls(name, backend);
                    int errorStatus = backend.tls().isPresent() && tls == null && backend.errorStatus() == 0
                            ? BAD_GATEWAY : backend.errorStatus();
                    return new CompiledBackend(name, backend.weight(), errorStatus, endpoints(backend, tls), List.of(),
                            health);
                });
            }
        }
    }

    /** The backend's TLS setup; null for clear text, or (logged) when its settings are unusable. */
    private BackendTls backendTls(String owner, IrBackend backend) {
        if (backend.tls().isEmpty()) {
            return null;
        }
        try {
            return backendTls.get(backend.tls().get());
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: {}: {}; its requests are answered 502", owner, backend.name(), e.getMessage());
            return null;
        }
    }

    private static List<BackendEndpoint> endpoints(IrBackend backend, BackendTls tls) {
        List<BackendEndpoint> endpoints = new ArrayList<>(backend.endpoints().size());
        for (IrEndpoint endpoint : backend.endpoints()) {
            endpoints.add(new BackendEndpoint(endpoint.address(), endpoint.port(), backend.appProtocol(), tls));
        }
        return endpoints;
    }

    /**
     * The runtime filters, or null when one of them cannot be created (the owner then answers 500). Each is the rule's
     * own ({@link FilterIdentity}): equal specs of two rules make two filters.
     *
     * @param position where the filters are within the rule: {@code ""} for the rule's, {@code backend/<i>} for a
     *     backendRef's
     */
    private List<HttpFilter> createFilters(String owner, RuleRef rule, String position, List<IrFilter> irFilters) {
        if (irFilters.isEmpty()) {
            return List.of();
        }
        List<HttpFilter> created = new ArrayList<>(irFilters.size());
        for (int i = 0; i < irFilters.size(); i++) {
            IrFilter filter = irFilters.get(i);
            HttpFilterFactory factory = registry.filterFactories().get(filter.key());
            if (factory == null) {
                LOG.warn("{}: filters[{}]: no loaded plugin provides {}; the rule answers 500",
                        owner, i, filter.key());
                return null;
            }
            try {
                created.add(filters.get(new FilterIdentity(rule, position, i, filter.key(), filter.spec()),
                        f -> requireNonNull(factory.create(f.spec(), f.rule()), "created filter")));
            } catch (RuntimeException e) {
                LOG.warn("{}: filters[{}]: {} could not create its filter ({}); the rule answers 500",
                        owner, i, filter.key(), e.toString());
                return null;
            }
        }
        return created;
    }

    /**
     * What a created filter depends on: its rule and place in it, its factory and spec (not the endpoints of its
     * backends). The rule and place make filters per rule (a retry budget is one rule's); everything in it is
     * compared by value, so a recompiled rule that did not change finds its filters (and their state) again.
     */
    private record FilterIdentity(RuleRef rule, String position, int index, FilterKey key, FilterSpec spec) {}
}
