package io.lintel.core.server;

import io.lintel.core.proxy.ClientStream;
import io.lintel.core.proxy.ErrorResponses;
import io.lintel.core.proxy.ProxyHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream of a client HTTP/2 connection driven by {@link Http2ClientStreams}: what a stream channel with
 * {@link ClientStreamCodec} and the request timeouts did for its {@link ProxyHandler}, without a channel.
 * <ul>
 *   <li>Reading: a frame is handed on (converted to HTTP/1.x objects, {@link ClientStreamConversion}) only while the
 *       proxy handler has asked for a read, as a stream channel with auto-read off does; otherwise it waits here.
 *       The client's flow-control window is given back for the DATA handed on when the handler asks for more, so a
 *       stream whose backend takes nothing more gets nothing more from its client.</li>
 *   <li>Writing: response heads, bodies and trailers go to the codec's encoder as HEADERS and DATA; the stream can
 *       take more while the codec's flow controller says it is writable, and the proxy handler is told when that
 *       changes.</li>
 *   <li>Ending: the client's reset ends the exchange at once; the stream's close (both ways ended, reset, or the
 *       connection gone) releases what waits here and tells the proxy handler; a close from this side resets the
 *       stream ({@code CANCEL}) unless it has ended both ways.</li>
 *   <li>The request body idle timeout: a body that stops arriving while the gateway waits for it is answered 408
 *       and the stream reset.</li>
 * </ul>
 */
final class Http2ClientStream implements ClientStream {

    private static final Logger LOG = LoggerFactory.getLogger(Http2ClientStream.class);

    /** The read states of a stream channel with auto-read off (Netty's {@code AbstractHttp2StreamChannel}). */
    private enum Read {
        /** No read asked for: frames wait. */
        IDLE,
        /** A read was asked for: frames are handed on until the read completes. */
        IN_PROGRESS,
        /** Asked again during the read: reading goes on after it completes. */
        REQUESTED
    }

    private final Http2ClientStreams connection;
    private final Http2FrameStream frameStream;
    private final int id;
    private final long bodyIdleNanos;
    private ProxyHandler proxy;
    private Read read = Read.IDLE;
    /** Frames that arrived while no read was asked for. */
    private ArrayDeque<Http2StreamFrame> waiting;
    private boolean inReadComplete;
    private boolean readCompletePending;
    /** DATA bytes handed on whose window the client has not had back yet. */
    private int unacknowledged;
    private boolean headSeen;
    private boolean responseStarted;
    private boolean closed;
    private boolean closeTold;

    // the request body idle timeout, for a request with a body (a gRPC call's is its deadline's business)
    private boolean watchBody;
    private long lastBodyRead;
    private ScheduledFuture<?> bodyTimer;

    Http2ClientStream(Http2ClientStreams connection, Http2FrameStream frameStream, long bodyIdleNanos) {
        this.connection = connection;
        this.frameStream = frameStream;
        this.id = frameStream.id();
        this.bodyIdleNanos = bodyIdleNanos;
    }

    /** Gives the stream its proxy handler, which reads at once (a stream channel's becomes active). */
    void start(ProxyHandler handler) {
        proxy = handler;
        read();
    }

    // ---- frames from the client -------------------------------------------------------------------------------

    void onFrame(Http2StreamFrame frame) {
        if (closed) {
            ReferenceCountUtil.release(frame);
            return;
        }
        if (read != Read.IDLE) {
            deliver(frame);
            if (!readCompletePending && !closed) {
                readCompletePending = true;
                connection.readInThisRead(this);
            }
            return;
        }
        if (waiting == null) {
            waiting = new ArrayDeque<>(4);
        }
        waiting.add(frame);
    }

    /** The connection's read is done: so is this stream's read in it. */
    void onConnectionReadComplete() {
        readCompletePending = false;
        if (closed) {
            return;
        }
        // as a stream channel: the read is over before its handler hears so, and a read asked for meanwhile holds
        read = read == Read.REQUESTED ? Read.IN_PROGRESS : Read.IDLE;
        readComplete();
        drainWaiting();
    }

    /** Tells the proxy handler the read is over; a read it asks for meanwhile hands on waiting frames after it. */
    private void readComplete() {
        inReadComplete = true;
        try {
            proxy.onClientReadComplete();
        } finally {
            inReadComplete = false;
        }
    }

    /** Hands on the frames that waited, while reads are asked for (outside the connection's read, or in it). */
    private void drainWaiting() {
        while (!closed && read != Read.IDLE && waiting != null && !waiting.isEmpty()) {
            Http2StreamFrame frame;
            while (!closed && (frame = waiting.poll()) != null) {
                deliver(frame);
            }
            if (closed) {
                return;
            }
            if (connection.reading()) {
                if (!readCompletePending) {
                    readCompletePending = true;
                    connection.readInThisRead(this);
                }
                return;
            }
            read = read == Read.REQUESTED ? Read.IN_PROGRESS : Read.IDLE;
            readComplete();
        }
    }

