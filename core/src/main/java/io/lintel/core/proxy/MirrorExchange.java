package io.lintel.core.proxy;

import io.lintel.core.route.BackendEndpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One request copy on its way to a mirror backend: sends the head on a pooled (or new) connection, then the body
 * parts as the exchange {@linkplain #offer offers} them (each a retained duplicate of the exchange's part: the
 * memory is shared, nothing is copied), reads the answer only to discard it, and gives the connection back when the
 * answer ended cleanly after the whole request was written.
 *
 * <p>Bounded: parts offered before the connection is ready are queued, and parts written wait while the mirror does
 * not read: in the channel's outbound buffer, or in a protocol's own queue (HTTP/2 flow control holds DATA the peer
 * has no window for, and only clears the channel's writability). When the queued bytes, the outbound buffer, or the
 * bytes written since the channel was last writable pass {@code maxPendingBytes} while the channel is not writable,
 * the copy is dropped ({@link MirrorDropReason#SLOW}): its connection closed and its parts released. The exchange
 * never waits for a copy, so a slow mirror costs about that many bytes and never slows the client.
 *
 * <p>A pooled connection the backend had closed before answering is replaced once, as long as no body byte went out
 * on it (the copy holds no body it already wrote). The answer is awaited {@link #TIMEOUT_SECONDS} once the whole
 * request is handed over. Runs on the pool's event loop.
 */
final class MirrorExchange implements BackendListener {

    static final long TIMEOUT_SECONDS = 30;

    private final RequestMirrors mirrors;
    private final BackendEndpoint endpoint;
    private final HttpRequest head;
    private final long maxPendingBytes;
    /** Parts offered before a connection was ready: retained duplicates owned here until written. */
    private ArrayDeque<HttpContent> queued;
    private long queuedBytes;
    /** The last part has been offered (or the request has no body). */
    private boolean bodyEnded;
    /** Body bytes went out on the current connection: it can no longer be replaced by another. */
    private boolean bodyWritten;
    /** The end of the request went out on the current connection. */
    private boolean endWritten;
    /** Body bytes written since the connection was last writable: what piles up wherever the pipeline holds it. */
    private long writtenWhileUnwritable;
    private BackendHandler backend;
    private boolean reusedConnection;
    private boolean answerStarted;
    private boolean finalHeadSeen;
    private boolean reusable;
    private boolean finished;
    private ScheduledFuture<?> timeout;

    MirrorExchange(RequestMirrors mirrors, BackendEndpoint endpoint, HttpRequest head, boolean hasBody,
            long maxPendingBytes) {
        this.mirrors = mirrors;
        this.endpoint = endpoint;
        this.head = head;
        this.maxPendingBytes = maxPendingBytes;
        this.bodyEnded = !hasBody;
    }

    /** Takes a connection and sends what it has; call once, after offering the parts already received. */
    void start() {
        if (finished) {
            return;
        }
        if (bodyEnded) {
            armTimeout();
        }
        BackendHandler idle = mirrors.pool().pollIdle(endpoint);
        if (idle != null) {
            reusedConnection = true;
            send(idle);
        } else {
            connect();
        }
    }

    /** Whether the copy still takes body parts (it has not ended, and its body has not). */
    boolean wantsBody() {
        return !finished && !bodyEnded;
    }

    /**
     * Copies one part of the request body (the caller keeps {@code part}: the copy takes a retained duplicate).
     *
     * @return whether the copy wants the next part
     */
    boolean offer(HttpContent part) {
        if (!wantsBody()) {
            return false;
        }
        if (part.decoderResult().isFailure()) {
            drop(MirrorDropReason.ABORTED, "the request body is malformed");
            return false;
        }
        boolean last = part instanceof LastHttpContent;
        bodyEnded = last;
        HttpContent copy = part.retainedDuplicate();
        int bytes = copy.content().readableBytes();
        BackendHandler current = backend;
        if (current != null) {
            Channel channel = current.channel();
            bodyWritten |= bytes > 0;
            endWritten = last;
            // flushed at once: the exchange's flush is for its own backend, and a copy must not wait for it
            channel.writeAndFlush(copy, channel.voidPromise());
            if (!channel.isWritable()) {
                writtenWhileUnwritable += bytes;
                long pending = Math.max(pendingBytes(channel), writtenWhileUnwritable);
                if (pending > maxPendingBytes) {
                    drop(MirrorDropReason.SLOW, endpoint + " has not taken " + pending + " bytes");
                    return false;
                }
            }
        } else {
            if (queued == null) {
                queued = new ArrayDeque<>(4);
            }
            queued.add(copy);
            queuedBytes += bytes;
            if (queuedBytes > maxPendingBytes) {
                drop(MirrorDropReason.SLOW, queuedBytes + " body bytes arrived before a connection to " + endpoint);
                return false;
            }
        }
        if (last) {
            armTimeout();
        }
        // false as well when the write failed at once and the copy ended
        return wantsBody();
    }

    /** The request ended before its body did (the client went away, the exchange was answered): gives up. */
    void abort() {
        drop(MirrorDropReason.ABORTED, "the request ended before its body reached the copy");
    }

    private static long pendingBytes(Channel channel) {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    private void armTimeout() {
        if (timeout == null && !finished) {
            timeout = mirrors.pool().eventLoop().schedule(this::onTimeout, TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void connect() {
        reusedConnection = false;
        Future<BackendHandler> future = mirrors.pool().open(endpoint);
        future.addListener(f -> {
            if (!f.isSuccess()) {
                // a failed connect's channel is closed already; a stream that was never opened holds nothing
                drop(MirrorDropReason.CONNECT, "cannot connect to " + endpoint + ": " + f.cause());
                return;
            }
            BackendHandler handler = future.getNow();
            if (finished) {
                mirrors.pool().release(handler);
            } else {
                send(handler);
            }
        });
    }

    private void send(BackendHandler handler) {
        backend = handler;
        handler.attach(this);
        Channel channel = handler.channel();
        bodyWritten = false;
        endWritten = false;
        writtenWhileUnwritable = 0;
        // a new head each time: the codec may change the one it writes, and a replaced connection writes again
        HttpRequest request = new DefaultHttpRequest(
                head.protocolVersion(), head.method(), head.uri(), head.headers().copy());
        channel.write(request, channel.voidPromise());
        ArrayDeque<HttpContent> parts = queued;
        HttpContent part;
        while (parts != null && (part = parts.poll()) != null) {
            bodyWritten |= part.content().isReadable();
            endWritten = part instanceof LastHttpContent;
            channel.write(part, channel.voidPromise());
        }
        queuedBytes = 0;
        if (bodyEnded && !endWritten) {
            // no body, or a replaced connection whose empty end went out on the one before
            channel.write(LastHttpContent.EMPTY_LAST_CONTENT, channel.voidPromise());
            endWritten = true;
        }
        channel.flush();
        channel.read();
    }

    @Override
    public void onBackendMessage(HttpObject message) {
        try {
            if (finished) {
                return;
            }
            answerStarted = true;
            if (message.decoderResult().isFailure()) {
                drop(MirrorDropReason.ERROR, endpoint + " sent an answer that does not parse");
                return;
            }
            if (message instanceof HttpResponse response) {
                int status = response.status().code();
                if (status >= 200 || status == 101) {
                    finalHeadSeen = true;
                    reusable = status != 101 && HopByHopHeaders.keepAlive(response);
                }
            }
            if (message instanceof LastHttpContent && finalHeadSeen) {
                // an answer before the whole request went out leaves the connection mid-request: not reusable
                finish(reusable && endWritten);
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    @Override
    public void onBackendBytes(io.netty.buffer.ByteBuf bytes) {
        // A mirror never asks to switch protocols; whatever arrives after a 101 is discarded like every answer.
        bytes.release();
    }

    @Override
    public void onBackendReadComplete() {
        if (!finished && backend != null) {
            backend.channel().read();
        }
    }

    @Override
    public void onBackendWritable() {
        // the copy never waits for writability (it writes as parts come); the mirror caught up: restart the count
        writtenWhileUnwritable = 0;
    }

    @Override
    public void onBackendClosed() {
        if (finished) {
            return;
        }
        backend = null;
        if (reusedConnection && !answerStarted && !bodyWritten) {
            // most likely the backend's keep-alive timeout racing the reuse: nothing was processed, try a new one
            connect();
            return;
        }
        drop(MirrorDropReason.ERROR, endpoint + " closed the connection before answering");
    }

    private void onTimeout() {
        if (!finished) {
            drop(MirrorDropReason.TIMEOUT, endpoint + " did not answer within " + TIMEOUT_SECONDS + " s");
        }
    }

    private void drop(MirrorDropReason reason, String why) {
        if (finished) {
            return;
        }
        mirrors.drop(reason, why);
        finish(false);
    }

    private void finish(boolean reuse) {
        if (finished) {
            return;
        }
        finished = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        ArrayDeque<HttpContent> parts = queued;
        HttpContent part;
        while (parts != null && (part = parts.poll()) != null) {
            part.release();
        }
        BackendHandler current = backend;
        backend = null;
        if (current != null) {
            current.detach();
            if (reuse && current.channel().isActive()) {
                mirrors.pool().release(current);
            } else {
                // closing fails what is still in its outbound buffer, which releases those parts
                current.channel().close();
            }
        }
        mirrors.finished();
    }
}
