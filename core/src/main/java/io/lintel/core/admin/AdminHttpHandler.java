package io.lintel.core.admin;

import io.lintel.core.admin.inspect.InspectEndpoints;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests of one admin connection. {@code /ready} and errors are answered at once on the admin event
 * loop from values {@link AdminState} already holds. The heavy documents ({@code /metrics}, {@code /status},
 * {@code /config}: tens of megabytes at 10 000 routes) are rendered on the bounded {@code render} executor and
 * streamed through a {@link ResponseBodyStream}, so a scrape never holds up a readiness probe on another
 * connection. Requests pipelined on one connection are answered in order: while a document is being rendered, the
 * connection's later requests wait in a queue.
 */
final class AdminHttpHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(AdminHttpHandler.class);
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";

    private final AdminState state;
    private final GatewayMetrics metrics;
    private final AdminJson json;
    private final Executor render;
    private final long stallTimeoutNanos;
    // Touched on the event loop only.
    private final Queue<FullHttpRequest> waiting = new ArrayDeque<>();
    private ResponseBodyStream streaming;

    /**
     * @param render where documents are rendered: never an event loop; bounded (a full one answers 503)
     * @param stallTimeoutNanos how long a response waits for a client that does not read
     */
    AdminHttpHandler(AdminState state, GatewayMetrics metrics, AdminJson json, Executor render, long stallTimeoutNanos) {
        this.state = state;
        this.metrics = metrics;
        this.json = json;
        this.render = render;
        this.stallTimeoutNanos = stallTimeoutNanos;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (streaming != null) {
            waiting.add(request);
            return;
        }
        try {
            handle(ctx, request);
        } finally {
            request.release();
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            send(ctx, text(HttpResponseStatus.BAD_REQUEST, "malformed request: " + request.decoderResult().cause()), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        boolean known = switch (path) {
            case "/ready", "/status", "/config", "/metrics", "/ui" -> true;
            default -> path.startsWith(ConsoleAssets.PREFIX) || InspectEndpoints.serves(path);
        };
        if (!known) {
            send(ctx, text(HttpResponseStatus.NOT_FOUND, "no such admin endpoint: " + path
                    + " (expected one of /ready, /status, /config, /metrics, /explain, /backends, /ui/)"), keepAlive);
            return;
        }
        if (!HttpMethod.GET.equals(request.method())) {
            FullHttpResponse response = text(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    request.method() + " " + path + ": only GET is supported");
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
            send(ctx, response, keepAlive);
            return;
        }
        if (path.equals("/ready")) {
            send(ctx, ready(), keepAlive);
            return;
        }
        if (path.equals("/ui") || path.startsWith(ConsoleAssets.PREFIX)) {
            send(ctx, console(path), keepAlive);
            return;
        }
        Document document;
        try {
            document = document(path, uri);
        } catch (IllegalArgumentException e) {
            send(ctx, text(HttpResponseStatus.BAD_REQUEST, e.getMessage()), keepAlive);
            return;
        }
        ResponseBodyStream body = new ResponseBodyStream(ctx.channel(), document.contentType(), keepAlive,
                stallTimeoutNanos, finished -> finished(ctx, finished));
        streaming = body;
        // Pipelined requests wait for this response; stop reading more of them until it is written.
        ctx.channel().config().setAutoRead(false);
        try {
            render.execute(() -> render(ctx, path, document, body));
        } catch (RejectedExecutionException e) {
            streaming = null;
            ctx.channel().config().setAutoRead(true);
            FullHttpResponse busy = text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "GET " + path + ": the admin server is rendering too many documents; try again");
            busy.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
            send(ctx, busy, keepAlive);
        }
    }

    /** What a heavy endpoint writes, chosen (and its query parameters checked) on the event loop. */
    private record Document(String contentType, Body body) {

        /** Writes the document, on a render thread. */
        @FunctionalInterface
        interface Body {
            void write(ResponseBodyStream out) throws Exception;
        }

        void write(ResponseBodyStream out) throws Exception {
            body.write(out);
        }
    }

    private Document document(String path, QueryStringDecoder uri) {
        if (path.equals("/metrics")) {
            return new Document(metrics.textContentType(), metrics::writeText);
        }
        if (InspectEndpoints.serves(path)) {
            return new Document(JSON, InspectEndpoints.prepare(path, uri.parameters(), state::routeTable)::write);
        }
        ResourceFilter filter = ResourceFilter.of(path, uri.parameters());
        if (path.equals("/status")) {
            return new Document(JSON, out -> json.writeStatus(out, state.statuses(), state.problems(), filter,
                    EndpointHealthView.of(state.config(), state.endpointHealth())));
        }
        return new Document(JSON, out -> json.writeConfig(out, state.config(), filter, state.endpointHealth()));
    }

    /** On a render thread. */
    private void render(ChannelHandlerContext ctx, String path, Document document, ResponseBodyStream body) {
        try {
            document.write(body);
            body.finish();
        } catch (Error e) {
            // E.g. a plugin class that fails to link while its spec is serialised: never leave the client hanging.
            body.fail();
            ctx.channel().close();
            throw e;
        } catch (Exception e) {
            boolean canAnswer = body.fail();
            if (e instanceof ClosedChannelException) {
                LOG.debug("Admin client of GET {} went away", path);
            } else if (canAnswer) {
                // E.g. a plugin's filter spec that Jackson cannot serialise: say so instead of dropping the connection.
                LOG.warn("Admin request GET {} failed", path, e);
            } else {
                LOG.warn("Admin request GET {} failed after part of the body was sent; connection closed", path, e);
            }
            if (canAnswer) {
                FullHttpResponse error = text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "GET " + path + " failed: " + e);
                ctx.executor().execute(() -> {
                    if (ctx.channel().isActive()) {
                        send(ctx, error, false);
                    } else {
                        error.release();
                    }
                });
            }
        }
    }

    /** On the event loop, once a streamed response is written: let the next waiting request in. */
    private void finished(ChannelHandlerContext ctx, ResponseBodyStream body) {
        if (streaming != body) {
            return;
        }
        streaming = null;
        FullHttpRequest next;
        while (streaming == null && ctx.channel().isActive() && (next = waiting.poll()) != null) {
            try {
                handle(ctx, next);
            } finally {
                next.release();
            }
        }
        if (streaming == null) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private FullHttpResponse ready() {
        boolean draining = state.draining();
        boolean ready = !draining && state.ready();
        StringBuilder body = new StringBuilder(draining ? "draining\n" : ready ? "ready\n" : "not ready\n");
        for (String line : state.readyDetail()) {
            body.append(line).append('\n');
        }
        return text(ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body.toString());
    }

    /** The web console's files; {@code /ui} is redirected to {@code /ui/} so that the page's relative links resolve. */
    private static FullHttpResponse console(String path) {
        if (path.equals("/ui")) {
            FullHttpResponse redirect = text(HttpResponseStatus.PERMANENT_REDIRECT, "the console is at /ui/");
            redirect.headers().set(HttpHeaderNames.LOCATION, ConsoleAssets.PREFIX);
            return redirect;
        }
        return ConsoleAssets.find(path).map(asset -> {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(asset.bytes()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, asset.contentType());
            // The console's own files and the admin API only: no inline script, nothing from elsewhere.
            response.headers().set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
            response.headers().set("X-Content-Type-Options", "nosniff");
            return response;
        }).orElseGet(() -> text(HttpResponseStatus.NOT_FOUND, "no such console file: " + path));
    }

    private static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (keepAlive) {
            HttpUtil.setKeepAlive(response, true);
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static FullHttpResponse text(HttpResponseStatus status, String text) {
        String body = text.endsWith("\n") ? text : text + "\n";
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, TEXT);
        return response;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ResponseBodyStream body = streaming;
        if (body != null) {
            body.channelChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ResponseBodyStream body = streaming;
        if (body != null) {
            body.channelChanged();
        }
        FullHttpRequest next;
        while ((next = waiting.poll()) != null) {
            next.release();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Admin connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