    private void deliver(Http2StreamFrame frame) {
        try {
            if (frame instanceof Http2DataFrame data) {
                unacknowledged += data.initialFlowControlledBytes();
                ByteBuf content = data.content();
                HttpContent part = data.isEndStream() ? new DefaultLastHttpContent(content)
                        : new DefaultHttpContent(content);
                onBody(part);
                proxy.onClientRead(part);
            } else if (frame instanceof Http2HeadersFrame headers) {
                if (!headSeen) {
                    headSeen = true;
                    onHead(headers);
                } else {
                    // trailers
                    LastHttpContent last = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
                    HttpConversionUtil.addHttp2ToHttpHeaders(id, headers.headers(), last.trailingHeaders(),
                            HttpVersion.HTTP_1_1, true, true);
                    onBody(last);
                    proxy.onClientRead(last);
                }
            } else {
                ReferenceCountUtil.release(frame);
            }
        } catch (Http2Exception e) {
            LOG.debug("{} stream {}: {}", connection.context().channel(), id, e.toString());
            reset(e.error());
        }
    }

    private void onHead(Http2HeadersFrame frame) throws Http2Exception {
        HttpRequest request = ClientStreamConversion.requestHead(frame);
        if (request == null) {
            throw Http2Exception.streamError(id, Http2Error.PROTOCOL_ERROR, "not a request head");
        }
        RequestGuard.check(connection.context().channel(), request, true);
        if (bodyIdleNanos > 0 && request.decoderResult().isSuccess()
                && RequestReadTimeouts.watchesBody(request, contentLength(request))) {
            watchBody = true;
            lastBodyRead = System.nanoTime();
            armBodyTimer(bodyIdleNanos);
        }
        proxy.onClientRead(request);
    }

