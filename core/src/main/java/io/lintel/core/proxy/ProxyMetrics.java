package io.lintel.core.proxy;

import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Where the data plane records what it did. Implementations are thread-safe and cheap: the data plane calls
 * {@link #forRule} when it compiles a route table, and the returned handle on every request.
 */
public interface ProxyMetrics {

    ProxyMetrics NOOP = ruleName -> RuleMetrics.NOOP;

    /** The handle for one rule ({@code IrRule.name()}, or {@code "none"} for requests no route matched). */
    RuleMetrics forRule(String ruleName);

    /**
     * The handle for one rule that may carry a name of its own (GEP-995 {@code rules[].name}, {@code ""} when
     * unnamed), so that metrics can be found by that stable name as well as by the rule's position. Defaults to
     * {@link #forRule(String)}, ignoring the name.
     */
    default RuleMetrics forRule(String rule, String ruleName) {
        return forRule(rule);
    }

    default void backendConnectionOpened() {}

    default void backendConnectionClosed() {}

    /** A filter asked for a request copy (mirror); it either completes or is counted once by {@link #mirrorDropped}. */
    default void mirrorRequested() {}

    /** A request copy was given up, for {@code reason}. */
    default void mirrorDropped(MirrorDropReason reason) {}

    /**
     * A request body outgrew the bound kept for a replay ({@code lintel.retry.maxBodyBytes}) on a rule with filters:
     * it was streamed once and can no longer be retried. Counted once per request.
     */
    default void requestBodyNotReplayable() {}

    /** An exchange sent its request to a backend again (a retry filter's new attempt). */
    default void backendRetried() {}

    /** A timeout expired: {@code request} (the rule's or the default request timeout) or {@code backend_request}. */
    default void timedOut(String kind) {}

    /** A client connection was accepted and is served (it is counted until {@link #clientConnectionClosed}). */
    default void clientConnectionOpened() {}

    default void clientConnectionClosed() {}

    /** A client connection was closed as soon as accepted: the connection limit was reached. */
    default void clientConnectionRefused() {}

    /** The limit on client connections open at once over all listeners (0: none). */
    default void clientConnectionLimit(int limit) {}

    /** Where {@code /metrics} reads how many backend endpoints passive health has ejected now. */
    default void ejectedEndpoints(IntSupplier count) {}

    /** Where to read, per backend ({@code namespace/service:port}) checked actively, its endpoints found unhealthy. */
    default void unhealthyEndpoints(Supplier<Map<String, Integer>> byBackend) {}

    /** A connection of {@code kind} is relayed to its backend (counted until {@link #relayClosed}). */
    default void relayOpened(RelayKind kind) {}

    default void relayClosed(RelayKind kind) {}

    /** A relay passed on {@code bytes}, to the backend or to the client. */
    default void relayedBytes(RelayKind kind, boolean toBackend, long bytes) {}

    /** The UDP relay passed on a datagram of {@code bytes}, to the backend or to the client. */
    default void udpRelayed(boolean toBackend, int bytes) {}

    /** A UDP flow started (it is counted until {@link #udpFlowClosed}). */
    default void udpFlowOpened() {}

    default void udpFlowClosed() {}

    /** The UDP relay dropped a datagram, for {@code reason}. */
    default void udpDatagramDropped(UdpDropReason reason) {}

    /**
     * Per-rule request metrics. A handle may outlive its rule (a request still in flight when a reload removes the
     * rule records on it afterwards): implementations must accept that without failing or leaking.
     */
    interface RuleMetrics {

        RuleMetrics NOOP = (status, durationNanos) -> {};

        /** One request finished with {@code status} after {@code durationNanos} from its headers' arrival. */
        void requestCompleted(int status, long durationNanos);
    }
}
