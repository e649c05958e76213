package io.lintel.core.proxy;

import io.lintel.core.route.BackendEndpoint;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One request copy on its way to a mirror backend: sends it on a pooled (or new) connection, reads the answer only
 * to discard it, and gives the connection back when the answer ended cleanly. A pooled connection the backend had
 * closed before answering is replaced once. Gives up after {@link #TIMEOUT_SECONDS}. Runs on the pool's event loop.
 */
final class MirrorExchange implements BackendListener {

    static final long TIMEOUT_SECONDS = 30;

    private final RequestMirrors mirrors;
    private final BackendEndpoint endpoint;
    private final HttpRequest head;
    private final ByteBuf body;
    private BackendHandler backend;
    private boolean reusedConnection;
    private boolean answerStarted;
    private boolean finalHeadSeen;
    private boolean reusable;
    private boolean finished;
    private ScheduledFuture<?> timeout;

    /** @param body the body to send (owned by this exchange, released when it ends), or null */
    MirrorExchange(RequestMirrors mirrors, BackendEndpoint endpoint, HttpRequest head, ByteBuf body) {
        this.mirrors = mirrors;
        this.endpoint = endpoint;
        this.head = head;
        this.body = body;
    }

    void start() {
        timeout = mirrors.pool().eventLoop().schedule(this::onTimeout, TIMEOUT_SECONDS, TimeUnit.SECONDS);
        BackendHandler idle = mirrors.pool().pollIdle(endpoint);
        if (idle != null) {
            reusedConnection = true;
            send(idle);
        } else {
            connect();
        }
    }

    private void connect() {
        reusedConnection = false;
        ChannelFuture future = mirrors.pool().connect(endpoint);
        future.addListener(f -> {
            BackendHandler handler = f.isSuccess() ? BackendHandler.of(future.channel()) : null;
            if (finished) {
                if (handler != null) {
                    mirrors.pool().release(handler);
                }
            } else if (handler == null) {
                future.channel().close();
                finish(false);
            } else {
                send(handler);
            }
        });
    }

    private void send(BackendHandler handler) {
        backend = handler;
        handler.attach(this);
        Channel channel = handler.channel();
        // a new head each time: the codec may change the one it writes, and a replaced connection writes again
        HttpRequest request = new DefaultHttpRequest(
                head.protocolVersion(), head.method(), head.uri(), head.headers().copy());
        channel.write(request, channel.voidPromise());
        channel.write(body == null
                ? LastHttpContent.EMPTY_LAST_CONTENT
                : new DefaultLastHttpContent(body.retainedDuplicate()), channel.voidPromise());
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
                finish(false);
                return;
            }
            if (message instanceof HttpResponse response) {
                int status = response.status().code();
                if (status >= 200 || status == 101) {
                    finalHeadSeen = true;
                    reusable = status != 101 && HttpUtil.isKeepAlive(response);
                }
            }
            if (message instanceof LastHttpContent && finalHeadSeen) {
                finish(reusable);
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
        // the copy is written at once; nothing waits for writability
    }

    @Override
    public void onBackendClosed() {
        if (finished) {
            return;
        }
        backend = null;
        if (reusedConnection && !answerStarted) {
            // most likely the backend's keep-alive timeout racing the reuse: nothing was processed, try a new one
            connect();
            return;
        }
        finish(false);
    }

    private void onTimeout() {
        if (!finished) {
            finish(false);
        }
    }

    private void finish(boolean reuse) {
        if (finished) {
            return;
        }
        finished = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (body != null) {
            body.release();
        }
        BackendHandler current = backend;
        backend = null;
        if (current != null) {
            current.detach();
            if (reuse && current.channel().isActive()) {
                mirrors.pool().release(current);
            } else {
                current.channel().close();
            }
        }
        mirrors.finished();
    }
}
