package io.lintel.plugin.protocol.h2c;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.HttpConversionUtil;

/**
 * Translates one exchange on its own HTTP/2 stream channel: the data plane's HTTP/1.1-shaped request (head, body
 * parts, last part with trailers) becomes HEADERS, DATA and trailing HEADERS frames as it comes, and the stream's
 * frames become the response as they arrive, without buffering: the response HEADERS an {@code HttpResponse}, each
 * DATA frame an {@code HttpContent}, the end of the stream a {@code LastHttpContent} with the trailers (gRPC's
 * {@code grpc-status}) as its trailing headers. A response that ends with its HEADERS (a gRPC trailers-only answer) is
 * one {@code FullHttpResponse}, so that an HTTP/2 client gets it as one HEADERS frame again; interim (1xx) responses
 * are {@code FullHttpResponse}s of their own.
 *
 * <p>Netty's {@code Http2StreamFrameToHttpObjectCodec} is close, but adds {@code transfer-encoding: chunked} to
 * responses, which an HTTP/2 client must not see; this one keeps the response as the backend framed it. A DATA
 * frame's buffer is handed on as the part's content (its ownership with it); the stream channel returns its bytes to
 * the backend's flow-control window once read, so backpressure is per stream.
 */
final class H2cStreamCodec extends ChannelDuplexHandler {

    private boolean headReceived;

    // ---- request ----------------------------------------------------------------------------------------------

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpRequest request) {
            Http2Headers headers = HttpConversionUtil.toHttp2Headers(request, false);
            if (!(msg instanceof FullHttpRequest full)) {
                ctx.write(new DefaultHttp2HeadersFrame(headers, false), promise);
                return;
            }
            boolean endsHere = !full.content().isReadable() && full.trailingHeaders().isEmpty();
            if (endsHere) {
                full.release();
                ctx.write(new DefaultHttp2HeadersFrame(headers, true), promise);
                return;
            }
            ctx.write(new DefaultHttp2HeadersFrame(headers, false), ctx.voidPromise());
        }
        if (msg instanceof HttpContent content) {
            writeContent(ctx, content, promise);
            return;
        }
        ctx.write(msg, promise);
    }

    private static void writeContent(ChannelHandlerContext ctx, HttpContent content, ChannelPromise promise)
            throws Exception {
        if (!(content instanceof LastHttpContent last)) {
            ctx.write(new DefaultHttp2DataFrame(content.content(), false), promise);
            return;
        }
        if (last.trailingHeaders().isEmpty()) {
            ctx.write(new DefaultHttp2DataFrame(last.content(), true), promise);
            return;
        }
        Http2Headers trailers = HttpConversionUtil.toHttp2Headers(last.trailingHeaders(), false);
        if (last.content().isReadable()) {
            ctx.write(new DefaultHttp2DataFrame(last.content(), false), ctx.voidPromise());
        } else {
            last.release();
        }
        ctx.write(new DefaultHttp2HeadersFrame(trailers, true), promise);
    }

    // ---- response ---------------------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof Http2HeadersFrame headers) {
            onHeaders(ctx, headers.stream().id(), headers.headers(), headers.isEndStream());
        } else if (msg instanceof Http2DataFrame data) {
            onData(ctx, data);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onHeaders(ChannelHandlerContext ctx, int streamId, Http2Headers headers, boolean endOfStream)
            throws Exception {
        if (headReceived) {
            LastHttpContent last = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
            HttpConversionUtil.addHttp2ToHttpHeaders(streamId, headers, last.trailingHeaders(), HttpVersion.HTTP_1_1,
                    true, false);
            ctx.fireChannelRead(last);
            return;
        }
        HttpResponseStatus status = HttpConversionUtil.parseStatus(headers.status());
        if (status.codeClass() == HttpStatusClass.INFORMATIONAL) {
            ctx.fireChannelRead(HttpConversionUtil.toFullHttpResponse(streamId, headers, Unpooled.EMPTY_BUFFER, false));
            return;
        }
        headReceived = true;
        if (endOfStream) {
            DefaultFullHttpResponse full = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.EMPTY_BUFFER);
            HttpConversionUtil.addHttp2ToHttpHeaders(streamId, headers, full, false);
            ctx.fireChannelRead(full);
            return;
        }
        DefaultHttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        HttpConversionUtil.addHttp2ToHttpHeaders(streamId, headers, response.headers(), HttpVersion.HTTP_1_1, false,
                false);
        ctx.fireChannelRead(response);
    }

    private void onData(ChannelHandlerContext ctx, Http2DataFrame data) {
        if (!headReceived) {
            // DATA before the response HEADERS is a protocol error of the backend; the exchange fails on the reset
            data.release();
            return;
        }
        if (data.isEndStream()) {
            ctx.fireChannelRead(new DefaultLastHttpContent(data.content()));
        } else if (data.content().isReadable()) {
            ctx.fireChannelRead(new DefaultHttpContent(data.content()));
        } else {
            data.release();
        }
    }
}
