package io.lintel.core.route;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles an {@link Ir} into a {@link CompiledRouteTable}: matchers with precompiled patterns, runtime filters
 * created by the plugins' factories, weighted backends, metrics handles.
 *
 * <p>Compilation is incremental. The translator hands out the same {@link IrVirtualHost} and {@link IrRule}
 * instances for what did not change, so the compiler remembers, from its previous compile only (memory stays
 * bounded by one table), which {@link CompiledVirtualHost} and {@link CompiledRule} it made of each instance (by
 * identity) and reuses them: a change to one route costs that route's virtual host plus the per-listener host maps.
 * Reused rules keep their filters and metrics handles. Below that, regular expressions are cached by value and
 * filters by rule identity and value (Caffeine, sized from the last IR so that a large table is not recompiled for
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
    private final Cache<String, Pattern> patterns = Caffeine.newBuilder().maximumSize(MIN_CACHE_SIZE).build();
    // Keyed by what create() reads, so that an endpoint change of a filter's backend keeps the filter.
    private final Cache<FilterIdentity, HttpFilter> filters = Caffeine.newBuilder().maximumSize(MIN_CACHE_SIZE).build();

    private final SslContextCache sslContexts;
    private final int indexThreshold;
    private final BackendTlsContexts backendTls = new BackendTlsContexts();

    /** What the previous compile made of each virtual host and rule instance; replaced by every compile. */
    private Generation previous = new Generation();
    /**
     * The generation before {@link #previous}, emptied: the next compile fills it again, so that a large table does
     * not allocate two large identity maps per compile (at 50 000 hosts they are megabyte arrays, costly to GC).
     */
    private Generation spare = new Generation();

    public RouteTableCompiler(PluginRegistry registry, ProxyMetrics metrics) {
        this(registry, metrics, new SslContextCache());
    }

    public RouteTableCompiler(PluginRegistry registry, ProxyMetrics metrics, SslContextCache sslContexts) {
        this(registry, metrics, sslContexts, CompiledVirtualHost.INDEX_THRESHOLD);
    }

    /**
     * @param indexThreshold virtual hosts with at least this many matches are indexed, smaller ones scanned (the
     *     benchmarks compare both; {@link Integer#MAX_VALUE} scans every host as before the index existed)
     */
    RouteTableCompiler(PluginRegistry registry, ProxyMetrics metrics, SslContextCache sslContexts, int indexThreshold) {
        this.registry = requireNonNull(registry, "registry");
        this.metrics = requireNonNull(metrics, "metrics");
        this.sslContexts = requireNonNull(sslContexts, "sslContexts");
        this.indexThreshold = indexThreshold;
    }

    public CompiledRouteTable compile(Ir ir) {
        requireNonNull(ir, "ir");
        // Rules are shared by several matches (one per matches[] entry): compile each IrRule instance once.
        Generation generation = spare.reusableFor(previous)
                ? spare.clear()
                : new Generation(previous.hosts.size(), previous.rules.size());
        Map<SocketKey, CompiledSocket> sockets = new HashMap<>();
        for (IrSocket socket : ir.sockets()) {
            SocketKey key = new SocketKey(socket.address(), socket.port());
            HostSelector.Builder<CompiledListener> listeners = HostSelector.builder();
            for (IrListener listener : socket.listeners()) {
                listeners.add(listener.hostname(), compileListener(listener, generation));
            }
            boolean terminatesTls = socket.protocol() == IrProtocol.HTTPS || socket.protocol() == IrProtocol.TLS;
            CompiledTls tls = terminatesTls ? compileTls(key, socket) : null;
            PassthroughRouter passthrough = socket.protocol() == IrProtocol.TLS ? PassthroughRouter.compile(socket) : null;
            CompiledRule misdirected = terminatedListeners(socket) > 1 ? misdirected() : null;
            CompiledTlsRoute tcpRoute = socket.protocol() == IrProtocol.TCP ? tcpRoute(socket) : null;
            if (sockets.putIfAbsent(key, new CompiledSocket(key, socket.protocol(), listeners.build(), tls, passthrough,
                    misdirected, tcpRoute)) != null) {
                LOG.warn("IR lists socket {} more than once; the first entry is used", key);
            }
        }
        CompiledRouteTable table =
                new CompiledRouteTable(sockets, CompiledRule.direct("none", 404, metrics.forRule("none")));
        spare = previous.clear(); // releases the IR instances only the older table used
        previous = generation;
        resizeCaches(generation);
        return table;
    }

    /**
     * Gives the caches room for everything the table uses (with a margin), so that recompiling a changed virtual
     * host of a large table finds its unchanged patterns and filters instead of recompiling them.
     */
    private void resizeCaches(Generation generation) {
        long patternRoom = Math.max(MIN_CACHE_SIZE, generation.patterns + generation.patterns / 4);
        long filterRoom = Math.max(MIN_CACHE_SIZE, generation.filters + generation.filters / 4);
        patterns.policy().eviction().ifPresent(eviction -> eviction.setMaximum(patternRoom));
        filters.policy().eviction().ifPresent(eviction -> eviction.setMaximum(filterRoom));
    }

    /** The compiled virtual host of the previous generation made of the same IR instance, or null (for tests). */
    CompiledVirtualHost previousVirtualHost(IrVirtualHost virtualHost) {
        HostEntry entry = previous.hosts.get(virtualHost);
        return entry == null ? null : entry.compiled();
    }

    /** The room of the regular-expression cache (for tests). */
    long patternCacheRoom() {
        return patterns.policy().eviction().orElseThrow().getMaximum();
    }

    /** How many rules the previous compile made or reused (for tests). */
    int previousRuleCount() {
        return previous.rules.size();
    }

    /**
     * A compiled virtual host with the rules of its matches ({@code rules[i]} compiled from {@code irRules[i]}), and
     * how many regular expressions and filters they use (for cache sizing; a rule shared by hosts counts in each).
     */
    private record HostEntry(CompiledVirtualHost compiled, IrRule[] irRules, CompiledRule[] rules, int patterns,
            int filters) {}

    /** What one compile made of each IR instance, by identity. */
    private static final class Generation {
        final Map<IrVirtualHost, HostEntry> hosts;
        final Map<IrRule, CompiledRule> rules;
        long patterns;
        long filters;

        Generation() {
            this(0, 0);
        }

        /** How many entries the maps held at most: they keep the capacity that needed. */
        private int peakHosts;
        private int peakRules;

        /** Sized for the previous generation's counts: a table rarely changes size much between compiles. */
        Generation(int expectedHosts, int expectedRules) {
            hosts = new IdentityHashMap<>(expectedHosts);
            rules = new IdentityHashMap<>(expectedRules);
        }

        /** Empties this generation for reuse (cheap when already empty). */
        Generation clear() {
            peakHosts = Math.max(peakHosts, hosts.size());
            peakRules = Math.max(peakRules, rules.size());
            if (!hosts.isEmpty()) {
                hosts.clear();
            }
            if (!rules.isEmpty()) {
                rules.clear();
            }
            patterns = 0;
            filters = 0;
            return this;
        }

        /**
         * Whether this (spare) generation's maps fit a table like {@code like}: not far smaller (they would grow
         * again) nor far larger (a table that shrank should not keep megabyte maps).
         */
        boolean reusableFor(Generation like) {
            return fits(peakHosts, like.hosts.size()) && fits(peakRules, like.rules.size());
        }

        private static boolean fits(int peak, int size) {
            return size <= peak && peak <= 4L * size + 64;
        }
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
     * The first route of the first listener with one: a TCP socket has no way to tell connections apart, so the
     * oldest TCPRoute (the IR lists it first) takes them all, as the Gateway API's conflict resolution says.
     */
    private static CompiledTlsRoute tcpRoute(IrSocket socket) {
        for (IrListener listener : socket.listeners()) {
            List<IrTlsRoute> routes = listener.passthrough().map(IrPassthrough::routes).orElse(List.of());
            if (!routes.isEmpty()) {
                return PassthroughRouter.compile(routes.get(0));
            }
        }
        return null;
    }

    private CompiledListener compileListener(IrListener listener, Generation generation) {
        HostSelector.Builder<CompiledVirtualHost> virtualHosts = HostSelector.builder(listener.virtualHosts().size());
        for (IrVirtualHost virtualHost : listener.virtualHosts()) {
            // Few map operations per reused host: with 50 000 of them, each costs a cache miss or two.
            HostEntry entry = previous.hosts.get(virtualHost);
            boolean reused = entry != null;
            if (!reused) {
                entry = generation.hosts.get(virtualHost); // the same instance in another listener
                if (entry == null) {
                    entry = compileVirtualHost(virtualHost, generation);
                }
            }
            if (generation.hosts.put(virtualHost, entry) == null) {
                generation.patterns += entry.patterns();
                generation.filters += entry.filters();
                if (reused) {
                    // a changed host of the next compile may still use these rules
                    for (int i = 0; i < entry.irRules().length; i++) {
                        generation.rules.put(entry.irRules()[i], entry.rules()[i]);
                    }
                }
            }
            virtualHosts.add(virtualHost.hostname(), entry.compiled());
        }
        return new CompiledListener(listener.name(), virtualHosts.build());
    }

    private HostEntry compileVirtualHost(IrVirtualHost virtualHost, Generation generation) {
        List<CompiledMatch> matches = new ArrayList<>(virtualHost.matches().size());
        List<IrRule> irRules = new ArrayList<>();
        List<CompiledRule> rules = new ArrayList<>();
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
                lastCompiled = rule(last, generation);
                irRules.add(last);
                rules.add(lastCompiled);
                filterCount += filterCount(last);
            }
            CompiledRule rule = match.path().type() == IrPathMatch.Type.PREFIX
                    ? lastCompiled.reachedThroughPrefix(match.path().value())
                    : lastCompiled;
            matches.add(new CompiledMatch(match.name(), conditions.path(), conditions.headers(), conditions.query(),
                    match.method().orElse(null), rule));
            patternCount += patternCount(match);
        }
        return new HostEntry(new CompiledVirtualHost(virtualHost.hostname(), matches, indexThreshold),
                irRules.toArray(new IrRule[0]), rules.toArray(new CompiledRule[0]), patternCount, filterCount);
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

    /** The rule compiled for {@code rule} in the previous compile, else in this one, else compiled now. */
    private CompiledRule rule(IrRule rule, Generation generation) {
        CompiledRule compiled = previous.rules.get(rule);
        if (compiled != null) {
            generation.rules.put(rule, compiled);
            return compiled;
        }
        compiled = generation.rules.get(rule);
        if (compiled == null) {
            compiled = compileRule(rule);
            generation.rules.put(rule, compiled);
        }
        return compiled;
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
                    backendFilters == null ? List.of() : backendFilters));
            addFilterBackends(backend.filters(), filterBackends);
            buffersBody |= backendFilters != null && needsBody(backendFilters);
        }
        return new CompiledRule(rule.name(), ruleFilters, new WeightedBackendPicker(backends), status, ruleMetrics,
                filterBackends).named(rule.ruleName().orElse("")).identified(ref, buffersBody);
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
                    return new CompiledBackend(name, backend.weight(), errorStatus, endpoints(backend, tls), List.of());
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
