package io.lintel.core.admin;

import static java.util.Objects.requireNonNull;

import io.lintel.core.ir.Ir;
import io.lintel.core.observe.ExchangeObserver;
import io.lintel.core.plugin.PluginReports;
import io.lintel.core.proxy.MirrorDropReason;
import io.lintel.core.proxy.ProxyMetrics;
import io.lintel.core.proxy.RelayKind;
import io.lintel.core.proxy.UdpDropReason;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lintel's Prometheus metrics, in a registry of its own (not the global default, so that two instances, e.g. in
 * tests, never share series):
 *
 * <ul>
 *   <li>{@code lintel_requests_total{rule,rule_name,code}}: finished requests by rule and response status; a series
 *       appears with the first request of that rule and code, and goes when the rule leaves the configuration;
 *   <li>{@code lintel_request_duration_seconds{rule,rule_name}}: time from the request headers' arrival to the end of
 *       the response, one series per <em>named</em> rule (GEP-995 {@code rules[].name}, at most
 *       {@link #DEFAULT_MAX_NAMED_RULE_HISTOGRAMS}) and one, {@code rule="other"}, for every other request;
 *   <li>{@code lintel_backend_connections}: open backend connections;
 *   <li>{@code lintel_backend_connections_opened_total}: backend connections ever opened;
 *   <li>{@code lintel_mirror_requests_total}: request copies (RequestMirror) the filters asked for;
 *   <li>{@code lintel_mirror_dropped_total{reason}}: copies given up, one series per {@link MirrorDropReason};
 *   <li>{@code lintel_client_connections}: open client connections, over all listeners;
 *   <li>{@code lintel_client_connections_refused_total}: client connections closed as soon as accepted because the
 *       connection limit was reached;
 *   <li>{@code lintel_client_connections_limit}: that limit (0: none);
 *   <li>{@code lintel_config_reloads_total{result}}: configuration reloads, {@code success} or {@code failure};
 *   <li>{@code lintel_config_problems}: problems in the current configuration;
 *   <li>{@code lintel_gateway_info{namespace,gateway,label_*}}: one series per Gateway, with its
 *       {@code spec.infrastructure.labels} ({@link GatewayInfrastructureInfo});
 *   <li>{@code lintel_udp_flows}: open UDP flows (one per client address:port of a UDP listener);
 *   <li>{@code lintel_udp_flows_opened_total}: UDP flows ever started;
 *   <li>{@code lintel_udp_datagrams_dropped_total{reason}}: datagrams the UDP relay dropped, one series per
 *       {@link UdpDropReason};
 *   <li>{@code lintel_access_log_dropped_total}: access-log lines dropped because the log could not keep up;
 *   <li>{@code lintel_tracing_spans_exported_total}, {@code lintel_tracing_spans_dropped_total{reason}}: spans sent
 *       to the OTLP collector, and spans lost ({@code queue_full}, {@code export_failed});
 *   <li>{@code lintel_backend_retries_total}: attempts after the first (retries);
 *   <li>{@code lintel_timeouts_total{kind}}: timeouts that expired, {@code request} or {@code backend_request};
 *   <li>{@code lintel_config_reload_duration_seconds}: from a snapshot to the data plane serving it;
 *   <li>{@code lintel_relay_connections{kind}}, {@code lintel_relay_connections_opened_total{kind}},
 *       {@code lintel_relay_bytes_total{kind,direction}}: TCPRoute and TLSRoute connections relayed
 *       ({@link RelayKind});
 *   <li>{@code lintel_udp_datagrams_total{direction}}, {@code lintel_udp_bytes_total{direction}}: datagrams relayed.
 *   <li>the metrics plugins registered through {@link io.lintel.spi.PluginReporting} ({@link #register}).
 * </ul>
 *
 * <p>Bounded: a rule costs a small handle until it has traffic, then one counter per status code it answered; a
 * histogram (19 lines of exposition) only for the first named rules. {@link #retainRules(Ir)} after each reload
 * drops the series of rules that left the configuration.
 *
 * <p>Thread-safe. {@link #forRule} is meant to be called when a route table is compiled: the handle it returns
 * caches the rule's data points, so recording a request does no map lookup, allocation or string building once
 * the rule has answered each of its status codes once.
 */
@Singleton
public final class GatewayMetrics implements ProxyMetrics {

    /** How many named rules get a latency histogram of their own; later ones are observed in {@code rule="other"}. */
    public static final int DEFAULT_MAX_NAMED_RULE_HISTOGRAMS = 100;

    /** The {@code rule} label of the latency series of every request whose rule has no histogram of its own. */
    public static final String OTHER_RULES = "other";

    /** Rule names the data plane uses besides the IR's (no route matched; TLS name of another listener): always live. */
    private static final Set<String> BUILT_IN_RULES = Set.of("none", "misdirected");

    /** Latency buckets for a proxy: sub-millisecond local hops up to slow backends and long timeouts. */
    private static final double[] DURATION_BUCKETS_SECONDS = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
    };

    private static final Logger LOG = LoggerFactory.getLogger(GatewayMetrics.class);

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter textWriter = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram requestDuration;
    private final Gauge backendConnections;
    private final Counter backendConnectionsOpened;
    private final Counter mirrorRequests;
    private final Counter requestBodiesNotReplayable;
    /** Indexed by {@link MirrorDropReason#ordinal()}: made up front, so that a drop looks nothing up. */
    private final CounterDataPoint[] mirrorDrops;
    private final Gauge udpFlows;
    private final Counter udpFlowsOpened;
    private final CounterDataPoint[] udpDrops;
    private final CounterDataPoint reloadSuccesses;
    private final CounterDataPoint reloadFailures;
    private final Gauge configProblems;
    private final Gauge clientConnections;
    private final Counter clientConnectionsRefused;
    private final Gauge clientConnectionLimit;
    private final Counter backendRetries;
    private final Histogram reloadDuration;
    /** Indexed by {@link RelayKind#ordinal()}. */
    private final GaugeDataPoint[] relayConnections;
    private final CounterDataPoint[] relayConnectionsOpened;
    /** Indexed by {@code 2 * RelayKind.ordinal() + (toBackend ? 0 : 1)}. */
    private final CounterDataPoint[] relayBytes;
    private final CounterDataPoint[] udpDatagrams;
    private final CounterDataPoint[] udpBytes;
    private final CounterDataPoint requestTimeouts;
    private final CounterDataPoint backendRequestTimeouts;
    /** Read by {@code lintel_backend_endpoints_ejected}; none until the data plane says where. */
    private volatile IntSupplier ejectedEndpoints = () -> 0;
    /** Read by {@code lintel_backend_endpoints_unhealthy}; none until the data plane says where. */
    private volatile Supplier<Map<String, Integer>> unhealthyEndpoints = Map::of;
    private final GatewayInfrastructureInfo gatewayInfo = new GatewayInfrastructureInfo();
    private final ConcurrentMap<RuleKey, RuleHandle> rules = new ConcurrentHashMap<>();
    private final Set<RuleKey> createdSinceRetain = ConcurrentHashMap.newKeySet();
    private final LiveRules<RuleKey> liveRules = new LiveRules<>(
            match -> new RuleKey(match.rule().name(), match.rule().ruleName().orElse("")));
    private final int maxNamedRuleHistograms;
    private final AtomicInteger namedRuleHistograms = new AtomicInteger();
    private volatile DistributionDataPoint otherDuration;
    private volatile boolean warnedHistogramLimit;

    @Inject
    public GatewayMetrics() {
        this(DEFAULT_MAX_NAMED_RULE_HISTOGRAMS);
    }

    /** @param maxNamedRuleHistograms how many named rules get a latency histogram of their own (0: none) */
    public GatewayMetrics(int maxNamedRuleHistograms) {
        if (maxNamedRuleHistograms < 0) {
            throw new IllegalArgumentException("maxNamedRuleHistograms: " + maxNamedRuleHistograms + " (expected: >= 0)");
        }
        this.maxNamedRuleHistograms = maxNamedRuleHistograms;
        // Exemplars are off: they would look up a tracing span (OpenTelemetry's, which Lintel does not use) per request.
        requests = Counter.builder()
                .name("lintel_requests_total")
                .help("Requests answered, by route rule and response status code")
                .labelNames("rule", "rule_name", "code")
                .withoutExemplars()
                .register(registry);
        requestDuration = Histogram.builder()
                .name("lintel_request_duration_seconds")
                .help("Time from a request's headers arriving to its response ending, by named route rule"
                        + " (rule=\"other\": every request of an unnamed rule)")
                .unit(Unit.SECONDS)
                .labelNames("rule", "rule_name")
                .classicOnly()
                .classicUpperBounds(DURATION_BUCKETS_SECONDS)
                .withoutExemplars()
                .register(registry);
        backendConnections = Gauge.builder()
                .name("lintel_backend_connections")
                .help("Open connections to backends")
                .withoutExemplars()
                .register(registry);
        backendConnectionsOpened = Counter.builder()
                .name("lintel_backend_connections_opened_total")
                .help("Connections to backends opened since start")
                .withoutExemplars()
                .register(registry);
        mirrorRequests = Counter.builder()
                .name("lintel_mirror_requests_total")
                .help("Request copies (RequestMirror) the filters asked for; each completes or is counted once in"
                        + " lintel_mirror_dropped_total")
                .withoutExemplars()
                .register(registry);
        Counter mirrorDropped = Counter.builder()
                .name("lintel_mirror_dropped_total")
                .help("Request copies given up, by reason: slow (mirror behind by more than its bound), connect,"
                        + " overload (too many in flight), aborted (request ended before its body), timeout, error")
                .labelNames("reason")
                .withoutExemplars()
                .register(registry);
        MirrorDropReason[] reasons = MirrorDropReason.values();
        mirrorDrops = new CounterDataPoint[reasons.length];
        for (MirrorDropReason reason : reasons) {
            mirrorDrops[reason.ordinal()] = mirrorDropped.labelValues(reason.label());
        }
        udpFlows = Gauge.builder()
                .name("lintel_udp_flows")
                .help("Open UDP flows (one per client address:port of a UDP listener)")
                .withoutExemplars()
                .register(registry);
        udpFlowsOpened = Counter.builder()
                .name("lintel_udp_flows_opened_total")
                .help("UDP flows started since start")
                .withoutExemplars()
                .register(registry);
        Counter udpDropped = Counter.builder()
                .name("lintel_udp_datagrams_dropped_total")
                .help("Datagrams the UDP relay dropped, by reason: flow_limit (udp.maxFlowsPerListener), oversized"
                        + " (udp.maxDatagramBytes), no_route (no route or usable backend), overload (socket full)")
                .labelNames("reason")
                .withoutExemplars()
                .register(registry);
        UdpDropReason[] udpReasons = UdpDropReason.values();
        udpDrops = new CounterDataPoint[udpReasons.length];
        for (UdpDropReason reason : udpReasons) {
            udpDrops[reason.ordinal()] = udpDropped.labelValues(reason.label());
        }
        requestBodiesNotReplayable = Counter.builder()
                .name("lintel_request_body_not_replayable_total")
                .help("Request bodies of rules with filters that outgrew the bound kept for a retry"
                        + " (lintel.retry.maxBodyBytes): streamed once, never retried")
                .withoutExemplars()
                .register(registry);
        Counter reloads = Counter.builder()
                .name("lintel_config_reloads_total")
                .help("Configuration reloads, by result: success (served) or failure (the previous configuration kept serving)")
                .labelNames("result")
                .withoutExemplars()
                .register(registry);
        reloadSuccesses = reloads.labelValues("success");
        reloadFailures = reloads.labelValues("failure");
        clientConnections = Gauge.builder()
                .name("lintel_client_connections")
                .help("Open client connections, over all listeners")
                .withoutExemplars()
                .register(registry);
        clientConnectionsRefused = Counter.builder()
                .name("lintel_client_connections_refused_total")
                .help("Client connections closed as soon as accepted: the connection limit was reached")
                .withoutExemplars()
                .register(registry);
        clientConnectionLimit = Gauge.builder()
                .name("lintel_client_connections_limit")
                .help("Client connections allowed open at once over all listeners (lintel.connections.max; 0: none)")
                .withoutExemplars()
                .register(registry);
        registry.register(gatewayInfo);
        GaugeWithCallback.builder()
                .name("lintel_backend_endpoints_ejected")
                .help("Backend endpoints passive health has ejected now (docs/backend-health.md)")
                .callback(callback -> callback.call(ejectedEndpoints.getAsInt()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("lintel_backend_endpoints_unhealthy")
                .help("Endpoints active health checks (BackendHealthPolicy) found unhealthy now, per backend they check"
                        + " (docs/backend-health.md)")
                .labelNames("backend")
                .callback(callback -> unhealthyEndpoints.get().forEach((backend, count) -> callback.call(count, backend)))
                .register(registry);
        configProblems = Gauge.builder()
                .name("lintel_config_problems")
                .help("Problems in the current configuration (see the admin server's /status)")
                .withoutExemplars()
                .register(registry);
        CounterWithCallback.builder()
                .name("lintel_access_log_dropped_total")
                .help("Access-log lines dropped because the log could not keep up (lintel.accessLog.queueCapacity)")
                .callback(callback -> callback.call(ExchangeObserver.accessLogDropped()))
                .register(registry);
        CounterWithCallback.builder()
                .name("lintel_tracing_spans_exported_total")
                .help("Spans the OTLP collector accepted (lintel.tracing.otlpEndpoint)")
                .callback(callback -> callback.call(ExchangeObserver.spansExported()))
                .register(registry);
        CounterWithCallback.builder()
                .name("lintel_tracing_spans_dropped_total")
                .help("Spans not exported, by reason: queue_full (lintel.tracing.queueCapacity), export_failed"
                        + " (collector unreachable, refusing or too slow)")
                .labelNames("reason")
                .callback(callback -> {
                    callback.call(ExchangeObserver.spansDropped("queue_full"), "queue_full");
                    callback.call(ExchangeObserver.spansDropped("export_failed"), "export_failed");
                })
                .register(registry);
        reloadDuration = Histogram.builder()
                .name("lintel_config_reload_duration_seconds")
                .help("Time from a new configuration snapshot to the data plane serving it (translation and apply)")
                .unit(Unit.SECONDS)
                .classicOnly()
                .classicUpperBounds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
                .withoutExemplars()
                .register(registry);
        Gauge relayOpen = Gauge.builder()
                .name("lintel_relay_connections")
                .help("Open relayed connections (TCPRoute, TLSRoute), by kind: tcp, tls_passthrough, tls_terminate")
                .labelNames("kind")
                .withoutExemplars()
                .register(registry);
        Counter relayOpened = Counter.builder()
                .name("lintel_relay_connections_opened_total")
                .help("Connections relayed to a backend since start, by kind: tcp, tls_passthrough, tls_terminate")
                .labelNames("kind")
                .withoutExemplars()
                .register(registry);
        Counter relayed = Counter.builder()
                .name("lintel_relay_bytes_total")
                .help("Bytes relayed, by kind and direction (to_backend, to_client)")
                .labelNames("kind", "direction")
                .withoutExemplars()
                .register(registry);
        RelayKind[] kinds = RelayKind.values();
        relayConnections = new GaugeDataPoint[kinds.length];
        relayConnectionsOpened = new CounterDataPoint[kinds.length];
        relayBytes = new CounterDataPoint[kinds.length * 2];
        for (RelayKind kind : kinds) {
            relayConnections[kind.ordinal()] = relayOpen.labelValues(kind.label());
            relayConnectionsOpened[kind.ordinal()] = relayOpened.labelValues(kind.label());
            relayBytes[2 * kind.ordinal()] = relayed.labelValues(kind.label(), "to_backend");
            relayBytes[2 * kind.ordinal() + 1] = relayed.labelValues(kind.label(), "to_client");
        }
        Counter datagrams = Counter.builder()
                .name("lintel_udp_datagrams_total")
                .help("Datagrams the UDP relay passed on, by direction (to_backend, to_client)")
                .labelNames("direction")
                .withoutExemplars()
                .register(registry);
        Counter datagramBytes = Counter.builder()
                .name("lintel_udp_bytes_total")
                .help("Bytes of the datagrams the UDP relay passed on, by direction (to_backend, to_client)")
                .labelNames("direction")
                .withoutExemplars()
                .register(registry);
        udpDatagrams = new CounterDataPoint[] {datagrams.labelValues("to_backend"), datagrams.labelValues("to_client")};
        udpBytes = new CounterDataPoint[] {datagramBytes.labelValues("to_backend"),
            datagramBytes.labelValues("to_client")};
        backendRetries = Counter.builder()
                .name("lintel_backend_retries_total")
                .help("Requests sent to a backend again by a retry (attempts after the first)")
                .withoutExemplars()
                .register(registry);
        Counter timeouts = Counter.builder()
                .name("lintel_timeouts_total")
                .help("Timeouts that expired, by kind: request (504; the rule's timeouts.request or"
                        + " lintel.route.defaultTimeoutSeconds), backend_request (an attempt's timeouts.backendRequest)")
                .labelNames("kind")
                .withoutExemplars()
                .register(registry);
        requestTimeouts = timeouts.labelValues("request");
        backendRequestTimeouts = timeouts.labelValues("backend_request");
    }

    @Override
    public RuleMetrics forRule(String ruleName) {
        return forRule(ruleName, "");
    }

    /** Labels the rule's data points with {@code rule} and {@code rule_name} (GEP-995; empty when unnamed). */
    @Override
    public RuleMetrics forRule(String rule, String ruleName) {
        requireNonNull(rule, "rule");
        requireNonNull(ruleName, "ruleName");
        RuleKey key = new RuleKey(rule, ruleName);
        RuleHandle handle = rules.get(key);
        if (handle == null) {
            handle = rules.computeIfAbsent(key, this::newHandle);
            createdSinceRetain.add(key);
        }
        return handle;
    }

    private RuleHandle newHandle(RuleKey key) {
        boolean ownHistogram = false;
        if (!key.ruleName().isEmpty()) {
            if (namedRuleHistograms.incrementAndGet() <= maxNamedRuleHistograms) {
                ownHistogram = true;
            } else {
                namedRuleHistograms.decrementAndGet();
                if (!warnedHistogramLimit) {
                    warnedHistogramLimit = true;
                    LOG.warn("More than {} named rules: the latency of {} and later ones is counted in "
                            + "lintel_request_duration_seconds{{rule=\"{}\"}}", maxNamedRuleHistograms, key.rule(), OTHER_RULES);
                }
            }
        }
        return new RuleHandle(key, ownHistogram);
    }

    /**
     * Forgets the rules that are not in {@code ir} (nor {@code none}/{@code misdirected}): their series leave
     * {@code /metrics}, and their histogram slot goes to the next named rule. Call it after each reload, once the
     * data plane serves {@code ir}. A handle of a forgotten rule that still records a late request (one that was in
     * flight during the reload) passes it on to the handle of the same rule if a later configuration brought it back,
     * and otherwise drops it; it never creates a series again.
     */
    public synchronized void retainRules(Ir ir) {
        int removed = 0;
        Set<RuleKey> gone = liveRules.update(ir);
        // rules that left, and rules asked for since the last call that no configuration reaches
        for (RuleKey key : createdSinceRetain) {
            if (!liveRules.contains(key)) {
                gone.add(key);
            }
        }
        createdSinceRetain.clear();
        for (RuleKey key : gone) {
            RuleHandle handle = BUILT_IN_RULES.contains(key.rule()) ? null : rules.remove(key);
            if (handle != null) {
                handle.retire();
                removed++;
            }
        }
        if (removed > 0) {
            LOG.debug("Removed the metrics of {} rules no longer configured; {} rules remain", removed, rules.size());
        }
    }

    /**
     * Forgets the rules whose name ({@code IrRule.name()}) is not in {@code liveRules} (nor
     * {@code none}/{@code misdirected}), whatever their GEP-995 name; see {@link #retainRules(Ir)}.
     */
    public void retainRules(Set<String> liveRules) {
        requireNonNull(liveRules, "liveRules");
        retain(key -> liveRules.contains(key.rule()) || BUILT_IN_RULES.contains(key.rule()));
    }

    private void retain(Predicate<RuleKey> live) {
        int removed = 0;
        for (RuleHandle handle : rules.values()) {
            if (!live.test(handle.key) && rules.remove(handle.key, handle)) {
                handle.retire();
                removed++;
            }
        }
        if (removed > 0) {
            LOG.debug("Removed the metrics of {} rules no longer configured; {} rules remain", removed, rules.size());
        }
    }

    /** How many rules have a handle (for tests and diagnostics). */
    int ruleCount() {
        return rules.size();
    }

    private record RuleKey(String rule, String ruleName) {
        // written out (the record's value): the record's own goes through method handles, slow while still
        // interpreted, and the first route table of 10 000 routes looks up 30 000 rules
        @Override
        public int hashCode() {
            return rule.hashCode() * 31 + ruleName.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return this == other
                    || other instanceof RuleKey key && rule.equals(key.rule) && ruleName.equals(key.ruleName);
        }
    }

    @Override
    public void backendConnectionOpened() {
        backendConnections.inc();
        backendConnectionsOpened.inc();
    }

    @Override
    public void backendConnectionClosed() {
        backendConnections.dec();
    }

    @Override
    public void mirrorRequested() {
        mirrorRequests.inc();
    }

    @Override
    public void mirrorDropped(MirrorDropReason reason) {
        mirrorDrops[reason.ordinal()].inc();
    }

    @Override
    public void requestBodyNotReplayable() {
        requestBodiesNotReplayable.inc();
    }

    @Override
    public void relayOpened(RelayKind kind) {
        relayConnections[kind.ordinal()].inc();
        relayConnectionsOpened[kind.ordinal()].inc();
    }

    @Override
    public void relayClosed(RelayKind kind) {
        relayConnections[kind.ordinal()].dec();
    }

    @Override
    public void relayedBytes(RelayKind kind, boolean toBackend, long bytes) {
        relayBytes[2 * kind.ordinal() + (toBackend ? 0 : 1)].inc(bytes);
    }

    @Override
    public void udpRelayed(boolean toBackend, int bytes) {
        int direction = toBackend ? 0 : 1;
        udpDatagrams[direction].inc();
        udpBytes[direction].inc(bytes);
    }

    @Override
    public void backendRetried() {
        backendRetries.inc();
    }

    @Override
    public void timedOut(String kind) {
        (kind.equals("request") ? requestTimeouts : backendRequestTimeouts).inc();
    }

    @Override
    public void clientConnectionOpened() {
        clientConnections.inc();
    }

    @Override
    public void clientConnectionClosed() {
        clientConnections.dec();
    }

    @Override
    public void clientConnectionRefused() {
        clientConnectionsRefused.inc();
    }

    @Override
    public void ejectedEndpoints(IntSupplier count) {
        ejectedEndpoints = requireNonNull(count, "count");
    }

    @Override
    public void unhealthyEndpoints(Supplier<Map<String, Integer>> byBackend) {
        unhealthyEndpoints = requireNonNull(byBackend, "byBackend");
    }

    @Override
    public void clientConnectionLimit(int limit) {
        clientConnectionLimit.set(limit);
    }

    @Override
    public void udpFlowOpened() {
        udpFlows.inc();
        udpFlowsOpened.inc();
    }

    @Override
    public void udpFlowClosed() {
        udpFlows.dec();
    }

    @Override
    public void udpDatagramDropped(UdpDropReason reason) {
        udpDrops[reason.ordinal()].inc();
    }

    /** Counts one configuration reload: {@code ok} when the new configuration is served, else a failure. */
    public void reloaded(boolean ok) {
        (ok ? reloadSuccesses : reloadFailures).inc();
    }

    /** Counts one reload, and how long it took from the new snapshot to the data plane serving it. */
    public void reloaded(boolean ok, long durationNanos) {
        reloaded(ok);
        reloadDuration.observe(durationNanos / 1e9);
    }

    /** Sets the number of problems in the current configuration. */
    /**
     * The Gateways of the configuration now served (those with a status) and the documents they come from, for
     * {@code lintel_gateway_info} ({@link GatewayInfrastructureInfo}).
     */
    public void gatewaysServed(Collection<ResourceKey> gateways, Map<ResourceKey, KubernetesDocument> documents) {
        gatewayInfo.update(gateways, documents);
    }

    /**
     * Adds the metrics plugins registered ({@link io.lintel.spi.PluginReporting}); each is read from the plugin at
     * every scrape. Call once, after the plugins are loaded.
     */
    public void register(PluginReports reports) {
        for (PluginReports.Metric metric : reports.metrics()) {
            String help = metric.help() + " (plugin " + metric.plugin() + ")";
            if (metric.kind() == PluginReports.Metric.Kind.GAUGE) {
                GaugeWithCallback.builder().name(metric.name()).help(help)
                        .callback(callback -> metric.valueByLabel().values()
                                .forEach(value -> callback.call(value.getAsLong())))
                        .register(registry);
            } else if (metric.label().isEmpty()) {
                CounterWithCallback.builder().name(metric.name()).help(help)
                        .callback(callback -> metric.valueByLabel().values()
                                .forEach(value -> callback.call(value.getAsLong())))
                        .register(registry);
            } else {
                CounterWithCallback.builder().name(metric.name()).help(help).labelNames(metric.label())
                        .callback(callback -> metric.valueByLabel()
                                .forEach((label, value) -> callback.call(value.getAsLong(), label)))
                        .register(registry);
            }
        }
    }

    public void configProblems(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
        }
        configProblems.set(count);
    }

    /** The registry holding these metrics, e.g. to add JVM metrics to it. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** The {@code Content-Type} of what {@link #writeText} writes. */
    public String textContentType() {
        return textWriter.getContentType();
    }

    /**
     * Writes every metric in the Prometheus text exposition format (version 0.0.4). Takes a snapshot of every
     * series first, so call it off event loops at scale (the admin server does); {@code out} is flushed, not closed.
     */
    public void writeText(OutputStream out) throws IOException {
        textWriter.write(out, registry.scrape());
    }

    private DistributionDataPoint otherDuration() {
        DistributionDataPoint point = otherDuration;
        if (point == null) {
            // Racing loops get the same data point from the histogram.
            point = requestDuration.labelValues(OTHER_RULES, "");
            otherDuration = point;
        }
        return point;
    }

    /** The counter of one status code of a rule. */
    private record CodeCounter(int code, CounterDataPoint counter) {}

    /**
     * The data points of one rule, made on first use: a counter per status code it answered (cached by status class
     * in a copy-on-write array of the few codes each class sees) and, for a named rule within the limit, a histogram.
     */
    private final class RuleHandle implements RuleMetrics {

        private static final CodeCounter[] NO_CODES = new CodeCounter[0];

        private final RuleKey key;
        private final boolean ownHistogram;
        // Indexed by slot(status); written under the handle's lock, read without it.
        private final AtomicReferenceArray<CodeCounter[]> byClass = new AtomicReferenceArray<>(11);
        private volatile DistributionDataPoint duration;
        private volatile boolean retired;

        RuleHandle(RuleKey key, boolean ownHistogram) {
            this.key = key;
            this.ownHistogram = ownHistogram;
        }

        @Override
        public void requestCompleted(int status, long durationNanos) {
            if (retired) {
                RuleHandle successor = rules.get(key);
                if (successor != null && successor != this) {
                    successor.requestCompleted(status, durationNanos);
                }
                return;
            }
            CounterDataPoint counter = counterFor(status);
            DistributionDataPoint histogram = durationPoint();
            if (counter != null) {
                counter.inc();
            }
            if (histogram != null) {
                histogram.observe(durationNanos / 1e9);
            }
        }

        /** The status class (0 to 9), or 10 for a number that is no HTTP status at all. */
        private static int slot(int status) {
            return status >= 0 && status <= 999 ? status / 100 : 10;
        }

        private CounterDataPoint counterFor(int status) {
            CodeCounter[] codes = byClass.get(slot(status));
            if (codes != null) {
                for (CodeCounter code : codes) {
                    if (code.code() == status) {
                        return code.counter();
                    }
                }
            }
            return newCounter(status);
        }

        /** The first request of a code: create its series unless the rule was retired meanwhile. */
        private synchronized CounterDataPoint newCounter(int status) {
            if (retired) {
                return null;
            }
            int index = slot(status);
            CodeCounter[] codes = byClass.get(index);
            codes = codes == null ? NO_CODES : codes;
            for (CodeCounter code : codes) {
                if (code.code() == status) {
                    return code.counter();
                }
            }
            CounterDataPoint counter = requests.labelValues(key.rule(), key.ruleName(), Integer.toString(status));
            CodeCounter[] grown = Arrays.copyOf(codes, codes.length + 1);
            grown[codes.length] = new CodeCounter(status, counter);
            byClass.set(index, grown);
            return counter;
        }

        private DistributionDataPoint durationPoint() {
            if (!ownHistogram) {
                return otherDuration();
            }
            DistributionDataPoint point = duration;
            return point != null ? point : newDuration();
        }

        private synchronized DistributionDataPoint newDuration() {
            if (retired) {
                return null;
            }
            if (duration == null) {
                duration = requestDuration.labelValues(key.rule(), key.ruleName());
            }
            return duration;
        }

        /** Removes the rule's series; later requests on this handle create none. */
        synchronized void retire() {
            retired = true;
            for (int i = 0; i < byClass.length(); i++) {
                CodeCounter[] codes = byClass.get(i);
                if (codes != null) {
                    for (CodeCounter code : codes) {
                        requests.remove(key.rule(), key.ruleName(), Integer.toString(code.code()));
                    }
                }
            }
            if (ownHistogram) {
                if (duration != null) {
                    requestDuration.remove(key.rule(), key.ruleName());
                }
                namedRuleHistograms.decrementAndGet();
            }
        }
    }
}
