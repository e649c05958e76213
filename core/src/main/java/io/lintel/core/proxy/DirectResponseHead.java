package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.HttpHeadersView;
import io.lintel.spi.filter.HttpResponseHead;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** A response a filter answers itself ({@link io.lintel.spi.filter.HttpNext#respond}), with a complete body. */
public final class DirectResponseHead implements HttpResponseHead {

    private final HttpHeaders nettyHeaders = new DefaultHttpHeaders();
    private final HttpHeadersView headers = new NettyHeadersView(nettyHeaders);
    private final byte[] body;
    private int status;

    public DirectResponseHead(int status, String contentType, byte[] body) {
        this.status = status;
        this.body = body == null ? new byte[0] : body.clone();
        if (contentType != null && !contentType.isEmpty()) {
            nettyHeaders.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public void status(int status) {
        this.status = status;
    }

    @Override
    public HttpHeadersView headers() {
        return headers;
    }

    /** The complete response to write; the caller owns it. */
    FullHttpResponse toResponse() {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        response.headers().set(nettyHeaders);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        return response;
    }
}
