package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.core.route.BackendEndpoint;
import io.lintel.core.route.CompiledBackend;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.CompiledRule;
import io.lintel.core.route.HostNames;
import io.lintel.core.route.RouteRequest;
import io.lintel.spi.filter.HttpRequestHead;
import io.lintel.spi.filter.HttpResponseHead;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proxies the requests of one HTTP/1.1 connection (one after another) or of one HTTP/2 stream: routes each request
 * with the table current when its head arrives, runs the rule's filters (skipped entirely when there are none),
 * forwards to a backend connection from the event loop's pool, and streams both bodies with backpressure
 * ({@code AUTO_READ} is off on both sides: a side is read again once the other side has taken what was read).
 *
 * <p>Answers itself: 404 when nothing matches, 414/431/400 for requests the decoder rejected, a rule's direct status,
 * a backend's error status, 500 when no backend has weight, 503 when no endpoint or no connection, 502 when the
 * backend fails before a complete response head. Not sharable: one instance per connection or stream.
 *
 * <p>It keeps the exchange's state and decides; collaborators do the parts that stand alone: {@link
 * ForwardedRequestHeaders} (the request head as the backend gets it), {@link ClientResponseFraming} (the response
 * head as the client gets it), {@link UpgradeTunnel} (WebSocket switch and relay), {@link ExchangeTimers} (GEP-1742
 * timeouts) and {@link PipelinedRequests} (HTTP/1.1 pipelining). The stateful ones are created only when an exchange
 * needs them, so that a plain request (and every HTTP/2 stream, which gets its own handler) allocates nothing more.
 */
