package io.lintel.core.proxy;

import io.lintel.core.observe.ExchangeObservation;
import io.lintel.core.observe.ExchangeObserver;
import io.lintel.core.observe.ResponseFlag;
import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledBackend;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.CompiledRule;
import io.lintel.core.route.StickySessions;
import io.lintel.spi.filter.CalloutRequest;
import io.lintel.spi.filter.CalloutResponse;
import io.lintel.spi.filter.ExchangeOutcome;
import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request and its response: routes the request with the table current when its head arrived, runs the rule's
 * filters, sends the request to a backend (again, when a filter retries), and streams the response to the client.
 * A new exchange is made for each request; the {@link ProxyHandler} of the connection (or HTTP/2 stream) keeps only
 * what outlives a request: read interest, pipelining, the upgrade to a tunnel.
 *
 * <p>Everything that may run late (a timer, a connect, a filter's stage or retry, a mirror, a backend connection's
 * events) holds the exchange it was started for and does nothing once that exchange has {@linkplain Phase#ENDED
 * ended}: one request's state can never reach the next one's. Where attempts of the same exchange must be told
 * apart, a connect and a deferred backend step hold their {@link BackendAttempt} and go on only while it is the
 * current one, and a backend timer names its attempt's number. The attempt keeps what concerns its backend
 * connection (getting it, writing the request to it, pooling or closing it); the exchange decides.
 *
 * <p>It is its own filter chain terminal ({@link #apply}), mirror target, stage callback ({@link #accept}) and
 * answer to {@link HttpRequestHead#bodyReplayable()} ({@link #getAsBoolean}), so that running filters allocates no
 * callbacks per request. Threading: the client channel's event loop, which is
 * also the backend connections' (pools are per event loop); a filter stage completing elsewhere hops back.
 */
final class Exchange extends RequestDeadlines.Entry implements BackendListener, FilterChain.SideRequests,
        Function<HttpRequestHead, CompletionStage<HttpResponseHead>>, BiConsumer<HttpResponseHead, Throwable>,
        BooleanSupplier {

    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    /** Where the exchange is, from the response's point of view (the request streams independently). */
    enum Phase {
        /** Filters run or a backend attempt is under way; no final response head yet. */
        REQUEST,
        /** The current attempt's final response head arrived and waits for the filters' stage. */
        RESPONSE_HEAD,
        /** The response head is the client's; the body streams. */
        RESPONDING,
        /** The backend switched protocols (101): the connections relay bytes. */
        TUNNEL,
        /** Answered completely, or aborted: nothing happens any more. */
        ENDED
    }

    private final ProxyHandler connection;
    private final ClientStream client;
    private final ClientProtocol protocol;
    private final long startNanos = System.nanoTime();
    private Phase phase = Phase.REQUEST;
    /** The access log's and tracing's view of the exchange; null when both are off. */
    private ExchangeObservation observation;

    // the request
    private CompiledRule rule;
    private HttpRequest request;
    private String authority;
    private boolean keepAlive;
    private boolean headRequest;
    private boolean http10;
    // session persistence (GEP-1619): the session the request resumes, and the token of one it starts
    private StickySessions.Session session;
    private boolean sessionLooked;
    private String newSessionToken;
    private boolean requestHasBody;
    private boolean requestComplete;
    /** gRPC (content-type application/grpc...): local errors answer with a grpc-status. */
    private boolean grpcRequest;
    /** A WebSocket (or other HTTP/1.1) upgrade the client asked for, or null. */
    private String upgradeRequested;
    /** The filters' view of the request, made when the rule (or its backend) has filters. */
    private NettyRequestHead filterHead;
    /** The connection's replay buffer, taken when the rule has filters (only a rule's filters retry); else null. */
    private ReplayableRequestBody replay;
    private ArrayDeque<HttpContent> pendingRequestBody;
    /** Request copies (mirrors) that still take body parts as they arrive, or null. */
    private MirroredRequestBody mirroredBody;
    /** True while the body is read whole before the filters run (a filter of the rule reads it). */
    private boolean readingBody;
    /** The filters' context, made when filters first run. */
    private ExchangeContext context;
    private long requestBytes;
    private long responseBytes;
    /** The client did not get a complete response (told to completion listeners). */
    private boolean failed;
    /** A filter set the rule's timeouts (even to no limit): the default request timeout does not apply. */
    private boolean routeTimeouts;

    // the attempts
    /** How many attempts have begun (backend request timers name their attempt by its number). */
    private int attempt;
    /** The attempt under way (or the last one), or null before the first and after a retry gave one up. */
    private BackendAttempt current;
    /** The attempt whose backend step waits for the end of the client's read (HTTP/2, {@link #forward}). */
    private BackendAttempt deferred;
    /** The filters' stage waiting for the current attempt's response head, or null without filters. */
    private CompletableFuture<HttpResponseHead> headPromise;
    /** The current attempt's final response head while the filters' stage decides about it, else null. */
    private HttpResponse receivedHead;

    // the response
    private int responseStatus;
    private boolean skipInterimLast;
    /** A response head written by writeResponseHead but not yet passed on (see there). */
    private HttpResponse heldResponseHead;
    // true while onResponseHead completes the filters' stage: a head the filters pass on at once is then written in
    // the backend's read, whose read-complete flushes it (with the body when it came in the same read)
    private boolean inBackendHead;
    private ArrayDeque<HttpContent> pendingResponseBody;

    Exchange(ProxyHandler connection, ClientStream client, ClientProtocol protocol) {
        this.connection = connection;
        this.client = client;
        this.protocol = protocol;
    }

    // ---- state the connection asks about --------------------------------------------------------------------------

    /** Whether the exchange still runs (it has not been answered completely or aborted). */
    boolean active() {
        return phase != Phase.ENDED;
    }

    /** Whether the whole request has arrived and the exchange still runs: what arrives next is another request. */
    boolean answeringCompleteRequest() {
        return phase != Phase.ENDED && requestComplete;
    }

    /** Whether the whole request arrived before the exchange ended (what arrives after it is not counted). */
    boolean requestReceived() {
        return requestComplete;
    }

    /** The backend connection relaying a tunnel (or the current attempt's), or null. */
    BackendHandler backend() {
        BackendAttempt tried = current;
        return tried == null ? null : tried.connection();
    }

    /** Whether the current attempt has written any of the request to a backend connection. */
    private boolean requestSending() {
        BackendAttempt tried = current;
        return tried != null && tried.sending();
    }

    /**
     * Whether a new attempt can send the whole request body received so far ({@link HttpRequestHead#bodyReplayable}):
     * no body, or all of it held by the replay buffer. False once the exchange has ended.
     */
    @Override
    public boolean getAsBoolean() {
        return phase != Phase.ENDED && (replay != null ? replay.replayable() : !requestHasBody);
    }

    private boolean responseStarted() {
        return phase == Phase.RESPONDING || phase == Phase.TUNNEL;
    }

    // ---- the request -------------------------------------------------------------------------------------------

    /** Routes the request whose head arrived and starts answering it. Takes ownership of {@code received}. */
    void start(HttpRequest received) {
        ExchangeObserver observer = connection.observer();
        if (observer != null) {
            observation = observer.start(received, startNanos, connection.clientAddress(),
                    protocol == ClientProtocol.HTTP2);
        }
        CompiledRouteTable table = connection.table();
        if (received.decoderResult().isFailure()) {
            rule = table.notFound();
            keepAlive = false;
            requestComplete = true;
            ReferenceCountUtil.release(received);
            respondLocal(ErrorResponses.statusForDecodeFailure(received.decoderResult().cause()));
            return;
        }
        HttpRequest forwarded = received;
        if (received instanceof FullHttpRequest full) {
            // HTTP/2 HEADERS with END_STREAM, or an aggregated request: split off the body so that every request
            // is forwarded the same way (head, then body parts)
            forwarded = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers());
            if (full.content().isReadable()) {
                requestBytes = full.content().readableBytes();
                pendingRequestBody().add(new DefaultLastHttpContent(full.content().retain()));
                requestHasBody = true;
            }
            requestComplete = true;
            full.release();
        } else {
            requestHasBody = HttpUtil.isTransferEncodingChunked(received)
                    || HttpUtil.getContentLength(received, 0L) > 0;
        }
        request = forwarded;
        grpcRequest = ErrorResponses.isGrpc(forwarded.headers().get(HttpHeaderNames.CONTENT_TYPE));
        http10 = protocol.http10(forwarded);
        keepAlive = protocol.keepAlive(forwarded);
        headRequest = HttpMethod.HEAD.equals(forwarded.method());
        authority = forwarded.headers().get(HttpHeaderNames.HOST);
        rule = connection.route(table, forwarded, authority);
        if (rule.hasFilters()) {
            ReplayableRequestBody body = connection.replayBody();
            body.start(requestHasBody, true, HttpUtil.getContentLength(forwarded, -1L));
            replay = body;
            if (pendingRequestBody != null) {
                for (HttpContent content : pendingRequestBody) {
                    body.record(content);
                }
            }
        }

        if (rule.directResponseStatus() != 0) {
            respondLocal(rule.directResponseStatus());
            return;
        }
        if (rule.buffersRequestBody() && requestHasBody) {
            if (requestBytes > connection.maxBufferedRequestBody()) {
                // a body that arrived with its head (HTTP/2 END_STREAM) is bounded like one read part by part
                respondLocal(413);
                return;
            }
            if (!requestComplete) {
                readBodyFirst();
                return;
            }
        }
        proceed();
    }

    /**
     * A filter of the rule reads the body: it is read whole (within the bound, else 413) before the filters run, and
     * {@link #onRequestContent} proceeds when its last part arrives. A client waiting for {@code 100 Continue} gets
     * it here, since the body is the gateway's to read now.
     */
    private void readBodyFirst() {
        if (HttpUtil.getContentLength(request, -1L) > connection.maxBufferedRequestBody()) {
            respondLocal(413);
            return;
        }
        readingBody = true;
        if (HttpUtil.is100ContinueExpected(request)) {
            request.headers().remove(HttpHeaderNames.EXPECT);
            client.writeAndFlush(ClientResponseFraming.interim(
                    new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE)));
        }
    }

    /** Whether the body is still being read for the filters (the request is not being answered yet). */
    boolean readingBodyForFilters() {
        return readingBody && phase != Phase.ENDED;
    }

    /** Runs the rule's filters, or forwards: the request's head, and the body if the filters wanted it, are here. */
    private void proceed() {
        HttpRequest forwarded = request;
        upgradeRequested = protocol.requestedUpgrade(forwarded);
        ForwardedRequestHeaders.prepare(forwarded, protocol == ClientProtocol.HTTP2, requestHasBody, upgradeRequested,
                connection.clientAddress(), connection.scheme(), connection.clientTrusted(),
                TrustedProxies.configured());
        if (rule.hasFilters()) {
            runFilters(rule.filters(), this);
            return;
        }
        CompiledBackend picked = pickBackend();
        if (picked == null) {
            respondLocal(500);
        } else if (!picked.filters().isEmpty()) {
            runFilters(picked.filters(), filtered -> forwardAsync(filtered, picked));
        } else {
            forward(picked);
        }
    }

    /** A part of the request body. Takes ownership of {@code content}. */
    void onRequestContent(HttpContent content) {
        if (phase == Phase.ENDED || requestComplete) {
            // the rest of a request that was already answered and ended
            content.release();
            return;
        }
        if (mirroredBody != null) {
            mirroredBody.offer(content);
        }
        boolean last = content instanceof LastHttpContent;
        if (last) {
            requestComplete = true;
        }
        if (content.decoderResult().isFailure()) {
            content.release();
            keepAlive = false;
            if (!responseStarted()) {
                closeBackend();
                failExchange(400);
            } else {
                client.close();
            }
            return;
        }
        if (replay != null) {
            replay.record(content);
        }
        requestBytes += content.content().readableBytes();
        if (last) {
            armDefaultTimeout();
        }
        if (readingBody) {
            pendingRequestBody().add(content);
            if (requestBytes > connection.maxBufferedRequestBody()) {
                respondLocal(413);
            } else if (last) {
                readingBody = false;
                proceed();
            }
            return;
        }
        BackendAttempt tried = current;
        if (tried != null && tried.sent()) {
            // the empty end of a bodyless request that attach() already sent with its head
            content.release();
            return;
        }
        if (tried == null || !tried.writeBodyPart(content)) {
            pendingRequestBody().add(content);
        }
    }

    private ArrayDeque<HttpContent> pendingRequestBody() {
        if (pendingRequestBody == null) {
            pendingRequestBody = new ArrayDeque<>(4);
        }
        return pendingRequestBody;
    }

    /** The client's current read finished (not in a tunnel): flush what it produced, and read on when it can. */
    void onClientReadComplete() {
        BackendAttempt tried = current;
        if (tried != null) {
            tried.flush();
        }
        if (requestComplete) {
            // Keep the socket armed for the next request (or the client's close) while this one is answered:
            // with AUTO_READ off, every read() after the previous read finished would re-register interest (a
            // syscall). A pipelined request read meanwhile is queued, and then reading stops until it is served.
            if (keepAlive && protocol.servesRequestsOneAfterAnother()) {
                connection.readAheadForNextRequest();
            }
        } else {
            readClientIfReady();
        }
    }

    /** Reads more of the request body when the backend can take it. */
    void readClientIfReady() {
        BackendAttempt tried = current;
        if (phase != Phase.ENDED && !requestComplete && (readingBody || tried != null && tried.writable())) {
            client.read();
        }
    }

    /** Flushes what pipelined messages wrote to the backend. */
    void flushBackend() {
        BackendAttempt tried = current;
        if (phase != Phase.ENDED && tried != null) {
            tried.flush();
        }
    }

    // ---- filters -----------------------------------------------------------------------------------------------

    private void runFilters(List<HttpFilter> filters,
            Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal) {
        NettyRequestHead head = new NettyRequestHead(request, connection.scheme(), authority, rule.matchedPathPrefix());
        head.bodyReplayable(this);
        filterHead = head;
        FilterChain.run(filters, head, terminal, this, client.executor(), rule.name(), context()).whenComplete(this);
    }

    /** The filters' context, made on first use; with the body when the rule's filters read it. */
    private ExchangeContext context() {
        ExchangeContext made = context;
        if (made == null) {
            made = new ExchangeContext(client.connection(), client.executor(), rule.ref(), connection.clientTls());
            if (rule.buffersRequestBody()) {
                made.body(bufferedBody());
            }
            context = made;
        }
        return made;
    }

    /** A copy of the body read so far (all of it, when the filters asked for it), leaving the buffers as they are. */
    private byte[] bufferedBody() {
        byte[] body = new byte[(int) requestBytes];
        int at = 0;
        if (pendingRequestBody != null) {
            for (HttpContent content : pendingRequestBody) {
                ByteBuf bytes = content.content();
                int length = Math.min(bytes.readableBytes(), body.length - at);
                bytes.getBytes(bytes.readerIndex(), body, at, length);
                at += length;
            }
        }
        return body;
    }

    /** The filters' stage completed, on any thread. */
    @Override
    public void accept(HttpResponseHead response, Throwable failure) {
        if (client.executor().inEventLoop()) {
            onFiltersComplete(response, failure);
        } else {
            client.executor().execute(() -> onFiltersComplete(response, failure));
        }
    }

    /**
     * A filter's request copy, sent by the event loop's {@link RequestMirrors} with the body received so far; the
     * rest of the body follows as it arrives ({@link MirroredRequestBody}).
     */
    @Override
    public void mirror(FilterBackend target, HttpRequestHead head) {
        if (!client.executor().inEventLoop()) {
            // a filter on another thread: the copy must see the body parts in the order the loop sees them
            client.executor().execute(() -> mirror(target, head));
            return;
        }
        if (phase == Phase.ENDED) {
            return;
        }
        CompiledBackend mirrorBackend = rule.filterBackend(target.name());
        if (mirrorBackend == null) {
            return;
        }
        // the body so far: all still queued until a backend connection takes it, else (it streamed to one) what the
        // replay buffer holds, if it holds all of it
        boolean sent = requestSending();
        ArrayDeque<HttpContent> replayed = sent && replay != null && replay.replayable() ? replay.replay() : null;
        Iterable<HttpContent> received = !sent
                ? (pendingRequestBody != null ? pendingRequestBody : List.of()) : replayed;
        MirrorExchange copy = connection.pool().mirrors().send(mirrorBackend, head, requestHasBody, requestComplete,
                received);
        releaseAll(replayed);
        if (copy != null) {
            mirroredBody = MirroredRequestBody.add(mirroredBody, copy);
        }
    }

    /**
     * A filter's callout: sent through the event loop's backend connection pool to an endpoint of a backend the
     * filter's configuration names; completes on the loop.
     */
    @Override
    public CompletionStage<CalloutResponse> callout(FilterBackend target, CalloutRequest request) {
        if (!client.executor().inEventLoop()) {
            return CompletableFuture.supplyAsync(() -> callout(target, request), client.executor())
                    .thenCompose(stage -> stage);
        }
        if (phase == Phase.ENDED) {
            return CompletableFuture.failedFuture(new CancellationException("the exchange has ended"));
        }
        CompiledBackend backend = rule.filterBackend(target.name());
        BackendEndpoint endpoint = backend == null ? null : backend.pickServingEndpoint();
        if (endpoint == null) {
            return CompletableFuture.failedFuture(new IOException(target.name() + " has no ready endpoint"));
        }
        return CalloutExchange.send(connection.pool(), endpoint, request);
    }

    /** The terminal step of the rule's filter chain: picks a backend and runs that backend's filters, if any. */
    @Override
    public CompletionStage<HttpResponseHead> apply(HttpRequestHead head) {
        if (phase == Phase.ENDED) {
            // a filter of an exchange that has ended (e.g. by its request timeout) tries again: nothing to retry
            return CompletableFuture.failedFuture(new CancellationException("the exchange has ended"));
        }
        CompiledBackend picked = pickBackend();
        if (picked == null) {
            return CompletableFuture.failedFuture(new ProxyException(500, rule.name() + ": no backend has a weight"));
        }
        if (picked.filters().isEmpty()) {
            return forwardAsync(head, picked);
        }
        return FilterChain.run(picked.filters(), head, filtered -> forwardAsync(filtered, picked), this,
                client.executor(), rule.name(), context());
    }

    /**
     * The last step of a filter chain; may run more than once (retries) for a request without body or with a body
     * {@link ReplayableRequestBody} holds. Sends the head the filters passed on, and arms the timeouts they set.
     */
    private CompletionStage<HttpResponseHead> forwardAsync(HttpRequestHead head, CompiledBackend picked) {
        if (phase == Phase.ENDED) {
            return CompletableFuture.failedFuture(new CancellationException("the exchange has ended"));
        }
        if (responseStarted()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    rule.name() + ": the response has started; the request cannot be sent again"));
        }
        if (requestSending() || headPromise != null || phase != Phase.REQUEST) {
            if (!getAsBoolean()) {
                return CompletableFuture.failedFuture(new ProxyException(502,
                        "a request with a streamed body cannot be sent to a backend twice"));
            }
            // a retry: drop the previous attempt's connection and response; send the body received so far again
            connection.pool().metrics().backendRetried();
            closeBackend();
            releaseAll(pendingResponseBody);
            releaseAll(pendingRequestBody);
            pendingRequestBody = replay != null ? replay.replay() : null;
            failHeadPromise(new ProxyException(502, "superseded by a new attempt"));
            current = null;
            skipInterimLast = false;
            receivedHead = null;
            phase = Phase.REQUEST;
        }
        NettyRequestHead limits = honour(head);
        routeTimeouts = limits.timeoutsSet();
        CompletableFuture<HttpResponseHead> promise = new CompletableFuture<>();
        headPromise = promise;
        armTimers(limits.requestTimeoutNanos(), limits.backendRequestTimeoutNanos());
        forward(picked);
        return promise;
    }

    /**
     * Makes the head a filter passed on the one sent: core's own head (the usual case) is the request already; any
     * other (a filter's wrapper or replacement) is copied into a new request head. Returns the head whose timeouts
     * apply: the one passed on when it is core's, else the exchange's own (which a delegating wrapper updated).
     */
    private NettyRequestHead honour(HttpRequestHead head) {
        if (head instanceof NettyRequestHead own) {
            request = own.request();
            return own;
        }
        request = ForeignHeads.toRequest(head, request);
        return filterHead;
    }

    // ---- timeouts ----------------------------------------------------------------------------------------------

    /** Starts the timers of the attempt about to begin (forward increments the attempt number next). */
    private void armTimers(long requestTimeoutNanos, long backendTimeoutNanos) {
        if (requestTimeoutNanos > 0) {
            connection.deadlines().arm(this, startNanos, requestTimeoutNanos);
        }
        ExchangeTimers timers = connection.timers(backendTimeoutNanos > 0);
        if (timers != null) {
            timers.armBackend(this, attempt + 1, backendTimeoutNanos);
        }
    }

    /**
     * Bounds the wait for the response head of a request whose rule sets no timeouts, from when the request has been
     * received whole and a backend attempt has begun (so a long upload is not cut, and a streaming response is not
     * either: the response head stops the timer). gRPC is left alone: a call may stream before its response head
     * (client streaming) or a server stream may be quiet for long, and gRPC clients bound calls by their deadlines.
     * Expiry is a request timeout: 504.
     */
    private void armDefaultTimeout() {
        long timeoutNanos = connection.defaultRequestTimeoutNanos();
        if (timeoutNanos > 0 && requestComplete && attempt > 0 && !routeTimeouts && !grpcRequest
                && (phase == Phase.REQUEST || phase == Phase.RESPONSE_HEAD)) {
            connection.deadlines().arm(this, System.nanoTime(), timeoutNanos);
        }
    }

    /** The request timeout expired ({@link RequestDeadlines}). */
    @Override
    void onRequestTimeout() {
        if (phase != Phase.REQUEST && phase != Phase.RESPONSE_HEAD) {
            return;
        }
        LOG.debug("{}: request timeout expired", rule.name());
        timedOut(ResponseFlag.TIMEOUT);
        connection.cancelBackendTimer();
        closeBackend();
        releaseAll(pendingResponseBody);
        CompletableFuture<HttpResponseHead> promise = headPromise;
        headPromise = null;
        // the filters' stage may still complete (or retry): the exchange has ended, so that changes nothing
        respondLocal(504);
        if (promise != null) {
            promise.completeExceptionally(new ProxyException(504, rule.name() + ": request timeout expired"));
        }
    }

    private void timedOut(ResponseFlag which) {
        connection.pool().metrics().timedOut(which == ResponseFlag.TIMEOUT ? "request" : "backend_request");
        flag(which);
    }

    /** Notes why the exchange goes the way it does, for the access log and the span (rare paths only). */
    private void flag(ResponseFlag flag) {
        if (observation != null) {
            observation.flag(flag);
        }
    }

    /** Stops the request timeout and the current attempt's backend timeout: the response started, or it ended. */
    private void cancelTimers() {
        connection.cancelBackendTimer();
        connection.deadlines().cancel(this);
    }

    /** The backend request timeout of attempt {@code timedAttempt} expired ({@link ExchangeTimers}). */
    void onBackendTimeout(int timedAttempt) {
        if (timedAttempt != attempt || phase != Phase.REQUEST) {
            return;
        }
        LOG.debug("{}: backend request timeout expired waiting for {}", rule.name(),
                current == null ? null : current.endpoint());
        timedOut(ResponseFlag.BACKEND_TIMEOUT);
        closeBackend();
        failExchange(504);
    }

    private void onFiltersComplete(HttpResponseHead response, Throwable failure) {
        if (phase == Phase.ENDED || responseStarted()) {
            return;
        }
        if (failure != null) {
            closeBackend();
            releaseAll(pendingResponseBody);
            respondLocal(ErrorResponses.statusForFailure(failure));
            failHeadPromise(new ProxyException(502, "the filters completed without this attempt's response"));
        } else if (response instanceof NettyResponseHead forwarded) {
            sendResponseHead(forwarded.response());
        } else if (response instanceof DirectResponseHead direct) {
            closeBackend();
            releaseAll(pendingResponseBody);
            respondFull(direct.toResponse());
            // a filter that called proceed and then answered itself: its attempt is over
            failHeadPromise(new ProxyException(502, "the filters answered without this attempt's response"));
        } else if (response != null && receivedHead != null && phase == Phase.RESPONSE_HEAD) {
            // a head a filter made itself (e.g. a wrapper) for the backend's response: its status and headers count
            ForeignHeads.applyTo(response, receivedHead);
            sendResponseHead(receivedHead);
        } else if (response != null) {
            // a head a filter made itself, without a backend response to go with it: answered with an empty body
            closeBackend();
            releaseAll(pendingResponseBody);
            respondFull(ForeignHeads.toResponse(response));
            failHeadPromise(new ProxyException(502, "the filters answered without this attempt's response"));
        } else {
            FilterFailureLog.failed(rule.name(), null, "completed the chain's stage with no response head", null);
            closeBackend();
            releaseAll(pendingResponseBody);
            respondLocal(500);
            failHeadPromise(new ProxyException(502, "the filters completed without this attempt's response"));
        }
    }

    /** Sends the current attempt's response head, as the filters left it, and what arrived of the body meanwhile. */
    private void sendResponseHead(HttpResponse response) {
        receivedHead = null;
        writeResponseHead(response);
        drainPendingResponse();
        if (phase != Phase.ENDED && !inBackendHead) {
            // the filters answered later than the backend's read (asynchronously): nothing else will flush
            flushResponse();
            readBackendIfReady();
        }
    }

    private void drainPendingResponse() {
        ArrayDeque<HttpContent> queue = pendingResponseBody;
        if (queue == null) {
            return;
        }
        HttpContent content;
        while (phase != Phase.ENDED && (content = queue.poll()) != null) {
            writeResponseContent(content);
        }
    }

    private void failHeadPromise(Throwable failure) {
        CompletableFuture<HttpResponseHead> promise = headPromise;
        if (promise != null) {
            headPromise = null;
            promise.completeExceptionally(failure);
        }
    }

    // ---- forwarding --------------------------------------------------------------------------------------------

    private void forward(CompiledBackend picked) {
        if (picked.errorStatus() != 0) {
            failExchange(picked.errorStatus());
            return;
        }
        BackendEndpoint chosen = pickEndpoint(picked);
        if (chosen == null) {
            flag(ResponseFlag.NO_ENDPOINT);
            failExchange(503);
            return;
        }
        attempt++;
        BackendAttempt tried = new BackendAttempt(picked, chosen);
        current = tried;
        if (observation != null) {
            observation.attempt(request, picked.name(), chosen);
        }
        armDefaultTimeout();
        if (protocol == ClientProtocol.HTTP2 && connection.inClientRead()) {
            // The client may reset the stream in the very frames that carried its HEADERS (CVE-2023-44487, rapid
            // reset): the backend connection is taken only once the rest of this read has been seen, so that a
            // stream reset meanwhile (abort) costs no backend request and no backend connection.
            deferred = tried;
            connection.deferBackend(this);
            return;
        }
        useBackend(tried);
    }

    /** The backend of the session the request resumes, else the rule's weighted pick. */
    private CompiledBackend pickBackend() {
        StickySessions sessions = rule.sessions();
        if (sessions != null && !sessionLooked) {
            sessionLooked = true;
            session = sessions.resume(request.headers());
        }
        return session != null ? session.backend() : rule.pickBackend();
    }

    /** The session's endpoint, else a pick of {@code picked}'s (which starts a session when the rule has them). */
    private BackendEndpoint pickEndpoint(CompiledBackend picked) {
        if (session != null && session.backend() == picked) {
            return session.endpoint();
        }
        BackendEndpoint chosen = picked.pickEndpoint();
        StickySessions sessions = rule.sessions();
        newSessionToken = sessions == null || chosen == null ? null : sessions.start(picked, chosen);
        return chosen;
    }

    /** Sends the attempt through an idle pooled connection to its endpoint, or a new one. */
    private void useBackend(BackendAttempt tried) {
        BackendHandler idle = tried.pollIdle(connection.pool());
        if (idle != null) {
            attach(tried, idle);
        } else {
            connect(tried);
        }
    }

    /**
     * The backend step of an HTTP/2 exchange, run after the client read that carried its head
     * ({@link ClientConnectionState#deferBackend}) for the attempt {@link #forward} deferred.
     */
    void useDeferredBackend() {
        // ended: the client reset the stream or went away; another attempt: a timeout or retry superseded this one
        BackendAttempt tried = deferred;
        if (tried == null || tried != current || phase == Phase.ENDED || tried.connection() != null) {
            return;
        }
        if (connection.connectionFailed()) {
            // the connection is closing for a flood or protocol error: its streams are not served
            abort();
            return;
        }
        useBackend(tried);
    }

    private void connect(BackendAttempt tried) {
        Future<BackendHandler> future = tried.open(connection.pool());
        future.addListener(f -> onConnected(tried, future));
    }

    private void onConnected(BackendAttempt tried, Future<BackendHandler> future) {
        if (tried != current || phase == Phase.ENDED || tried.connection() != null) {
            if (future.isSuccess()) {
                connection.pool().release(future.getNow());
            }
            return;
        }
        if (!future.isSuccess()) {
            LOG.debug("{}: cannot connect to {}", rule.name(), tried.endpoint(), future.cause());
            tried.endpointFailed();
            flag(ResponseFlag.CONNECT_FAILED);
            failExchange(503);
            return;
        }
        attach(tried, future.getNow());
    }

    private void attach(BackendAttempt tried, BackendHandler handler) {
        tried.attach(handler, this, request, requestHasBody, pendingRequestBody, requestComplete,
                connection.inClientRead());
        readClientIfReady();
    }

    /** Answers {@code status} now, or fails the filter stage waiting for a response with it. */
    private void failExchange(int status) {
        if (headPromise != null) {
            failHeadPromise(new ProxyException(status, rule.name() + ": no response from a backend"));
        } else {
            respondLocal(status);
        }
    }

    private void closeBackend() {
        BackendAttempt tried = current;
        if (tried != null) {
            tried.close();
        }
    }

    // ---- backend side ------------------------------------------------------------------------------------------

    @Override
    public void onBackendMessage(HttpObject message) {
        if (phase == Phase.ENDED) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (message.decoderResult().isFailure()) {
            ReferenceCountUtil.release(message);
            onBackendFailure();
            return;
        }
        if (message instanceof FullHttpResponse full) {
            // from a protocol plugin: forward it as head and last part like any other response
            LastHttpContent last = new DefaultLastHttpContent(full.content().retain(), full.trailingHeaders());
            full.release();
            BackendHandler from = backend();
            onResponseHead(new DefaultHttpResponse(full.protocolVersion(), full.status(), full.headers()));
            if (phase == Phase.ENDED || backend() != from || from == null) {
                // the head ended the exchange or its attempt (e.g. an unrequested 101): the content has no taker
                last.release();
                return;
            }
            onResponseContent(last);
        } else if (message instanceof HttpResponse response) {
            onResponseHead(response);
        } else if (message instanceof HttpContent content) {
            onResponseContent(content);
        } else {
            ReferenceCountUtil.release(message);
        }
    }

    private void onResponseHead(HttpResponse response) {
        int status = response.status().code();
        if (status == 101 && upgradeRequested == null) {
            // switching protocols nobody asked for: the backend is not speaking HTTP to us any more
            onBackendFailure();
            return;
        }
        if (status < 200 && status != 101) {
            // an interim response (100 Continue, 103 Early Hints): pass it on, then wait for the final one
            skipInterimLast = true;
            if (!responseStarted() && headPromise == null) {
                client.write(ClientResponseFraming.interim(response));
            }
            return;
        }
        phase = Phase.RESPONSE_HEAD;
        if (observation != null) {
            observation.responseHead(status);
        }
        connection.cancelBackendTimer();
        current.answered(response);
        CompletableFuture<HttpResponseHead> promise = headPromise;
        if (promise != null) {
            headPromise = null;
            receivedHead = response;
            inBackendHead = true;
            try {
                promise.complete(new NettyResponseHead(response));
            } finally {
                inBackendHead = false;
            }
            return;
        }
        writeResponseHead(response);
    }

    private void onResponseContent(HttpContent content) {
        if (skipInterimLast) {
            if (content instanceof LastHttpContent) {
                skipInterimLast = false;
            }
            content.release();
            return;
        }
        if (!responseStarted()) {
            if (pendingResponseBody == null) {
                pendingResponseBody = new ArrayDeque<>(4);
            }
            pendingResponseBody.add(content);
            return;
        }
        writeResponseContent(content);
    }

    private void writeResponseHead(HttpResponse response) {
        if (response.status().code() == 101 && !backendSwitchesProtocols()) {
            return;
        }
        phase = Phase.RESPONDING;
        cancelTimers();
        responseStatus = response.status().code();
        HopByHopHeaders.strip(response, false);
        if (newSessionToken != null) {
            rule.sessions().addTo(response.headers(), newSessionToken, rule.matchedPathPrefix(),
                    "https".equals(connection.scheme()));
        }
        if (responseStatus == 101) {
            phase = Phase.TUNNEL;
            connection.switchToTunnel(response, upgradeRequested);
            return;
        }
        boolean bodyless = headRequest || responseStatus == 204 || responseStatus == 304;
        // a stopping gateway tells an HTTP/1.1 client on this response that the connection ends with it
        keepAlive = protocol.frameResponse(response, bodyless, http10, keepAlive && !connection.draining());
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        // Held until the next part or the end of the backend read: when the whole response came in one read (the
        // common case for small responses), head and body go out as one message, encoded into one buffer.
        heldResponseHead = response;
    }

    /**
     * Takes the backend connection out of HTTP for the 101 it answered, before the client sees it; fails the exchange
     * (502) when the connection is gone or its protocol plugin refuses the switch (e.g. a wrong WebSocket handshake).
     */
    private boolean backendSwitchesProtocols() {
        BackendHandler switching = backend();
        if (switching != null && switching.switchProtocols()) {
            return true;
        }
        LOG.debug("{}: the backend {} answered 101 but its connection cannot switch protocols", rule.name(),
                current.endpoint());
        onBackendFailure();
        return false;
    }

    private void writeHeldResponseHead() {
        HttpResponse head = heldResponseHead;
        if (head != null) {
            heldResponseHead = null;
            client.write(head);
        }
    }

    private void flushResponse() {
        writeHeldResponseHead();
        client.flush();
    }

    private void writeResponseContent(HttpContent content) {
        if (phase == Phase.TUNNEL) {
            // the empty end the decoder emits after a 101, or bytes that came before the switch
            if (content.content().isReadable()) {
                client.write(content.content());
            } else {
                content.release();
            }
            return;
        }
        responseBytes += content.content().readableBytes();
        if (!(content instanceof LastHttpContent)) {
            writeHeldResponseHead();
            client.write(content);
            return;
        }
        completeExchange((LastHttpContent) content);
    }

    /** The response's last part, with the held head in front of it when there is one. */
    private Object withHeldResponseHead(LastHttpContent last) {
        HttpResponse head = heldResponseHead;
        if (head == null) {
            return last;
        }
        heldResponseHead = null;
        return ClientResponseFraming.joined(head, last);
    }

    @Override
    public void onBackendBytes(ByteBuf bytes) {
        if (phase == Phase.ENDED) {
            bytes.release();
        } else if (phase == Phase.TUNNEL) {
            client.write(bytes);
        } else {
            onResponseContent(new DefaultHttpContent(bytes));
        }
    }

    @Override
    public void onBackendReadComplete() {
        if (responseStarted()) {
            flushResponse();
        }
        readBackendIfReady();
    }

    /** Reads more of the response when the client can take it (or while its head is still awaited). */
    void readBackendIfReady() {
        BackendAttempt tried = current;
        if (tried != null && (phase == Phase.REQUEST || responseStarted() && client.isWritable())) {
            tried.read();
        }
    }

    @Override
    public void onBackendWritable() {
        if (phase == Phase.TUNNEL) {
            client.read();
            return;
        }
        readClientIfReady();
    }

    @Override
    public void onBackendClosed() {
        if (phase == Phase.ENDED) {
            return;
        }
        BackendAttempt tried = current;
        if (tried != null) {
            tried.forgetConnection();
            if (phase == Phase.REQUEST && tried.lostPooledConnection(requestHasBody)) {
                // a pooled connection the backend closed just as it was reused: nothing was processed, try a new one
                LOG.debug("{}: pooled connection to {} was closed; reconnecting", rule.name(), tried.endpoint());
                connect(tried);
                return;
            }
        }
        onBackendFailure();
    }

    private void onBackendFailure() {
        if (phase == Phase.REQUEST && current != null) {
            // closed, reset or broken before an answer: the endpoint's failure (a stale pooled connection was retried)
            current.endpointFailed();
        }
        flag(ResponseFlag.BACKEND_RESET);
        closeBackend();
        if (!responseStarted()) {
            failExchange(502);
        } else {
            // the status is already out; the client must see that the response is incomplete
            failed = true;
            recordCompleted();
            end();
            client.close();
        }
    }

    // ---- completing ----------------------------------------------------------------------------------------

    /** Counts the finished request in the rule's metrics, the access log and its trace. */
    private void recordCompleted() {
        long nanos = System.nanoTime() - startNanos;
        rule.metrics().requestCompleted(responseStatus, nanos);
        if (observation != null) {
            observation.completed(rule, responseStatus, requestBytes, responseBytes, nanos, failed);
        }
    }

    /** Writes the response's last part and ends the exchange. */
    private void completeExchange(LastHttpContent last) {
        recordCompleted();
        if (current != null) {
            current.finish(connection.pool());
        }
        boolean close = closesAfterResponse();
        Object end = withHeldResponseHead(last);
        end();
        if (close) {
            client.writeFlushAndClose(end);
            return;
        }
        client.writeAndFlush(end);
        connection.resumeAfterExchange();
    }

    /**
     * Answers with an empty-bodied response of {@code status}; to a gRPC request, with the gRPC status it maps to
     * (a trailers-only response: HTTP 200 and {@code grpc-status}), since gRPC clients read no HTTP error codes.
     */
    private void respondLocal(int status) {
        boolean close = closesAfterResponse();
        if (grpcRequest) {
            respondFull(ErrorResponses.createGrpc(status, close), status);
            return;
        }
        respondFull(ErrorResponses.create(status, close));
    }

    private void respondFull(FullHttpResponse response) {
        respondFull(response, response.status().code());
    }

    /** @param metricStatus the status the metrics count (the HTTP status a gRPC status stands for) */
    private void respondFull(FullHttpResponse response, int metricStatus) {
        cancelTimers();
        responseStatus = metricStatus;
        flag(ResponseFlag.LOCAL);
        responseBytes += response.content().readableBytes();
        recordCompleted();
        end();
        boolean close = closesAfterResponse();
        if (protocol.writeLocalResponse(client, response, close, requestComplete, http10)) {
            connection.resumeAfterExchange();
        }
    }

    /**
     * Whether the client connection closes once this response is written: the client asked for it, the request body
     * is not read to its end, or the gateway is stopping ({@link ProxyHandler#draining()}).
     */
    private boolean closesAfterResponse() {
        return protocol.closesAfterResponse(keepAlive && !connection.draining(), unreadBody());
    }

    /**
     * Whether part of the request body has not arrived yet. (The empty last part of a request without body may still
     * be on its way; it is dropped when it comes.)
     */
    private boolean unreadBody() {
        return !requestComplete && requestHasBody;
    }

    /** The client went away. */
    void abort() {
        if (phase == Phase.ENDED) {
            return;
        }
        cancelTimers();
        closeBackend();
        // a tunnel (WebSocket) ends by either side closing it: that is its normal end, not a failure
        failed = phase != Phase.TUNNEL;
        if (observation != null) {
            // the metrics count answered requests only; the access log and the trace show this one too
            if (failed) {
                observation.flag(ResponseFlag.CLIENT_RESET);
            }
            observation.completed(rule, responseStatus, requestBytes, responseBytes, System.nanoTime() - startNanos,
                    failed);
        }
        end();
        failHeadPromise(new ProxyException(502, "the client went away"));
    }

    /**
     * Ends the exchange: from now on every late callback finds it ended and does nothing. Releases what it still
     * holds of either body (a filter stage failed after it is not notified: it would find nothing to do anyway).
     */
    private void end() {
        phase = Phase.ENDED;
        heldResponseHead = null;
        if (mirroredBody != null) {
            mirroredBody.exchangeEnded();
            mirroredBody = null;
        }
        if (replay != null) {
            replay.release();
        }
        releaseAll(pendingRequestBody);
        releaseAll(pendingResponseBody);
        if (context != null) {
            // once: the context ignores a second end
            context.complete(new ExchangeOutcome(responseStatus, requestBytes, responseBytes,
                    Duration.ofNanos(System.nanoTime() - startNanos), failed));
        }
    }

    /** Releases every message left in {@code queue} (null: none). */
    static void releaseAll(ArrayDeque<?> queue) {
        if (queue == null) {
            return;
        }
        Object msg;
        while ((msg = queue.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