    private static long contentLength(HttpRequest request) {
        try {
            return HttpUtil.getContentLength(request, -1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void onBody(HttpContent part) {
        if (!watchBody) {
            return;
        }
        lastBodyRead = System.nanoTime();
        if (part instanceof LastHttpContent) {
            stopBodyTimer();
        }
    }

    /** The client reset the stream: the exchange ends now, the stream's close follows from the codec. */
    void onReset() {
        if (!closed) {
            proxy.onClientReset();
        }
    }

    void onWritabilityChanged() {
        if (!closed) {
            proxy.onClientWritabilityChanged();
        }
    }

    /** The stream closed (ended both ways, reset either way, or its connection went). */
    void onClosed() {
        closed = true;
        stopBodyTimer();
        if (waiting != null) {
            Http2StreamFrame frame;
            while ((frame = waiting.poll()) != null) {
                ReferenceCountUtil.release(frame);
            }
        }
        if (!closeTold) {
            closeTold = true;
            proxy.onClientClosed();
        }
    }

    // ---- the body idle timeout ----------------------------------------------------------------------------------

    private void armBodyTimer(long delayNanos) {
        bodyTimer = connection.context().executor().schedule(this::checkBody, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void stopBodyTimer() {
        watchBody = false;
        if (bodyTimer != null) {
            bodyTimer.cancel(false);
            bodyTimer = null;
        }
    }

    private void checkBody() {
        bodyTimer = null;
        if (closed || !watchBody || responseStarted) {
            return;
        }
        long now = System.nanoTime();
        long due = lastBodyRead + bodyIdleNanos;
        if (now - due < 0) {
            armBodyTimer(due - now);
            return;
        }
        if (read == Read.IDLE) {
            // the gateway is not reading the client (backpressure): not the client's delay, count again from now
            lastBodyRead = now;
            armBodyTimer(bodyIdleNanos);
            return;
        }
        LOG.debug("{} stream {}: request body idle timeout expired", connection.context().channel(), id);
        watchBody = false;
        writeFlushAndClose(ErrorResponses.create(HttpResponseStatus.REQUEST_TIMEOUT.code(), true));
    }

    // ---- ClientStream --------------------------------------------------------------------------------------------

    @Override
    public EventExecutor executor() {
        return connection.context().executor();
    }

    @Override
    public Channel connection() {
        return connection.context().channel();
    }

    @Override
    public void write(Object message) {
        send(message);
    }

    /** Writes {@code message} as frames; returns the last frame's future, or null when nothing was written. */
    private ChannelFuture send(Object message) {
        if (closed || connection.http2Stream(id) == null) {
            ReferenceCountUtil.release(message);
            return null;
        }
        ChannelHandlerContext ctx = connection.codecContext();
        try {
            if (message instanceof HttpResponse response) {
                int status = response.status().code();
                boolean interim = status < 200 && status != 101;
                if (!interim) {
                    responseStarted = true;
                }
                Http2Headers headers = interim ? null : ClientStreamConversion.responseHeaders(response);
                if (headers == null) {
                    headers = HttpConversionUtil.toHttp2Headers(response, true);
                }
                boolean endStream = !interim && message instanceof FullHttpMessage full
                        && !full.content().isReadable() && full.trailingHeaders().isEmpty();
                connection.streamTraffic();
                ChannelFuture written = connection.encoder().writeHeaders(ctx, id, headers, 0, endStream,
                        ctx.newPromise());
                if (interim || endStream || !(message instanceof FullHttpMessage)) {
                    ReferenceCountUtil.release(message);
                    return written;
                }
                return sendLast((LastHttpContent) message, true, ctx);
            }
            if (message instanceof LastHttpContent lastPart) {
                return sendLast(lastPart, false, ctx);
            }
            if (message instanceof HttpContent part) {
                connection.streamTraffic();
                return connection.encoder().writeData(ctx, id, part.content(), 0, false, ctx.newPromise());
            }
            ReferenceCountUtil.release(message);
            return null;
        } catch (RuntimeException e) {
            // headers that cannot be HTTP/2 headers (thrown before anything of the message was handed to the
            // encoder): the response cannot go on, as a stream channel's encoder failure closed the stream
            LOG.debug("{} stream {}: cannot send {}: {}", connection.context().channel(), id,
                    message.getClass().getSimpleName(), e.toString());
            ReferenceCountUtil.release(message);
            close();
            return null;
        }
    }

    /** The body and trailers of a response's last part (as Netty's stream codec frames them). */
    private ChannelFuture sendLast(LastHttpContent last, boolean afterHead, ChannelHandlerContext ctx) {
        boolean noTrailers = last.trailingHeaders().isEmpty();
        // converted first: what may throw does so before the body is handed on
        Http2Headers trailers = noTrailers ? null : HttpConversionUtil.toHttp2Headers(last.trailingHeaders(), true);
        ChannelFuture written = null;
        // an empty last part still ends the stream, with an empty DATA frame, unless trailers do
        if (last.content().isReadable() || noTrailers && !afterHead) {
            written = connection.encoder().writeData(ctx, id, last.content(), 0, noTrailers, ctx.newPromise());
        } else {
            last.content().release();
        }
        if (trailers != null) {
            written = connection.encoder().writeHeaders(ctx, id, trailers, 0, true, ctx.newPromise());
        }
        connection.streamTraffic();
        return written;
    }

    @Override
    public void flush() {
        connection.flush();
    }

    @Override
    public void writeAndFlush(Object message) {
        send(message);
        connection.flush();
    }

    @Override
    public void writeFlushAndClose(Object message) {
        ChannelFuture written = send(message);
        connection.flush();
        if (written == null) {
            close();
        } else {
            // once it is out: a DATA frame waiting for the client's window would be dropped by a reset before it
            written.addListener(future -> close());
        }
    }

    @Override
    public void read() {
        if (closed) {
            return;
        }
        giveBackWindow();
        switch (read) {
            case IDLE -> {
                read = Read.IN_PROGRESS;
                if (!inReadComplete && waiting != null && !waiting.isEmpty()) {
                    drainWaiting();
                }
            }
            case IN_PROGRESS -> read = Read.REQUESTED;
            default -> {
            }
        }
    }

    /** Gives the client back the window of the DATA handed on so far: the exchange asks for more. */
    private void giveBackWindow() {
        int bytes = unacknowledged;
        if (bytes == 0) {
            return;
        }
        unacknowledged = 0;
        Http2Stream stream = connection.http2Stream(id);
        if (stream == null) {
            return;
        }
        try {
            if (connection.inbound().consumeBytes(stream, bytes)) {
                connection.flush();
            }
        } catch (Http2Exception e) {
            connection.context().fireExceptionCaught(e);
        }
    }

    @Override
    public boolean isWritable() {
        return !closed && connection.isWritable(connection.http2Stream(id));
    }

    @Override
    public boolean isActive() {
        return !closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        Http2Stream stream = connection.http2Stream(id);
        if (stream != null && stream.state() != Http2Stream.State.CLOSED) {
            // the codec closes the stream with the reset, and the close reaches onClosed
            connection.resetStream(id, Http2Error.CANCEL);
            connection.flush();
        }
        if (!closed) {
            onClosed();
        }
    }

    /** Resets the stream with {@code error} (a stream error of the client's frames). */
    void reset(Http2Error error) {
        if (closed) {
            return;
        }
        connection.resetStream(id, error);
        if (!closed) {
            onClosed();
        }
    }

    @Override
    public String toString() {
        return connection.context().channel() + " stream " + frameStream.id();
    }
}