public final class ProxyHandler extends ChannelInboundHandlerAdapter implements BackendListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyHandler.class);

    private final ProxyContext context;
    private final boolean http2;
    private final RouteRequest routeRequest = new RouteRequest();
    private final FilterChain.Mirroring mirroring = this::mirror;
    private final ReplayableRequestBody replayBody = new ReplayableRequestBody();
    private final AccessLog accessLog = new AccessLog();

    private ChannelHandlerContext ctx;
    private BackendConnectionPool pool;
    private String clientAddress;
    private String lastAuthority;
    private String lastHost;
    /** The connection's TLS server name ({@link TlsServerName}); null on clear text or without SNI. */
    private String serverName;

    // The current exchange. An HTTP/1.1 connection reuses these fields for each request.
    private boolean active;
    private int exchangeId;
    private long startNanos;
    private CompiledRule rule;
    private HttpRequest request;
    private String authority;
    private boolean keepAlive;
    private boolean headRequest;
    private boolean http10;
    private boolean requestHasBody;
    private boolean requestComplete;
    private BackendEndpoint endpoint;
    private BackendHandler backend;
    private boolean requestHeadWritten;
    private boolean requestSent;
    private boolean backendReusable;
    private boolean responseHeadReceived;
    private boolean skipInterimLast;
    private boolean responseStarted;
    // a response head written by writeResponseHead but not yet passed on (see there)
    private HttpResponse heldResponseHead;
    private int responseStatus;
    private CompletableFuture<HttpResponseHead> headPromise;
    private ArrayDeque<HttpContent> pendingRequestBody;
    private ArrayDeque<HttpContent> pendingResponseBody;
    // created when an HTTP/1.1 client first pipelines
    private PipelinedRequests pipelined;
    private boolean reusedAttempt;
    // true while a message read from the client is dispatched: channelReadComplete will flush the backend
    private boolean inClientRead;
    // timeouts a filter set (GEP-1742); attemptId tells a late timer or connect of an earlier attempt apart
    private int attemptId;
    // created when a filter first sets a timeout
    private ExchangeTimers timers;
    // a WebSocket (or other HTTP/1.1) upgrade: requested by the client, then switched to a byte tunnel on 101
    private String upgradeRequested;
    // the current request is gRPC (content-type application/grpc...): local errors answer with a grpc-status
    private boolean grpcRequest;
    private boolean tunnel;

    /**
     * @param http2 true when this handler serves one HTTP/2 stream (a child channel), false for an HTTP/1.x
     *     connection
     */
    public ProxyHandler(ProxyContext context, boolean http2) {
        this.context = requireNonNull(context, "context");
        this.http2 = http2;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.pool = context.pools().forLoop(ctx.channel().eventLoop());
        ctx.channel().config().setAutoRead(false);
        // added once the handshake is done (HTTP/1.1 after ALPN, HTTP/2 per stream), so the name is known by now
        String name = TlsServerName.of(ctx.channel());
        serverName = name.isEmpty() ? null : name;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    // ---- client side -------------------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (tunnel) {
            UpgradeTunnel.relayToBackend(msg, backend);
            return;
        }
        if (!(msg instanceof HttpObject)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        PipelinedRequests queue = pipelined;
        if (queue == null ? active && requestComplete
                : !queue.serving() && (active && requestComplete || !queue.isEmpty())) {
            // a pipelined request: served when the current exchange has finished
            if (queue == null) {
                queue = new PipelinedRequests();
                pipelined = queue;
            }
            queue.hold(msg);
            return;
        }
        inClientRead = true;
        try {
            dispatch(msg);
        } finally {
            inClientRead = false;
        }
    }

    /** Starts an exchange with a request head, or passes on a part of the current request's body. */
    void dispatch(Object msg) {
        if (msg instanceof HttpRequest head) {
            startExchange(head);
        } else if (msg instanceof HttpContent content) {
            onRequestContent(content);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!active) {
            return;
        }
        if (tunnel) {
            UpgradeTunnel.clientReadComplete(ctx, backend);
            return;
        }
        BackendHandler current = backend;
        if (current != null && requestHeadWritten) {
            current.channel().flush();
        }
        if (requestComplete) {
            // Keep the socket armed for the next request (or the client's close) while this one is answered:
            // with AUTO_READ off, every read() after the previous read finished would re-register interest (a
            // syscall). A pipelined request read meanwhile is queued, and then reading stops until it is served.
            if (!http2 && keepAlive && (pipelined == null || pipelined.isEmpty())) {
                ctx.read();
            }
        } else {
            readClientIfReady();
        }
    }

    /** Reads more of the request body when the backend can take it. */
    private void readClientIfReady() {
        if (active && !requestComplete && backend != null && requestHeadWritten && backend.channel().isWritable()) {
            ctx.read();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            readBackendIfReady();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (active) {
            abortExchange();
        }
        if (pipelined != null) {
            pipelined.releaseAll();
        }
        replayBody.release();
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (!active) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("client connection {} failed", ctx.channel(), cause);
        ctx.close();
    }

    private void startExchange(HttpRequest head) {
        accessLog.start(head);
        active = true;
        exchangeId++;
        startNanos = System.nanoTime();
        responseStarted = false;
        heldResponseHead = null;
        responseHeadReceived = false;
        requestHeadWritten = false;
        requestSent = false;
        requestComplete = false;
        skipInterimLast = false;
        reusedAttempt = false;
        endpoint = null;
        upgradeRequested = null;
        grpcRequest = false;
        cancelTimers();
        CompiledRouteTable table = context.table().get();

        if (head.decoderResult().isFailure()) {
            rule = table.notFound();
            keepAlive = false;
            requestComplete = true;
            ReferenceCountUtil.release(head);
            respondLocal(ErrorResponses.statusForDecodeFailure(head.decoderResult().cause()));
            return;
        }
        HttpRequest forwarded = head;
        if (head instanceof FullHttpRequest full) {
            // HTTP/2 HEADERS with END_STREAM, or an aggregated request: split off the body so that every request
            // is forwarded the same way (head, then body parts)
            forwarded = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers());
            if (full.content().isReadable()) {
                pendingRequestBody().add(new DefaultLastHttpContent(full.content().retain()));
                requestHasBody = true;
            } else {
                requestHasBody = false;
            }
            requestComplete = true;
            full.release();
        } else {
            requestHasBody = HttpUtil.isTransferEncodingChunked(head) || HttpUtil.getContentLength(head, 0L) > 0;
        }
        request = forwarded;
        grpcRequest = ErrorResponses.isGrpc(forwarded.headers().get(HttpHeaderNames.CONTENT_TYPE));
        http10 = !http2 && forwarded.protocolVersion().equals(HttpVersion.HTTP_1_0);
        keepAlive = http2 || HttpUtil.isKeepAlive(forwarded);
        headRequest = HttpMethod.HEAD.equals(forwarded.method());
        authority = forwarded.headers().get(HttpHeaderNames.HOST);
        routeRequest.reset(forwarded.method().name(), forwarded.uri(), forwarded.headers());
        rule = serverName == null
                ? table.routeHost(context.socket(), normalizedHost(authority), routeRequest)
                : table.routeHost(context.socket(), normalizedHost(authority), routeRequest, serverName);
        replayBody.start(requestHasBody, rule.hasFilters());
        if (pendingRequestBody != null) {
            pendingRequestBody.forEach(replayBody::record);
        }

        if (rule.directResponseStatus() != 0) {
            respondLocal(rule.directResponseStatus());
            return;
        }
        prepareForwardedRequest(forwarded);
        int id = exchangeId;
        if (rule.hasFilters()) {
            runFilters(rule.filters(), filtered -> proceedToBackend(id, filtered));
            return;
        }
        CompiledBackend picked = rule.pickBackend();
        if (picked == null) {
            respondLocal(500);
        } else if (!picked.filters().isEmpty()) {
            runFilters(picked.filters(), filtered -> forwardAsync(id, filtered, picked));
        } else {
            forward(picked);
        }
    }

    /** Normalises the host, reusing the previous result: a connection's requests nearly always name the same host. */
    private String normalizedHost(String requested) {
        if (requested != null && requested.equals(lastAuthority)) {
            return lastHost;
        }
        String host = HostNames.normalize(requested);
        lastAuthority = requested;
        lastHost = host;
        return host;
    }

    private void prepareForwardedRequest(HttpRequest forwarded) {
        upgradeRequested = http2 ? null : UpgradeTunnel.requestedUpgrade(forwarded);
        ForwardedRequestHeaders.prepare(forwarded, http2, requestHasBody, upgradeRequested, clientAddress(),
                context.scheme());
    }

    private String clientAddress() {
        String address = clientAddress;
        if (address == null) {
            address = ForwardedRequestHeaders.clientAddress(ctx.channel().remoteAddress());
            clientAddress = address;
        }
        return address;
    }

    private void onRequestContent(HttpContent content) {
        if (!active || requestComplete) {
            // the rest of a request that was already answered and ended
            content.release();
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (last) {
            requestComplete = true;
        }
        if (content.decoderResult().isFailure()) {
            content.release();
            keepAlive = false;
            if (!responseStarted) {
                closeBackend();
                failExchange(400);
            } else {
                ctx.close();
            }
            return;
        }
        replayBody.record(content);
        if (requestSent) {
            // the empty end of a bodyless request that attach() already sent with its head
            content.release();
            return;
        }
        if (requestHeadWritten && backend != null) {
            backend.channel().write(content, backend.channel().voidPromise());
            if (last) {
                requestSent = true;
            }
        } else {
            pendingRequestBody().add(content);
        }
    }

    private ArrayDeque<HttpContent> pendingRequestBody() {
        if (pendingRequestBody == null) {
            pendingRequestBody = new ArrayDeque<>(4);
        }
        return pendingRequestBody;
    }

    // ---- filters -----------------------------------------------------------------------------------------------

    private void runFilters(List<io.lintel.spi.filter.HttpFilter> filters,
            java.util.function.Function<HttpRequestHead, CompletionStage<HttpResponseHead>> terminal) {
        int id = exchangeId;
        NettyRequestHead head = new NettyRequestHead(request, context.scheme(), authority, rule.matchedPathPrefix());
        head.bodyReplayable(replayBody::replayable);
        CompletionStage<HttpResponseHead> stage = FilterChain.run(filters, head, terminal, mirroring, ctx.executor());
        stage.whenComplete((response, failure) -> {
            if (ctx.executor().inEventLoop()) {
                onFiltersComplete(id, response, failure);
            } else {
                ctx.executor().execute(() -> onFiltersComplete(id, response, failure));
            }
        });
    }

    /** A filter's request copy: sent by the event loop's {@link RequestMirrors}, with the body when it is all here. */
    private void mirror(io.lintel.spi.filter.FilterBackend target, HttpRequestHead head) {
        CompiledBackend backend = rule.filterBackend(target.name());
        if (backend != null) {
            pool.mirrors().send(backend, head, requestHasBody, requestComplete ? pendingRequestBody : null);
        }
    }

    private CompletionStage<HttpResponseHead> proceedToBackend(int id, HttpRequestHead head) {
        CompiledBackend picked = rule.pickBackend();
        if (picked == null) {
            return CompletableFuture.failedFuture(new ProxyException(500, rule.name() + ": no backend has a weight"));
        }
        if (picked.filters().isEmpty()) {
            return forwardAsync(id, head, picked);
        }
        return FilterChain.run(picked.filters(), head, filtered -> forwardAsync(id, filtered, picked),
                mirroring, ctx.executor());
    }

    /**
     * The terminal step of a filter chain of exchange {@code id}; may run more than once (retries) for a request
     * without body or with a body {@link ReplayableRequestBody} holds. Arms the timeouts the filters set on {@code head}.
     */
    private CompletionStage<HttpResponseHead> forwardAsync(int id, HttpRequestHead head, CompiledBackend picked) {
        if (id != exchangeId) {
            // a filter of an exchange that has ended (e.g. by its request timeout) tries again: nothing to retry
            return CompletableFuture.failedFuture(new java.util.concurrent.CancellationException(
                    rule.name() + ": the exchange has ended"));
        }
        if (!active) {
            return CompletableFuture.failedFuture(new ProxyException(502, "the client went away"));
        }
        if (requestHeadWritten || headPromise != null) {
            if (!replayBody.replayable()) {
                return CompletableFuture.failedFuture(new ProxyException(502,
                        "a request with a streamed body cannot be sent to a backend twice"));
            }
            // a retry: drop the previous attempt's connection and response; send the body received so far again
            closeBackend();
            releaseAll(pendingResponseBody);
            releaseAll(pendingRequestBody);
            pendingRequestBody = replayBody.replay();
            failHeadPromise(new ProxyException(502, "superseded by a new attempt"));
            requestHeadWritten = false;
            requestSent = false;
            responseHeadReceived = false;
        }
        CompletableFuture<HttpResponseHead> promise = new CompletableFuture<>();
        headPromise = promise;
        if (head instanceof NettyRequestHead limits) {
            armTimers(limits.requestTimeoutNanos(), limits.backendRequestTimeoutNanos());
        }
        forward(picked);
        return promise;
    }

    // ---- timeouts ----------------------------------------------------------------------------------------------

    /** Starts the timers of the attempt about to begin (forward increments attemptId next). */
    private void armTimers(long requestTimeoutNanos, long backendTimeoutNanos) {
        ExchangeTimers current = timers;
        if (current == null) {
            if (requestTimeoutNanos <= 0 && backendTimeoutNanos <= 0) {
                return;
            }
            current = new ExchangeTimers(ctx.executor(), this);
            timers = current;
        }
        current.armRequest(exchangeId, startNanos, requestTimeoutNanos);
        current.armBackend(exchangeId, attemptId + 1, backendTimeoutNanos);
    }

    /** The request timeout of exchange {@code id} expired ({@link ExchangeTimers}). */
    void onRequestTimeout(int id) {
        if (id != exchangeId || !active || responseStarted) {
            return;
        }
        LOG.debug("{}: request timeout expired", rule.name());
        cancelBackendTimer();
        closeBackend();
        releaseAll(pendingResponseBody);
        CompletableFuture<HttpResponseHead> promise = headPromise;
        headPromise = null;
        // the filters' stage may still complete (or retry); a new exchange id makes the data plane ignore it
        exchangeId++;
        respondLocal(504);
        if (promise != null) {
            promise.completeExceptionally(new ProxyException(504, rule.name() + ": request timeout expired"));
        }
    }

    /** The backend request timeout of an attempt of exchange {@code id} expired ({@link ExchangeTimers}). */
    void onBackendTimeout(int id, int attempt) {
        if (id != exchangeId || attempt != attemptId || !active || responseHeadReceived || responseStarted) {
            return;
        }
        LOG.debug("{}: backend request timeout expired waiting for {}", rule.name(), endpoint);
        closeBackend();
        failExchange(504);
    }

    private void cancelBackendTimer() {
        if (timers != null) {
            timers.cancelBackend();
        }
    }

    private void cancelTimers() {
        if (timers != null) {
            timers.cancelAll();
        }
    }

    private void onFiltersComplete(int id, HttpResponseHead response, Throwable failure) {
        if (id != exchangeId || !active || responseStarted) {
            return;
        }
        if (failure != null) {
            closeBackend();
            releaseAll(pendingResponseBody);
            respondLocal(ErrorResponses.statusForFailure(failure));
        } else if (response instanceof NettyResponseHead forwarded) {
            writeResponseHead(forwarded.response());
            drainPendingResponse();
            if (active) {
                flushResponse();
                readBackendIfReady();
            }
        } else if (response instanceof DirectResponseHead direct) {
            closeBackend();
            releaseAll(pendingResponseBody);
            respondFull(direct.toResponse());
        } else {
            LOG.warn("{}: a filter completed with an unknown response type {}; answering 500", rule.name(),
                    response == null ? "null" : response.getClass().getName());
            closeBackend();
            releaseAll(pendingResponseBody);
            respondLocal(500);
        }
    }

    private void drainPendingResponse() {
        ArrayDeque<HttpContent> queue = pendingResponseBody;
        if (queue == null) {
            return;
        }
        HttpContent content;
        while (active && (content = queue.poll()) != null) {
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
        accessLog.backend(picked.name());
        if (picked.errorStatus() != 0) {
            failExchange(picked.errorStatus());
            return;
        }
        BackendEndpoint chosen = picked.pickEndpoint();
        if (chosen == null) {
            failExchange(503);
            return;
        }
        endpoint = chosen;
        attemptId++;
        BackendHandler idle = pool.pollIdle(chosen);
        if (idle != null) {
            reusedAttempt = true;
            attach(idle);
        } else {
            connect(chosen);
        }
    }

    private void connect(BackendEndpoint chosen) {
        int id = exchangeId;
        int attempt = attemptId;
        ChannelFuture future = pool.connect(chosen);
        future.addListener((ChannelFutureListener) f -> onConnected(id, attempt, f));
    }

    private void onConnected(int id, int attempt, ChannelFuture future) {
        if (id != exchangeId || attempt != attemptId || !active || backend != null) {
            if (future.isSuccess()) {
                BackendHandler unused = BackendHandler.of(future.channel());
                if (unused != null) {
                    pool.release(unused);
                }
            }
            return;
        }
        if (!future.isSuccess()) {
            LOG.debug("{}: cannot connect to {}", rule.name(), endpoint, future.cause());
            failExchange(503);
            return;
        }
        BackendHandler handler = BackendHandler.of(future.channel());
        if (handler == null) {
            future.channel().close();
            failExchange(503);
            return;
        }
        attach(handler);
    }

    private void attach(BackendHandler handler) {
        backend = handler;
        handler.attach(this);
        Channel channel = handler.channel();
        requestHeadWritten = true;
        if (!requestHasBody && handler.acceptsFullRequests()) {
            // Without Content-Length or chunked framing the body is empty by definition: send head and end as one
            // message (one trip through the backend pipeline, one buffer). The empty last part the decoder still
            // delivers is dropped when it comes.
            releaseAll(pendingRequestBody);
            channel.write(new DefaultFullHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                    Unpooled.EMPTY_BUFFER, request.headers(), EmptyHttpHeaders.INSTANCE), channel.voidPromise());
            requestSent = true;
        } else {
            channel.write(request, channel.voidPromise());
            ArrayDeque<HttpContent> queue = pendingRequestBody;
            HttpContent content;
            while (queue != null && (content = queue.poll()) != null) {
                channel.write(content, channel.voidPromise());
                if (content instanceof LastHttpContent) {
                    requestSent = true;
                }
            }
            if (requestComplete && !requestSent) {
                channel.write(LastHttpContent.EMPTY_LAST_CONTENT, channel.voidPromise());
                requestSent = true;
            }
        }
        if (!inClientRead) {
            // inside a client read, channelReadComplete flushes once for everything that read produced
            channel.flush();
        }
        channel.read();
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
        BackendHandler current = backend;
        if (current != null) {
            backend = null;
            current.detach();
            current.channel().close();
        }
    }

    // ---- backend side ------------------------------------------------------------------------------------------

    @Override
    public void onBackendMessage(HttpObject message) {
        if (!active) {
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
            onResponseHead(new DefaultHttpResponse(full.protocolVersion(), full.status(), full.headers()));
            onResponseContent(new DefaultLastHttpContent(full.content().retain(), full.trailingHeaders()));
            full.release();
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
            if (!responseStarted && headPromise == null) {
                ctx.write(ClientResponseFraming.interim(response), ctx.voidPromise());
            }
            return;
        }
        responseHeadReceived = true;
        cancelBackendTimer();
        backendReusable = HttpUtil.isKeepAlive(response);
        CompletableFuture<HttpResponseHead> promise = headPromise;
        if (promise != null) {
            headPromise = null;
            promise.complete(new NettyResponseHead(response));
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
        if (!responseStarted) {
            if (pendingResponseBody == null) {
                pendingResponseBody = new ArrayDeque<>(4);
            }
            pendingResponseBody.add(content);
            return;
        }
        writeResponseContent(content);
    }

    private void writeResponseHead(HttpResponse response) {
        responseStarted = true;
        cancelTimers();
        responseStatus = response.status().code();
        HopByHopHeaders.strip(response, false);
        if (responseStatus == 101) {
            tunnel = true;
            BackendHandler current = backend;
            UpgradeTunnel.switchTo(ctx, response, upgradeRequested, current == null ? null : current.channel());
            return;
        }
        if (!http2) {
            boolean bodyless = headRequest || responseStatus == 204 || responseStatus == 304;
            keepAlive = ClientResponseFraming.frameHttp1(response, bodyless, http10, keepAlive);
        }
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        // Held until the next part or the end of the backend read: when the whole response came in one read (the
        // common case for small responses), head and body go out as one message, encoded into one buffer.
        heldResponseHead = response;
    }

    private void writeHeldResponseHead() {
        HttpResponse head = heldResponseHead;
        if (head != null) {
            heldResponseHead = null;
            ctx.write(head, ctx.voidPromise());
        }
    }

    private void flushResponse() {
        writeHeldResponseHead();
        ctx.flush();
    }

    private void writeResponseContent(HttpContent content) {
        if (tunnel) {
            // the empty end the decoder emits after a 101, or bytes that came before the switch
            if (content.content().isReadable()) {
                ctx.write(content.content(), ctx.voidPromise());
            } else {
                content.release();
            }
            return;
        }
        accessLog.bytes(content.content().readableBytes());
        if (!(content instanceof LastHttpContent)) {
            writeHeldResponseHead();
            ctx.write(content, ctx.voidPromise());
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
    public void onBackendBytes(io.netty.buffer.ByteBuf bytes) {
        if (!active) {
            bytes.release();
        } else if (tunnel) {
            ctx.write(bytes, ctx.voidPromise());
        } else {
            onResponseContent(new io.netty.handler.codec.http.DefaultHttpContent(bytes));
        }
    }

    @Override
    public void onBackendReadComplete() {
        if (active && responseStarted) {
            flushResponse();
        }
        readBackendIfReady();
    }

    /** Reads more of the response when the client can take it (or while its head is still awaited). */
    private void readBackendIfReady() {
        BackendHandler current = backend;
        if (active && current != null
                && (responseStarted ? ctx.channel().isWritable() : !responseHeadReceived)) {
            current.channel().read();
        }
    }

    @Override
    public void onBackendWritable() {
        if (tunnel) {
            ctx.read();
            return;
        }
        readClientIfReady();
    }

    @Override
    public void onBackendClosed() {
        if (!active) {
            return;
        }
        backend = null;
        if (!responseHeadReceived && backendIsStaleReuse()) {
            // a pooled connection the backend closed just as it was reused: nothing was processed, try a new one
            LOG.debug("{}: pooled connection to {} was closed; reconnecting", rule.name(), endpoint);
            requestHeadWritten = false;
            requestSent = false;
            connect(endpoint);
            return;
        }
        onBackendFailure();
    }

    /**
     * Whether the failed connection came from the pool and the request can be replayed: the backend closed it before
     * answering anything, most likely its keep-alive timeout racing the reuse.
     */
    private boolean backendIsStaleReuse() {
        if (!reusedAttempt || requestHasBody || endpoint == null) {
            return false;
        }
        reusedAttempt = false;
        return true;
    }

    private void onBackendFailure() {
        if (!responseStarted) {
            closeBackend();
            failExchange(502);
        } else {
            // the status is already out; the client must see that the response is incomplete
            closeBackend();
            recordCompleted();
            active = false;
            releaseExchangeBuffers();
            ctx.close();
        }
    }

    // ---- completing ----------------------------------------------------------------------------------------

    /** Counts the finished request in the rule's metrics and the access log. */
    private void recordCompleted() {
        long nanos = System.nanoTime() - startNanos;
        rule.metrics().requestCompleted(responseStatus, nanos);
        accessLog.completed(rule, responseStatus, nanos, ctx.channel().remoteAddress(), endpoint);
    }

    /** Writes the response's last part and ends the exchange. */
    private void completeExchange(LastHttpContent last) {
        recordCompleted();
        replayBody.release();
        BackendHandler current = backend;
        backend = null;
        if (current != null) {
            current.detach();
            if (backendReusable && requestSent && current.channel().isActive()) {
                pool.release(current);
            } else {
                current.channel().close();
            }
        }
        active = false;
        boolean close = !http2 && (!keepAlive || unreadBody());
        Object end = withHeldResponseHead(last);
        if (close) {
            releaseExchangeBuffers();
            ctx.writeAndFlush(end).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.writeAndFlush(end, ctx.voidPromise());
        resumeAfterExchange();
    }

    /**
     * Answers with an empty-bodied response of {@code status}; to a gRPC request, with the gRPC status it maps to
     * (a trailers-only response: HTTP 200 and {@code grpc-status}), since gRPC clients read no HTTP error codes.
     */
    private void respondLocal(int status) {
        boolean close = !http2 && (!keepAlive || unreadBody());
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
        responseStarted = true;
        cancelTimers();
        responseStatus = metricStatus;
        accessLog.bytes(response.content().readableBytes());
        recordCompleted();
        releaseAll(pendingRequestBody);
        replayBody.release();
        if (http2) {
            active = false;
            releaseExchangeBuffers();
            ChannelFuture written = ctx.writeAndFlush(response);
            if (!requestComplete) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        if (!keepAlive || unreadBody()) {
            // an unread request body would have to be read to find the next request; close instead
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            active = false;
            releaseExchangeBuffers();
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ClientResponseFraming.connection(response, true, http10);
        active = false;
        ctx.writeAndFlush(response, ctx.voidPromise());
        resumeAfterExchange();
    }

    /** Serves pipelined requests that arrived meanwhile, or reads the next request. */
    private void resumeAfterExchange() {
        PipelinedRequests queue = pipelined;
        if (http2 || queue != null && queue.serving()) {
            return;
        }
        if (queue != null && !queue.isEmpty()) {
            queue.serve(this, ctx.channel());
            if (active && backend != null && requestHeadWritten) {
                backend.channel().flush();
            }
        }
        if (!active) {
            if (ctx.channel().isActive()) {
                ctx.read();
            }
        } else {
            readClientIfReady();
        }
    }

    /** Whether the current request has arrived completely and is being answered ({@link PipelinedRequests}). */
    boolean answeringCompleteRequest() {
        return active && requestComplete;
    }

    /**
     * Whether part of the request body has not arrived yet. (The empty last part of a request without body may still
     * be on its way; it is dropped when it comes.)
     */
    private boolean unreadBody() {
        return !requestComplete && requestHasBody;
    }

    private void abortExchange() {
        active = false;
        cancelTimers();
        exchangeId++;
        closeBackend();
        failHeadPromise(new ProxyException(502, "the client went away"));
        releaseExchangeBuffers();
    }

    private void releaseExchangeBuffers() {
        heldResponseHead = null;
        replayBody.release();
        releaseAll(pendingRequestBody);
        releaseAll(pendingResponseBody);
    }

    private static void releaseAll(ArrayDeque<?> queue) {
        if (queue == null) {
            return;
        }
        Object msg;
        while ((msg = queue.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
