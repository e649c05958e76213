package io.lintel.core.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;
import java.util.List;
import java.util.function.Function;

/**
 * The handler the multiplexer gives each stream channel of one client HTTP/2 connection: the stream's conversion
 * between HTTP/2 frames and HTTP objects, which also adds the stream's proxy handler behind itself when it is added,
 * and does what three more handlers did. A stream lives for one request, and every handler of its pipeline is made a
 * context of, added, looked up by class and passed by each message, once per request; so it
 * <ul>
 *   <li>makes the request head safe to route ({@link RequestGuard}, HTTP/2 rules);</li>
 *   <li>times the body of a request that has one (body idle timeout, {@link RequestReadTimeouts}): most streams carry
 *       their whole request in one HEADERS frame (a GET, a HEAD), with no DATA a client could stall, so the timeouts
 *       handler is added behind this one only when a head that a body follows arrives;</li>
 *   <li>closes the stream channel as soon as the client resets the stream (a cancelled gRPC call), so that whatever
 *       request data was still queued on either side is released. (The proxy handler ends the stream's exchange when
 *       the reset passes it, before the exchange took a backend connection: rapid reset.) Netty closes a stream
 *       channel whose stream ended only once the application has read the frames still queued in it, and the proxy
 *       handler reads a client's stream only while the backend can take more, so a stream reset while its backend
 *       was not taking data would stay open for the life of the connection, holding the exchange, its backend
 *       connection and the queued buffers. A reset reaches the stream channel as a user event whether it reads or
 *       not; the close runs as a task of its own, once Netty has closed the stream, so that no RST_STREAM goes back
 *       in answer to the client's.</li>
 *   <li>converts request and response heads itself ({@link ClientStreamConversion}), more cheaply than Netty;</li>
 *   <li>gives the stream channel a read allocator that only counts frames ({@link #STREAM_READS}).</li>
 * </ul>
 * One per connection (the conversion keeps the connection's scheme on the connection), shared by its streams.
 */
final class ClientStreamCodec extends Http2StreamFrameToHttpObjectCodec {

    /**
     * The read allocator of every stream channel. A stream channel allocates no buffers (frames arrive decoded); its
     * allocator's handle only counts the frames of one read, up to 16 as the channel's default would. Netty's default
     * (adaptive) handle also sizes buffers it never allocates, and was made and fed for every stream: 3% of the event
     * loop's CPU under h2c load. Stateless and shared, as allocators are.
     */
    static final RecvByteBufAllocator STREAM_READS = new FixedRecvByteBufAllocator(4096).maxMessagesPerRead(16);

    /** Zero when the body idle timeout is off. */
    private final long bodyIdleNanos;
    /** A stream channel's proxy handler; null: none is added (tests). */
    private final Function<Channel, ChannelHandler> proxyHandlers;

    ClientStreamCodec(long bodyIdleNanos, Function<Channel, ChannelHandler> proxyHandlers) {
        super(true);
        this.bodyIdleNanos = bodyIdleNanos;
        this.proxyHandlers = proxyHandlers;
    }

    @Override
    public boolean isSharable() {
        return true;  // as the codec is; answered without Netty's per-class lookup, made for every stream
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        ctx.channel().config().setRecvByteBufAllocator(STREAM_READS);
        if (proxyHandlers != null) {
            ctx.pipeline().addLast(proxyHandlers.apply(ctx.channel()));
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Http2StreamFrame frame, List<Object> out) throws Exception {
        int before = out.size();
        HttpRequest head = frame instanceof Http2HeadersFrame headers ? ClientStreamConversion.requestHead(headers) : null;
        if (head != null) {
            out.add(head);
        } else {
            super.decode(ctx, frame, out);
        }
        for (int i = before; i < out.size(); i++) {
            if (out.get(i) instanceof HttpRequest request) {
                onRequestHead(ctx, request);
            }
        }
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, HttpObject msg, List<Object> out) throws Exception {
        // a head alone or a whole response; an interim 100 and anything else as Netty converts it
        Http2Headers headers = msg instanceof HttpResponse response
                && (msg instanceof FullHttpMessage || !(msg instanceof HttpContent))
                && !HttpResponseStatus.CONTINUE.equals(response.status())
                ? ClientStreamConversion.responseHeaders(response) : null;
        if (headers == null) {
            super.encode(ctx, msg, out);
            return;
        }
        // as Netty's encode, with the headers converted above
        boolean endStream = msg instanceof FullHttpMessage full
                && !full.content().isReadable() && full.trailingHeaders().isEmpty();
        out.add(new DefaultHttp2HeadersFrame(headers, endStream));
        if (msg instanceof FullHttpMessage full && !endStream) {
            encodeLastContent(full, out);
        }
    }

    /** The body and trailers of a whole response, after its head (Netty's encodeLastContent is private). */
    private static void encodeLastContent(FullHttpMessage last, List<Object> out) {
        boolean noTrailers = last.trailingHeaders().isEmpty();
        if (last.content().isReadable()) {
            out.add(new DefaultHttp2DataFrame(last.content().retain(), noTrailers));
        }
        if (!noTrailers) {
            out.add(new DefaultHttp2HeadersFrame(HttpConversionUtil.toHttp2Headers(last.trailingHeaders(), true), true));
        }
    }

    private void onRequestHead(ChannelHandlerContext ctx, HttpRequest request) {
        RequestGuard.check(ctx, request, true);
        // a head that is also the last content (END_STREAM on HEADERS) ends the request; a stream has one head (a
        // later HEADERS frame is its trailers), but a refused one is answered and the stream may send on
        if (bodyIdleNanos > 0 && !(request instanceof LastHttpContent)
                && ctx.pipeline().get(RequestReadTimeouts.MESSAGES_NAME) == null) {
            ctx.pipeline().addAfter(ctx.name(), RequestReadTimeouts.MESSAGES_NAME,
                    new RequestReadTimeouts(0, bodyIdleNanos).messagesHandler());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof Http2ResetFrame) {
            ctx.channel().eventLoop().execute(() -> ctx.channel().close());
        }
        super.userEventTriggered(ctx, evt);
    }
}
