package io.lintel.core.admin;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The body of one {@code 200} admin response, written by a render thread (never an event loop) and sent as it is
 * produced: a body that fits in one chunk goes out as a full response with {@code Content-Length}; a larger one as
 * {@code Transfer-Encoding: chunked}, one chunk of {@link #CHUNK_BYTES} at a time. Before each chunk the writer
 * waits until the channel is writable, so a client that reads slowly holds back the renderer instead of filling
 * the heap; a client that stops reading for {@code stallTimeoutNanos} (or closes the connection) makes the next
 * write fail with an {@link IOException}, which ends the render.
 *
 * <p>Not thread-safe: one render thread writes, then calls {@link #finish()} or {@link #fail()} exactly
 * once. {@link #close()} only flushes, so that serialisers which close their target do not end the response.
 */
final class ResponseBodyStream extends OutputStream {

    static final int CHUNK_BYTES = 64 * 1024;

    private final Channel channel;
    private final String contentType;
    private final boolean keepAlive;
    private final long stallTimeoutNanos;
    private final Consumer<ResponseBodyStream> done;
    private final Object writability = new Object();
    private ByteBuf buffer;
    private boolean headSent;
    private boolean ended;

    /**
     * @param channel the admin connection
     * @param contentType the response's {@code Content-Type}
     * @param keepAlive whether the connection stays open after this response
     * @param stallTimeoutNanos how long to wait for a client that does not read before giving up
     * @param done called on the channel's event loop once the last byte is written (or the response failed), to let
     *     the connection's next request in; not called when the connection is closed instead
     */
    ResponseBodyStream(Channel channel, String contentType, boolean keepAlive, long stallTimeoutNanos,
            Consumer<ResponseBodyStream> done) {
        this.channel = requireNonNull(channel, "channel");
        this.contentType = requireNonNull(contentType, "contentType");
        this.keepAlive = keepAlive;
        this.stallTimeoutNanos = stallTimeoutNanos;
        this.done = requireNonNull(done, "done");
    }

    @Override
    public void write(int b) throws IOException {
        ensureBuffer();
        buffer.writeByte(b);
        if (!buffer.isWritable()) {
            sendChunk();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            ensureBuffer();
            int n = Math.min(length, buffer.writableBytes());
            buffer.writeBytes(bytes, offset, n);
            offset += n;
            length -= n;
            if (!buffer.isWritable()) {
                sendChunk();
            }
        }
    }

    /** Does not end the response (see {@link #finish()}). */
    @Override
    public void close() {}

    /** Sends what is left and ends the response. */
    void finish() throws IOException {
        checkNotEnded();
        if (!headSent) {
            ended = true;
            ByteBuf content = buffer != null ? buffer : Unpooled.EMPTY_BUFFER;
            buffer = null;
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, content);
            headers(response);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
            end(channel.writeAndFlush(response));
            return;
        }
        if (buffer != null && buffer.isReadable()) {
            sendChunk();
        }
        releaseBuffer();
        ended = true;
        end(channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
    }

    /**
     * Ends a response whose rendering failed: before any byte was sent, {@code onNothingSent} gets to answer
     * instead (with an error status) and true is returned; after, the connection is closed so that the client sees
     * a truncated body rather than a complete-looking one, and false is returned.
     */
    boolean fail() {
        releaseBuffer();
        if (ended) {
            return false;
        }
        ended = true;
        if (!headSent) {
            return true;
        }
        channel.close();
        return false;
    }

    /** Whether the head (status 200) is on its way, i.e. another status can no longer be sent. */
    boolean headSent() {
        return headSent;
    }

    /** Wakes a writer waiting for the channel: it became writable or inactive. */
    void channelChanged() {
        synchronized (writability) {
            writability.notifyAll();
        }
    }

    private void ensureBuffer() throws IOException {
        checkNotEnded();
        if (buffer == null) {
            buffer = channel.alloc().buffer(CHUNK_BYTES, CHUNK_BYTES);
        }
    }

    private void checkNotEnded() throws IOException {
        if (ended) {
            throw new IOException("the admin response has already ended");
        }
    }

    private void sendChunk() throws IOException {
        awaitWritable();
        if (!headSent) {
            headSent = true;
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            headers(head);
            HttpUtil.setTransferEncodingChunked(head, true);
            channel.write(head);
        }
        ByteBuf chunk = buffer;
        buffer = null;
        channel.writeAndFlush(new DefaultHttpContent(chunk));
    }

    private void awaitWritable() throws IOException {
        long deadline = System.nanoTime() + stallTimeoutNanos;
        synchronized (writability) {
            while (true) {
                if (!channel.isActive()) {
                    throw new ClosedChannelException();
                }
                if (channel.isWritable()) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("the admin client read nothing for "
                            + TimeUnit.NANOSECONDS.toSeconds(stallTimeoutNanos) + " s; response abandoned");
                }
                try {
                    // Woken by channelChanged(); the bound only guards against a missed wake-up.
                    TimeUnit.NANOSECONDS.timedWait(writability, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the admin client to read");
                }
            }
        }
    }

    private void headers(HttpResponse response) {
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (keepAlive) {
            HttpUtil.setKeepAlive(response, true);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
    }

    private void end(ChannelFuture written) {
        if (keepAlive) {
            written.addListener(f -> {
                if (f.isSuccess()) {
                    done.accept(this);
                } else {
                    channel.close();
                }
            });
        } else {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void releaseBuffer() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }
}
