package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.core.observe.ExchangeObserver;
import io.lintel.core.route.CompiledRouteTable;
import io.lintel.core.route.CompiledRule;
import io.lintel.core.route.HostNames;
import io.lintel.core.route.RouteRequest;
import io.lintel.spi.filter.ClientTls;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proxies the requests of one HTTP/1.1 connection (one after another) or of one HTTP/2 stream: each request is an
 * {@link Exchange}, made when its head arrives, which routes it with the table current then, runs the rule's filters
 * (skipped entirely when there are none), forwards to a backend connection from the event loop's pool, and streams
 * both bodies with backpressure ({@code AUTO_READ} is off on both sides: a side is read again once the other side has
 * taken what was read).
 *
 * <p>This handler keeps what outlives one request: read interest, HTTP/1.1 pipelining ({@link PipelinedRequests}),
 * the switch to a byte tunnel after an upgrade ({@link UpgradeTunnel}), and per-connection helpers the exchanges
 * reuse one after another (the route lookup, the replayable body, the timers). Only the current
 * exchange uses them; an exchange that has ended never touches them again. Not sharable: one instance per connection
 * or stream.
 */
public final class ProxyHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyHandler.class);

    private final ProxyContext context;
    private final ClientProtocol protocol;
    private final RouteRequest routeRequest = new RouteRequest();
    /** The access log and tracing, read when the connection (stream) starts; null when both are off. */
    private final ExchangeObserver observer = ExchangeObserver.current();

    /** The pipeline's context while the handler is in one (HTTP/1.x, an HTTP/2 stream channel), else null. */
    private ChannelHandlerContext ctx;
    /** Where exchanges write their responses and read their requests. */
    private ClientStream client;
    /** Given (an HTTP/2 stream's: its connection's), or made when the handler is added (an HTTP/1.x connection). */
    private ClientConnectionState state;
    /** Whether the state is this handler's (an HTTP/1.x connection), to close with the connection. */
    private boolean ownsState;
    private String lastAuthority;
    private String lastHost;
    /** Created when an exchange's rule first has filters (only they can replay a body). */
    private ReplayableRequestBody replayBody;
    /** Created when a filter first sets a timeout. */
    private ExchangeTimers timers;

    /** The current exchange, or the last one (ended) until the next request arrives; null before the first. */
    private Exchange exchange;
    /** Created when an HTTP/1.1 client first pipelines. */
    private PipelinedRequests pipelined;
    /** True while a message read from the client is dispatched: channelReadComplete will flush the backend. */
    private boolean inClientRead;
    /** The connection switched protocols: bytes are relayed to the current exchange's backend. */
    private boolean tunnel;
    /** The gateway is stopping ({@link DrainEvent}): the connection ends after the current exchange. */
    private boolean draining;

    /**
     * @param http2 true when this handler serves one HTTP/2 stream (a child channel), false for an HTTP/1.x
     *     connection
     */
    public ProxyHandler(ProxyContext context, boolean http2) {
        this.context = requireNonNull(context, "context");
        this.protocol = http2 ? ClientProtocol.HTTP2 : ClientProtocol.HTTP1;
    }

    /** The handler of one HTTP/2 stream of the connection whose shared state {@code connection} is. */
    public ProxyHandler(ProxyContext context, ClientConnectionState connection) {
        this.context = requireNonNull(context, "context");
        this.protocol = ClientProtocol.HTTP2;
        this.state = requireNonNull(connection, "connection");
    }

    /**
     * The handler of one HTTP/2 stream that is no channel of its own: the connection's stream handler calls it (the
     * {@code onClient...} methods) where a pipeline would, and it answers through {@code stream}. It starts reading
     * at once.
     */
    public ProxyHandler(ProxyContext context, ClientConnectionState connection, ClientStream stream) {
        this(context, connection);
        this.client = requireNonNull(stream, "stream");
    }

    @Override
    public boolean isSharable() {
        return false;  // as it is; answered without Netty's per-class lookup, made for every HTTP/2 stream
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.client = new ChannelClientStream(ctx);
        if (state == null) {
            state = new ClientConnectionState(context, ctx.channel());
            ownsState = true;
        }
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    // ---- client side -------------------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        onClientRead(msg);
    }

    /** A message read from the client: a request head or body part (or, in a tunnel, bytes). Takes ownership. */
    public void onClientRead(Object msg) {
        if (tunnel) {
            UpgradeTunnel.relayToBackend(msg, exchange.backend());
            return;
        }
        if (!(msg instanceof HttpObject)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        PipelinedRequests queue = pipelined;
        if (queue == null ? answeringCompleteRequest()
                : !queue.serving() && (answeringCompleteRequest() || !queue.isEmpty())) {
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
            cancelTimers();
            Exchange started = new Exchange(this, client, protocol);
            exchange = started;
            started.start(head);
        } else if (msg instanceof HttpContent content && exchange != null) {
            exchange.onRequestContent(content);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        onClientReadComplete();
    }

    /** The client's current read is done: flush what it produced for the backend, and read on when it can. */
    public void onClientReadComplete() {
        Exchange current = exchange;
        if (current == null || !current.active()) {
            if (current != null && !protocol.servesRequestsOneAfterAnother()) {
                drainEndedStream();
            }
            return;
        }
        if (tunnel) {
            UpgradeTunnel.clientReadComplete(ctx, current.backend());
            return;
        }
        current.onClientReadComplete();
    }

    /** Keeps reading while the current request is answered, unless pipelined requests are already waiting. */
    void readAheadForNextRequest() {
        if (pipelined == null || pipelined.isEmpty()) {
            client.read();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        onClientWritabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    /** The client's writability changed: the current response's backend is read again once it takes more. */
    public void onClientWritabilityChanged() {
        Exchange current = exchange;
        if (current != null && client.isWritable()) {
            current.readBackendIfReady();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        onClientClosed();
        ctx.fireChannelInactive();
    }

    /** The connection (stream) closed: the current exchange ends, and what this handler holds is released. */
    public void onClientClosed() {
        Exchange current = exchange;
        if (current != null) {
            current.abort();
        }
        if (pipelined != null) {
            pipelined.releaseAll();
        }
        if (replayBody != null) {
            replayBody.release();
        }
        if (timers != null) {
            timers.cancelBackend();
        }
        if (ownsState) {
            state.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            // a body read for filters is not yet being answered: a client that stalls in it is idle too
            if (exchange == null || !exchange.active() || exchange.readingBodyForFilters()) {
                ctx.close();
            }
            return;
        }
        if (evt == DrainEvent.INSTANCE) {
            draining = true;
            // idle between requests: nothing is lost by closing now; otherwise the exchange closes after its response
            if (exchange == null || !exchange.active()) {
                ctx.close();
            }
            return;
        }
        if (evt instanceof Http2ResetFrame) {
            // the client cancelled the stream: its exchange ends now, before it takes a backend connection, rather
            // than when the stream channel closes (ClientStreamCodec), after the rest of the read
            onClientReset();
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** The client reset the stream: its exchange ends now. */
    public void onClientReset() {
        Exchange current = exchange;
        if (current != null) {
            current.abort();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("client connection {} failed", ctx.channel(), cause);
        ctx.close();
    }

    /** Serves pipelined requests that arrived meanwhile, or reads the next request: an exchange ended. */
    void resumeAfterExchange() {
        PipelinedRequests queue = pipelined;
        if (!protocol.servesRequestsOneAfterAnother()) {
            drainEndedStream();
            return;
        }
        if (queue != null && queue.serving()) {
            return;
        }
        if (queue != null && !queue.isEmpty()) {
            queue.serve(this, ctx.channel());
            exchange.flushBackend();
        }
        Exchange current = exchange;
        if (!current.active()) {
            if (client.isActive()) {
                client.read();
            }
        } else {
            current.readClientIfReady();
        }
    }

    /**
     * An HTTP/2 stream whose exchange ended (its response is complete) while the client may still be sending the
     * request, as when a gRPC server answers trailers-only at once: the rest is read and dropped (the exchange releases
     * it) until the stream ends. A frame left queued in the stream channel, with no read requested, would keep the
     * channel open after its stream closed, since Netty closes it only once its queue is read, and neither the
     * stream's end nor the connection's close does: the frame's buffer leaked.
     */
    private void drainEndedStream() {
        if (!exchange.requestReceived() && client.isActive()) {
            client.read();
        }
    }

    /** Whether the current request has arrived completely and is being answered ({@link PipelinedRequests}). */
    boolean answeringCompleteRequest() {
        Exchange current = exchange;
        return current != null && current.answeringCompleteRequest();
    }

    // ---- what exchanges share, one after another ---------------------------------------------------------------

    CompiledRouteTable table() {
        return context.table().get();
    }

    /** The rule for a request, from the table current when its head arrived. */
    CompiledRule route(CompiledRouteTable table, HttpRequest request, String authority) {
        routeRequest.reset(request.method().name(), request.uri(), request.headers());
        String serverName = state.serverName();
        return serverName == null
                ? table.routeHost(context.socket(), normalizedHost(authority), routeRequest)
                : table.routeHost(context.socket(), normalizedHost(authority), routeRequest, serverName);
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

    String clientAddress() {
        return state.clientAddress();
    }

    /** Whether the client is a proxy whose forwarding headers are believed ({@link ClientConnectionState}). */
    boolean clientTrusted() {
        return state.clientTrusted();
    }

    /** Runs the backend step of an HTTP/2 exchange once the connection's current read is done. */
    void deferBackend(Exchange deferred) {
        state.deferBackend(deferred);
    }

    /** Whether the client's connection failed or closed: its streams' exchanges do not reach a backend. */
    boolean connectionFailed() {
        return state.failed();
    }

    String scheme() {
        return context.scheme();
    }

    /** The TLS facts of the connection (empty on clear text), read once. */
    Optional<ClientTls> clientTls() {
        return state.clientTls();
    }

    int maxBufferedRequestBody() {
        return context.maxBufferedRequestBody();
    }

    long defaultRequestTimeoutNanos() {
        return context.defaultRequestTimeoutNanos();
    }

    BackendConnectionPool pool() {
        return state.pool();
    }

    ExchangeObserver observer() {
        return observer;
    }

    ReplayableRequestBody replayBody() {
        ReplayableRequestBody body = replayBody;
        if (body == null) {
            body = new ReplayableRequestBody(context.maxReplayBodyBytes(), state.pool().metrics());
            replayBody = body;
        }
        return body;
    }

    boolean inClientRead() {
        return inClientRead;
    }

    /** The request timeouts of the connection's exchanges (for HTTP/2: of all its streams'). */
    RequestDeadlines deadlines() {
        return state.deadlines();
    }

    /** The backend request timer; made on first use when {@code create}, else null until then. */
    ExchangeTimers timers(boolean create) {
        ExchangeTimers current = timers;
        if (current == null && create) {
            current = new ExchangeTimers(client.executor());
            timers = current;
        }
        return current;
    }

    void cancelBackendTimer() {
        if (timers != null) {
            timers.cancelBackend();
        }
    }

    /** Stops the timers of the current (or last) exchange: another request starts. */
    private void cancelTimers() {
        if (timers != null) {
            timers.cancelBackend();
        }
        if (exchange != null) {
            state.deadlines().cancel(exchange);
        }
    }

    /** Whether the gateway is stopping: the current response is the connection's last. */
    boolean draining() {
        return draining;
    }

    /**
     * The current exchange's backend switched protocols ({@code 101}): the client gets the response head, then the
     * connection relays bytes (HTTP/1.1 only: no other client asks for an upgrade).
     */
    void switchToTunnel(HttpResponse response, String upgrade) {
        tunnel = true;
        UpgradeTunnel.switchTo(ctx, response, upgrade);
    }
}
