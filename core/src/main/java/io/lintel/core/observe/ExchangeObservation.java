package io.lintel.core.observe;

import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledRule;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One exchange as the access log and tracing see it, made only when one of them is on ({@link ExchangeObserver}):
 * the request's facts, its trace context (W3C {@code traceparent}, parent-based sampling), and its backend attempts.
 * Each attempt's request carries a {@code traceparent} whose parent is the attempt's own span; a sampled exchange
 * ends as one server span and a client span per attempt. The client's {@code tracestate} passes through untouched
 * (removed only when its {@code traceparent} was missing or invalid, as the specification asks).
 *
 * <p>Event loop only: the exchange calls it as things happen; {@link #completed} hands the line and the spans to the
 * writer threads and makes the observation inert.
 */
public final class ExchangeObservation {

    private final ExchangeObserver observer;
    private final long startNanos;
    private final long startEpochNanos;
    private final String client;
    private final String protocol;
    private final String method;
    private final String authority;
    private final String path;

    // the trace: ids of the trace, of the caller's span (0: none) and of the exchange's span
    private final long traceHigh;
    private final long traceLow;
    private final long callerSpanId;
    private final long spanId;
    private final boolean sampled;
    private final boolean traced;
    private final String traceState;

    // the current backend attempt
    private int attempts;
    private String backend;
    private String endpointAddress;
    private int endpointPort;
    private long attemptStartNanos;
    private long attemptSpanId;
    private int attemptStatus;
    private long upstreamNanos = -1;
    private int flags;
    private boolean done;

    ExchangeObservation(ExchangeObserver observer, HttpRequest head, long startNanos, long startEpochNanos,
            String client, boolean http2) {
        this.observer = observer;
        this.startNanos = startNanos;
        this.startEpochNanos = startEpochNanos;
        this.client = client;
        this.protocol = http2 ? "HTTP/2" : head.protocolVersion().text();
        this.method = head.method().name();
        HttpHeaders headers = head.headers();
        this.authority = headers.get(io.netty.handler.codec.http.HttpHeaderNames.HOST);
        this.path = head.uri();
        TraceParent caller = TraceParent.parse(headers.get(TraceParent.HEADER));
        traced = observer.tracing();
        if (caller != null) {
            traceHigh = caller.traceIdHigh();
            traceLow = caller.traceIdLow();
            callerSpanId = caller.parentId();
            sampled = traced && caller.sampled();
            traceState = headers.get(TraceParent.STATE_HEADER);
        } else if (traced) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            traceHigh = random.nextLong();
            traceLow = nonZero(random.nextLong());
            callerSpanId = 0;
            sampled = observer.sampleNewTrace();
            traceState = null;
        } else {
            traceHigh = 0;
            traceLow = 0;
            callerSpanId = 0;
            sampled = false;
            traceState = null;
        }
        spanId = traced ? nonZero(ThreadLocalRandom.current().nextLong()) : 0;
    }

    /**
     * A backend attempt starts: sent to {@code endpoint} of {@code backend} with {@code request}, whose
     * {@code traceparent} names this attempt's span when tracing. Ends the previous attempt's span, if any.
     */
    public void attempt(HttpRequest request, String backendName, BackendEndpoint endpoint) {
        if (done) {
            return;
        }
        long now = System.nanoTime();
        endAttempt(now);
        attempts++;
        backend = backendName;
        endpointAddress = endpoint.address();
        endpointPort = endpoint.port();
        attemptStartNanos = now;
        attemptStatus = 0;
        upstreamNanos = -1;
        if (traced) {
            attemptSpanId = nonZero(ThreadLocalRandom.current().nextLong());
            HttpHeaders headers = request.headers();
            headers.set(TraceParent.HEADER, TraceParent.format(traceHigh, traceLow, attemptSpanId, sampled));
            if (traceState == null) {
                headers.remove(TraceParent.STATE_HEADER);
            }
        }
    }

    /** The current attempt's final response head arrived. */
    public void responseHead(int status) {
        if (!done && attempts > 0 && attemptStatus == 0) {
            attemptStatus = status;
            upstreamNanos = System.nanoTime() - attemptStartNanos;
        }
    }

    public void flag(ResponseFlag flag) {
        flags |= flag.bit();
    }

    /**
     * The exchange ended: answered ({@code status}), or not ({@code failed}: the client went away, or the response
     * broke off). Writes the access-log line and, when sampled, exports the spans. Later calls do nothing.
     *
     * @param status the response status, 0 when none was sent
     */
    public void completed(CompiledRule rule, int status, long bytesIn, long bytesOut, long durationNanos,
            boolean failed) {
        if (done) {
            return;
        }
        done = true;
        long endNanos = startNanos + durationNanos;
        endAttempt(endNanos);
        if (attempts > 1) {
            flags |= ResponseFlag.RETRIED.bit();
        }
        if (observer.logging()) {
            observer.log(new AccessLogRecord(startEpochNanos, durationNanos, client, protocol, method, authority,
                    path, status, bytesIn, bytesOut, rule.name(), rule.ruleName(), backend, endpointAddress,
                    endpointPort, upstreamNanos, attempts, traceHigh == 0 && traceLow == 0 ? null
                            : TraceParent.traceIdHex(traceHigh, traceLow), flags));
        }
        if (sampled) {
            StringBuilder flagText = new StringBuilder();
            ResponseFlag.append(flagText, flags, ",", false);
            int query = path.indexOf('?');
            observer.export(new SpanRecord(traceHigh, traceLow, spanId, callerSpanId, traceState,
                    method + " " + rule.name(), SpanRecord.SERVER, startEpochNanos, epoch(endNanos),
                    failed || status >= 500 || status == 0, new Object[] {
                        "http.request.method", method,
                        "url.path", query < 0 ? path : path.substring(0, query),
                        "url.query", query < 0 ? null : path.substring(query + 1),
                        "server.address", authority,
                        "client.address", client,
                        "network.protocol.version", protocol,
                        "http.response.status_code", status == 0 ? null : (long) status,
                        "http.request.body.size", bytesIn,
                        "http.response.body.size", bytesOut,
                        "gateway.rule", rule.name(),
                        "gateway.rule_name", rule.ruleName().isEmpty() ? null : rule.ruleName(),
                        "gateway.backend", backend,
                        "gateway.attempts", (long) attempts,
                        "gateway.response_flags", flagText.length() == 0 ? null : flagText.toString()
                    }));
        }
    }

    /** Ends the current attempt's span, if there is one and the trace is sampled. */
    private void endAttempt(long endNanos) {
        if (!sampled || attemptSpanId == 0) {
            return;
        }
        long id = attemptSpanId;
        attemptSpanId = 0;
        observer.export(new SpanRecord(traceHigh, traceLow, id, spanId, traceState, method + " " + backend,
                SpanRecord.CLIENT, epoch(attemptStartNanos), epoch(endNanos), attemptStatus == 0 || attemptStatus >= 500,
                new Object[] {
                    "http.request.method", method,
                    "server.address", endpointAddress,
                    "server.port", (long) endpointPort,
                    "http.response.status_code", attemptStatus == 0 ? null : (long) attemptStatus,
                    "gateway.backend", backend,
                    "gateway.attempt", (long) attempts
                }));
    }

    private long epoch(long nanoTime) {
        return startEpochNanos + (nanoTime - startNanos);
    }

    private static long nonZero(long id) {
        return id == 0 ? 1 : id;
    }
}
