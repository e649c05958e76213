package io.lintel.plugin.protocol.h2c;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2EventAdapter;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.HttpConversionUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the HTTP/2 frames of a backend's response into the data plane's HTTP/1.1-shaped messages as they arrive,
 * without buffering: the response HEADERS become an {@code HttpResponse}, each DATA frame an {@code HttpContent}, and
 * the end of the stream a {@code LastHttpContent} that carries the trailers (gRPC's {@code grpc-status}) as its
 * trailing headers. A response that ends with its HEADERS (a gRPC trailers-only answer) is one
 * {@code FullHttpResponse}, so that an HTTP/2 client gets it as one HEADERS frame again. Interim (1xx) responses are
 * passed on as {@code FullHttpResponse}s of their own.
 *
 * <p>The data plane runs one exchange at a time on a backend connection, so frames of only one stream are expected;
 * frames of other (earlier, reset) streams are dropped. Received bytes are returned to HTTP/2 flow control at once:
 * backpressure comes from the data plane reading the connection only when the client can take more. A reset of the
 * stream before its end fails the exchange by closing the connection.
 */
final class StreamingHttp2ResponseReader extends Http2EventAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingHttp2ResponseReader.class);

    private final Http2Connection connection;
    private int streamId;
    private boolean headReceived;
    private int endedStreamId;

    StreamingHttp2ResponseReader(Http2Connection connection) {
        this.connection = connection;
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
            short weight, boolean exclusive, int padding, boolean endOfStream) throws Http2Exception {
        onHeadersRead(ctx, streamId, headers, padding, endOfStream);
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
            boolean endOfStream) throws Http2Exception {
        if (headReceived && streamId == this.streamId) {
            LastHttpContent last = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
            HttpConversionUtil.addHttp2ToHttpHeaders(streamId, headers, last.trailingHeaders(), HttpVersion.HTTP_1_1,
                    true, false);
            end();
            ctx.fireChannelRead(last);
            return;
        }
        HttpResponseStatus status = HttpConversionUtil.parseStatus(headers.status());
        if (status.codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL) {
            ctx.fireChannelRead(HttpConversionUtil.toFullHttpResponse(streamId, headers, Unpooled.EMPTY_BUFFER, false));
            return;
        }
        this.streamId = streamId;
        headReceived = true;
        if (endOfStream) {
            DefaultFullHttpResponse full = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.EMPTY_BUFFER);
            HttpConversionUtil.addHttp2ToHttpHeaders(streamId, headers, full, false);
            end();
            ctx.fireChannelRead(full);
            return;
        }
        DefaultHttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        HttpHeaders target = response.headers();
        HttpConversionUtil.addHttp2ToHttpHeaders(streamId, headers, target, HttpVersion.HTTP_1_1, false, false);
        ctx.fireChannelRead(response);
    }

    @Override
    public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
        int processed = data.readableBytes() + padding;
        if (!headReceived || streamId != this.streamId) {
            return processed;
        }
        if (endOfStream) {
            end();
            ctx.fireChannelRead(new DefaultLastHttpContent(data.retain()));
        } else if (data.isReadable()) {
            ctx.fireChannelRead(new DefaultHttpContent(data.retain()));
        }
        return processed;
    }

    /**
     * A reset of the current exchange's stream before its response ended: the exchange cannot complete, and the data
     * plane learns it from the connection closing. A reset after the end (a server that answered before reading the
     * whole request, RST_STREAM NO_ERROR) changes nothing.
     */
    @Override
    public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
        boolean current = headReceived ? streamId == this.streamId
                : streamId == connection.local().lastStreamCreated() && streamId != endedStreamId;
        if (current) {
            LOG.debug("backend {} reset stream {} before the end of its response ({})", ctx.channel(), streamId,
                    Http2Error.valueOf(errorCode));
            ctx.close();
        }
    }

    /** The response has ended: whatever comes for its stream now (a late reset) is not an error. */
    private void end() {
        endedStreamId = streamId;
        headReceived = false;
        streamId = 0;
    }
}
