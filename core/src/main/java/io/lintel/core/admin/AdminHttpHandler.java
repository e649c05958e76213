package io.lintel.core.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
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
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one admin request from values the {@link AdminState} and {@link GatewayMetrics} already hold, on the
 * admin event loop: nothing here blocks or waits for the control thread.
 */
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(AdminHttpHandler.class);
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";

    private final AdminState state;
    private final GatewayMetrics metrics;
    private final AdminJson json;

    AdminHttpHandler(AdminState state, GatewayMetrics metrics, AdminJson json) {
        this.state = state;
        this.metrics = metrics;
        this.json = json;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        FullHttpResponse response;
        if (request.decoderResult().isFailure()) {
            keepAlive = false;
            response = text(HttpResponseStatus.BAD_REQUEST, "malformed request: " + request.decoderResult().cause());
        } else {
            response = answer(ctx, request);
        }
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

    private FullHttpResponse answer(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        boolean known = switch (path) {
            case "/ready", "/status", "/config", "/metrics" -> true;
            default -> false;
        };
        if (!known) {
            return text(HttpResponseStatus.NOT_FOUND,
                    "no such admin endpoint: " + path + " (expected one of /ready, /status, /config, /metrics)");
        }
        if (!HttpMethod.GET.equals(request.method())) {
            FullHttpResponse response = text(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    request.method() + " " + path + ": only GET is supported");
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
            return response;
        }
        try {
            return switch (path) {
                case "/ready" -> ready();
                case "/status" -> body(HttpResponseStatus.OK, JSON, json.status(state.statuses(), state.problems()));
                case "/config" -> body(HttpResponseStatus.OK, JSON, json.config(state.config()));
                default -> metrics(ctx);
            };
        } catch (Exception e) {
            // E.g. a plugin's filter spec that Jackson cannot serialise: say so instead of dropping the connection.
            LOG.warn("Admin request GET {} failed", path, e);
            return text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "GET " + path + " failed: " + e);
        }
    }

    private FullHttpResponse ready() {
        boolean ready = state.ready();
        StringBuilder body = new StringBuilder(ready ? "ready\n" : "not ready\n");
        for (String line : state.readyDetail()) {
            body.append(line).append('\n');
        }
        return text(ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body.toString());
    }

    private FullHttpResponse metrics(ChannelHandlerContext ctx) throws Exception {
        ByteBuf content = ctx.alloc().buffer();
        try (ByteBufOutputStream out = new ByteBufOutputStream(content)) {
            metrics.writeText(out);
        } catch (Exception e) {
            content.release();
            throw e;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, metrics.textContentType());
        return response;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String text) {
        String body = text.endsWith("\n") ? text : text + "\n";
        return body(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    private static FullHttpResponse body(HttpResponseStatus status, String contentType, byte[] bytes) {
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Admin connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
