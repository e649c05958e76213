package io.lintel.plugin.protocol.h2c;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.HttpConversionUtil.ExtensionHeaderNames;

/**
 * Bridges the data plane's HTTP/1.1-shaped messages and Netty's HTTP/2 conversion: requests get the
 * {@code :scheme} the conversion needs (cleartext, so {@code http}), and gRPC requests the {@code te: trailers} that
 * gRPC over HTTP/2 requires (the data plane strips {@code TE} as hop-by-hop); responses lose the conversion's private
 * {@code x-http2-*} headers, which must not reach the client.
 */
final class H2cMessageAdapter extends ChannelDuplexHandler {

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpRequest request) {
            request.headers().set(ExtensionHeaderNames.SCHEME.text(), "http");
            String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
            if (contentType != null && contentType.regionMatches(true, 0, "application/grpc", 0, 16)) {
                request.headers().set(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS);
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpMessage message) {
            for (ExtensionHeaderNames name : ExtensionHeaderNames.values()) {
                message.headers().remove(name.text());
            }
        }
        ctx.fireChannelRead(msg);
    }
}
