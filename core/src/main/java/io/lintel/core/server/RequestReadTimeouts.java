package io.lintel.core.server;

import io.lintel.core.proxy.ErrorResponses;
import io.lintel.core.proxy.RejectedRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slowloris defences for one client connection (or HTTP/2 stream): a request head must arrive within the head
 * timeout, counted from its first byte; a request body may not pause longer than the body idle timeout while the
 * gateway waits for it. Either expiry answers 408 with {@code Connection: close} and closes (or only closes, when a
 * response is already under way and a 408 would land in the middle of it).
 *
 * <p>Two handlers share this state: {@link #bytesHandler()} before the HTTP/1.1 codec sees where a head starts (its
 * first byte; the decoder says nothing until the head is complete) and, with a {@link HeadScanner}, where it ends and
 * whether it folds a line (obs-fold, refused with 400); {@link #messagesHandler()} after the codec sees the request
 * heads and body parts and the responses written, and writes the 408. An HTTP/2 stream has only the messages handler
 * (HEADERS arrive whole; the body idle timeout applies to its DATA).
 *
 * <p>Time only counts against the client while the gateway is waiting for it: when a timer expires and no read is
 * pending (backpressure from a slow backend, or a request not yet connected to one), it starts over instead. gRPC
 * requests (long-lived streams whose client may pause at will) and bodies the backend is already answering are not
 * timed. A connection has at most one timer: it is scheduled when a head or body starts and none is pending, and when
 * it fires it checks what is due then (re-arming itself, or not when nothing is being read), so a busy keep-alive
 * connection schedules about one timer per head timeout period rather than one per request.
 */
final class RequestReadTimeouts {

    static final String BYTES_NAME = "request-head-reader";
    static final String MESSAGES_NAME = "request-read-timeouts";

    private static final Logger LOG = LoggerFactory.getLogger(RequestReadTimeouts.class);

    private enum State {
        /** No request is being read: the next byte starts a head. */
        IDLE,
        /** A head is arriving. */
        HEAD,
        /** The scanner found the head's end; the codec has not handed the request on yet. */
        HEAD_READ,
        /** The head has arrived; the body (possibly empty) is arriving. */
        BODY
    }

    private final long headNanos;
    private final long bodyNanos;
    private final HeadScanner scanner = new HeadScanner();

    private Channel channel;
    private ChannelHandlerContext messages;
    private State state = State.IDLE;
    /**
     * Whether the next head starts exactly where the bytes handler will see it start, so that it can be scanned: true
     * at the start and after a request whose head the scanner delimited and whose body was empty or as long as its
     * Content-Length said (the bytes handler splits there); false after a chunked body, whose end only the codec
     * knows. Such heads are timed but not scanned (Netty unfolds an obs-fold into spaces, which RFC 9112 allows).
     */
    private boolean exactStart = true;
    private boolean nextExact;
    /** Body bytes of the current request still to come, when its head was delimited and it has a Content-Length. */
    private long bodyRemaining;
    private boolean headFolded;
    private long headStart;
    private long lastBodyRead;
    private boolean watchBody;
    private boolean responseStarted;
    /** Requests handed on whose response has not been written completely. */
    private int unanswered;
    /** A read was asked for and nothing has arrived since: the gateway is waiting for the client. */
    private boolean readPending;
    private ScheduledFuture<?> timer;
    private long timerDeadline;

    /**
     * @param headNanos head timeout (zero: none; always zero for HTTP/2 streams)
     * @param bodyNanos body idle timeout (zero: none)
     */
    RequestReadTimeouts(long headNanos, long bodyNanos) {
        this.headNanos = headNanos;
        this.bodyNanos = bodyNanos;
    }

    /** For before the HTTP/1.1 codec (raw bytes). */
    ChannelHandler bytesHandler() {
        return new Bytes();
    }

    /** For after the HTTP codec (request heads, body parts, responses). */
    ChannelHandler messagesHandler() {
        return new Messages();
    }

    private long now() {
        return channel.eventLoop().ticker().nanoTime();
    }

    // ---- the timer ---------------------------------------------------------------------------------------------

    private void arm(long deadline) {
        ScheduledFuture<?> pending = timer;
        if (pending != null) {
            if (timerDeadline - deadline <= 0) {
                return;  // fires earlier anyway and re-arms for what is due then
            }
            pending.cancel(false);
        }
        timerDeadline = deadline;
        timer = channel.eventLoop().schedule(this::check, Math.max(deadline - now(), 0), TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void check() {
        timer = null;
        if (!channel.isActive()) {
            return;
        }
        boolean head = state == State.HEAD && headNanos > 0;
        long deadline;
        if (head) {
            deadline = headStart + headNanos;
        } else if (state == State.BODY && watchBody && !responseStarted) {
            deadline = lastBodyRead + bodyNanos;
        } else {
            return;  // nothing to watch: armed again when a head or a body starts
        }
        long now = now();
        if (now - deadline < 0) {
            arm(deadline);
            return;
        }
        if (!readPending) {
            // the gateway is not reading the client (backpressure): not the client's delay, count again from now
            if (head) {
                headStart = now;
            } else {
                lastBodyRead = now;
            }
            arm(now + (head ? headNanos : bodyNanos));
            return;
        }
        LOG.debug("{}: request {} timeout expired", channel, head ? "head" : "body idle");
        ChannelHandlerContext out = messages;
        if (unanswered == (head ? 0 : 1) && !responseStarted && out != null && !out.isRemoved()) {
            out.writeAndFlush(ErrorResponses.create(HttpResponseStatus.REQUEST_TIMEOUT.code(), true))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    private void startHead() {
        state = State.HEAD;
        scanner.reset();
        if (headNanos > 0) {
            headStart = now();
            arm(headStart + headNanos);
        }
    }

    // ---- raw bytes -------------------------------------------------------------------------------------------

    /**
     * What both handlers of a connection share: they know its channel, cancel the timers when removed, and note that
     * the gateway asked for a read (time counts only while it waits for the client).
     */
    private abstract class Watching extends ChannelDuplexHandler {

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            cancel();
        }

        @Override
        public void read(ChannelHandlerContext ctx) {
            readPending = true;
            ctx.read();
        }
    }

    /** Before the codec: where heads start and end, and what they fold. */
    private final class Bytes extends Watching {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf buf) || !buf.isReadable()) {
                ctx.fireChannelRead(msg);
                return;
            }
            readPending = false;
            for (;;) {
                if (state == State.BODY && bodyRemaining > 0) {
                    // a Content-Length body: the next head starts right after it
                    long length = Math.min(bodyRemaining, buf.readableBytes());
                    bodyRemaining -= length;
                    if (length == buf.readableBytes()) {
                        break;
                    }
                    ctx.fireChannelRead(buf.readRetainedSlice((int) length));
                    if (ctx.isRemoved()) {
                        break;
                    }
                    continue;
                }
                if (state == State.IDLE) {
                    startHead();
                }
                if (state != State.HEAD || !exactStart) {
                    break;
                }
                int end = buf.forEachByte(buf.readerIndex(), buf.readableBytes(), scanner);
                if (end < 0) {
                    break;
                }
                state = State.HEAD_READ;
                headFolded = scanner.folded();
                int headLength = end + 1 - buf.readerIndex();
                if (headLength == buf.readableBytes()) {
                    break;
                }
                // hand the head on alone: the codec's verdict on it (body or not) says where the next head starts
                ctx.fireChannelRead(buf.readRetainedSlice(headLength));
                if (ctx.isRemoved()) {
                    break;
                }
            }
            ctx.fireChannelRead(buf);
        }
    }

    /**
     * Whether the request body idle timeout watches the body of {@code request}, {@code length} bytes long (-1: not
     * known ahead: chunked, or an HTTP/2 stream without Content-Length): one still to come, unless the request is a
     * gRPC call (docs/hardening.md: a client-streaming call may pause as long as its application likes). Shared by
     * the HTTP/1.x connections and stream channels here and by {@link Http2ClientStream}.
     */
    static boolean watchesBody(HttpRequest request, long length) {
        return length != 0 && !(request instanceof LastHttpContent)
                && !ErrorResponses.isGrpc(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
    }

    // ---- messages ----------------------------------------------------------------------------------------------

    /** After the codec: requests and body parts in, responses out. */
    private final class Messages extends Watching {

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            super.handlerAdded(ctx);
            messages = ctx;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            readPending = false;
            if (msg instanceof HttpRequest request) {
                onRequest(request);
            }
            if (msg instanceof HttpContent content) {
                onContent(content);
            }
            ctx.fireChannelRead(msg);
        }

        private void onRequest(HttpRequest request) {
            boolean delimited = state == State.HEAD_READ;
            unanswered++;
            responseStarted = false;
            state = State.BODY;
            bodyRemaining = 0;
            nextExact = false;
            if (headFolded) {
                headFolded = false;
                if (delimited && request.decoderResult().isSuccess()) {
                    request.setDecoderResult(DecoderResult.failure(
                            new RejectedRequest(400, "obsolete line folding (obs-fold) in the request head")));
                }
            }
            if (request.decoderResult().isFailure()) {
                watchBody = false;  // answered and closed at once
                return;
            }
            boolean chunked = HttpUtil.isTransferEncodingChunked(request);
            long length = chunked ? -1 : contentLength(request);
            if (delimited && length >= 0) {
                bodyRemaining = length;
                nextExact = true;
            }
            // (an HTTP/2 request with a body is chunked by the stream codec unless it has a Content-Length)
            watchBody = bodyNanos > 0 && watchesBody(request, length);
            if (watchBody) {
                lastBodyRead = now();
                arm(lastBodyRead + bodyNanos);
            }
        }

        /** The Content-Length, 0 without one, -1 when it is no number (HTTP/2: not checked by a codec of ours). */
        private static long contentLength(HttpRequest request) {
            try {
                return HttpUtil.getContentLength(request, 0L);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        private void onContent(HttpContent content) {
            if (watchBody) {
                lastBodyRead = now();
            }
            if (content instanceof LastHttpContent) {
                state = State.IDLE;
                watchBody = false;
                exactStart = nextExact;
            }
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            boolean tunnel = false;
            boolean last = msg instanceof LastHttpContent;
            if (msg instanceof HttpResponse response) {
                HttpResponseStatus status = response.status();
                if (status.codeClass() == HttpStatusClass.INFORMATIONAL) {
                    tunnel = status.code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code();
                    last = false;  // an interim response: the final one is still to come
                } else {
                    responseStarted = true;
                }
            }
            if (last && unanswered > 0) {
                unanswered--;
                responseStarted = false;
            }
            ctx.write(msg, promise);
            if (tunnel) {
                // the connection relays bytes from now on: no heads, no bodies to time
                ctx.pipeline().remove(this);
                if (ctx.pipeline().get(BYTES_NAME) != null) {
                    ctx.pipeline().remove(BYTES_NAME);
                }
            }
        }
    }
}
